import { describe, expect, it } from 'vitest';
import { dropLeastInformativePoint, interpolationErrorMs } from '../../../lib/time-lag/drop-least-informative-point';
import type { OffsetTimeTable } from '../../../lib/time-lag/offset-time-table';

const at = (offset: number, observedAtMs: number) => ({ logEndOffset: BigInt(offset), observedAtMs });

describe('interpolationErrorMs', () => {
  const cases = [
    { desc: 'a point on a steady line carries no information', input: [at(0, 0), at(50, 5_000), at(100, 10_000)], expected: 0 },
    { desc: 'a point off the line is worth its distance in time', input: [at(0, 0), at(90, 5_000), at(100, 10_000)], expected: 4_000 },
    { desc: 'the end of a flat run is worth the run duration', input: [at(100, 0), at(100, 8_000), at(200, 10_000)], expected: 8_000 },
    { desc: 'the start of a flat run is worth the time until the next point', input: [at(0, 0), at(100, 2_000), at(100, 10_000)], expected: 8_000 },
    { desc: 'between equal neighbours nothing moves', input: [at(100, 0), at(100, 5_000), at(100, 10_000)], expected: 0 },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const [before, middle, after] = input;
    expect(interpolationErrorMs(before!, middle!, after!)).toBe(expected);
  });
});

describe('dropLeastInformativePoint', () => {
  const cases: { desc: string; input: OffsetTimeTable; expected: OffsetTimeTable }[] = [
    { desc: 'two points are never thinned', input: [at(0, 0), at(10, 1_000)], expected: [at(0, 0), at(10, 1_000)] },
    {
      desc: 'drops the point closest to its neighbours’ line',
      input: [at(0, 0), at(90, 1_000), at(100, 2_000), at(110, 3_000), at(300, 4_000)],
      expected: [at(0, 0), at(90, 1_000), at(110, 3_000), at(300, 4_000)],
    },
    {
      desc: 'among equally redundant points the oldest goes',
      input: [at(0, 0), at(10, 1_000), at(20, 2_000), at(30, 3_000)],
      expected: [at(0, 0), at(20, 2_000), at(30, 3_000)],
    },
    {
      desc: 'keeps both corners of a flat run',
      input: [at(0, 0), at(100, 1_000), at(100, 9_000), at(200, 10_000), at(300, 11_000)],
      expected: [at(0, 0), at(100, 1_000), at(100, 9_000), at(300, 11_000)],
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(dropLeastInformativePoint(input)).toEqual(expected));
});
