import { describe, expect, it } from 'vitest';
import { evaluateTrend, median, slopePerSec } from '../../../lib/diagnosis/window-stats';

const series = (values: number[]) => values.map((value, i) => ({ atMs: i * 1000, value }));

describe('median', () => {
  const cases: { desc: string; input: number[]; expected: number | null }[] = [
    { desc: 'nothing has no median', input: [], expected: null },
    { desc: 'odd count: the middle value', input: [5, 1, 3], expected: 3 },
    { desc: 'even count: the mean of the middle two', input: [4, 1, 3, 2], expected: 2.5 },
    { desc: 'an outlier does not move it', input: [1, 1, 1, 1_000_000, 1], expected: 1 },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(median(input)).toBe(expected));
});

describe('slopePerSec', () => {
  it('is the least-squares slope per second', () => {
    expect(slopePerSec(series([0, 10, 20, 30]))).toBeCloseTo(10, 9);
    expect(slopePerSec(series([5]))).toBe(0);
  });
});

describe('evaluateTrend', () => {
  const cases: { desc: string; input: { values: number[]; minChange?: number }; expected: string }[] = [
    { desc: 'too few points', input: { values: [1, 2] }, expected: 'insufficient' },
    { desc: 'steady growth', input: { values: [0, 10, 20, 30, 40, 50, 60, 70, 80] }, expected: 'growing' },
    { desc: 'growth with one dip at the end still grows (Burrow would reset)', input: { values: [0, 10, 20, 30, 40, 50, 60, 5, 80] }, expected: 'growing' },
    { desc: 'growth with one dip in the middle still grows', input: { values: [0, 10, 20, 30, 0, 50, 60, 70, 80] }, expected: 'growing' },
    { desc: 'a commit sawtooth is flat, not growing', input: { values: [10, 20, 30, 40, 0, 10, 20, 30, 40, 0, 10, 20, 30, 40, 0] }, expected: 'flat' },
    {
      desc: 'a late median above the early median but below the early peak is the sawtooth’s phase, not growth',
      input: { values: [0, 40, 5, 35, 20, 20, 20, 20, 30, 25, 10, 35] },
      expected: 'flat',
    },
    { desc: 'draining', input: { values: [90, 80, 70, 60, 50, 40, 30, 20, 10] }, expected: 'shrinking' },
    { desc: 'growth below the noise floor is flat', input: { values: [0, 1, 2, 3, 4, 5, 6, 7, 8] , minChange: 10 }, expected: 'flat' },
    { desc: 'growth above the noise floor grows', input: { values: [0, 5, 10, 15, 20, 25, 30, 35, 40], minChange: 10 }, expected: 'growing' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(evaluateTrend(series(input.values), input.minChange).kind).toBe(expected));

  it('reports the early and late medians it compared', () => {
    expect(evaluateTrend(series([0, 10, 20, 30, 40, 50, 60, 70, 80]))).toEqual({ kind: 'growing', slopePerSec: 10, earlyMedian: 10, lateMedian: 70 });
  });
});
