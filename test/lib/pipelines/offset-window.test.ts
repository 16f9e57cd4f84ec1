import { describe, expect, it } from 'vitest';
import { pushReading, windowRate, type OffsetWindow } from '../../../lib/pipelines/offset-window';

const limits = { windowMs: 10_000, maxReadings: 64 };
const fill = (readings: [number, number][]): OffsetWindow =>
  readings.reduce<OffsetWindow>((w, [atMs, offset]) => pushReading(w, { atMs, offset: BigInt(offset) }, limits), []);

describe('offset window', () => {
  const cases = [
    { desc: 'no rate from one reading', readings: [[0, 100]] as [number, number][], expected: null },
    { desc: 'steady 50/s', readings: [[0, 0], [1_000, 50], [2_000, 100]] as [number, number][], expected: 50 },
    {
      desc: 'stepwise commits average out over the window',
      readings: [[0, 0], [1_000, 0], [2_000, 200], [3_000, 200], [4_000, 400]] as [number, number][],
      expected: 100,
    },
    {
      desc: 'only the last window counts (one reading before its start is kept)',
      readings: [[0, 0], [5_000, 0], [11_000, 0], [15_000, 400], [21_000, 1_000]] as [number, number][],
      expected: 100,
    },
    { desc: 'a reset drops what came before', readings: [[0, 500], [1_000, 600], [2_000, 10], [3_000, 20]] as [number, number][], expected: 10 },
    { desc: 'idle partition reads 0, not null', readings: [[0, 7], [1_000, 7], [2_000, 7]] as [number, number][], expected: 0 },
  ];
  it.each(cases)('$desc', ({ readings, expected }) => {
    const rate = windowRate(fill(readings));
    if (expected === null) expect(rate).toBeNull();
    else expect(rate).toBeCloseTo(expected, 6);
  });

  it('stays bounded by count', () => {
    const window = fill(Array.from({ length: 500 }, (_, i) => [i * 10, i] as [number, number]));
    expect(window.length).toBeLessThanOrEqual(64);
    expect(windowRate(window)).toBeCloseTo(100, 6);
  });

  it('ignores a reading that is not newer', () => {
    const window = fill([[0, 0], [1_000, 10]]);
    expect(pushReading(window, { atMs: 1_000, offset: 20n }, limits)).toBe(window);
  });
});
