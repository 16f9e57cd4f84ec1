import { describe, expect, it } from 'vitest';
import { pushBounded } from '../../../lib/live/bounded-history';

describe('pushBounded', () => {
  it.each([
    { desc: 'appends under the limits', history: [0, 1_000], push: 2_000, limits: { maxEntries: 5, maxAgeMs: 60_000 }, expected: [0, 1_000, 2_000] },
    { desc: 'drops the oldest beyond the count', history: [0, 1_000, 2_000], push: 3_000, limits: { maxEntries: 3, maxAgeMs: 60_000 }, expected: [1_000, 2_000, 3_000] },
    { desc: 'drops what is older than the age', history: [0, 50_000, 55_000], push: 70_000, limits: { maxEntries: 10, maxAgeMs: 20_000 }, expected: [50_000, 55_000, 70_000] },
  ])('$desc', ({ history, push, limits, expected }) => {
    const result = pushBounded(history.map((atMs) => ({ atMs })), { atMs: push }, limits);
    expect(result.map((e) => e.atMs)).toEqual(expected);
  });

  it('stays flat over a long run', () => {
    let history: { atMs: number }[] = [];
    for (let i = 0; i < 100_000; i++) history = pushBounded(history, { atMs: i * 1_000 }, { maxEntries: 720, maxAgeMs: 3_600_000 });
    expect(history).toHaveLength(720);
  });
});
