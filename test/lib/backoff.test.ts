import { describe, expect, it } from 'vitest';
import { backoffCeilingMs, fullJitterDelayMs } from '../../lib/backoff';

describe('backoffCeilingMs: doubling from initialMs, capped at maxMs', () => {
  it.each([
    { failures: 1, expected: 1_000 },
    { failures: 2, expected: 2_000 },
    { failures: 4, expected: 8_000 },
    { failures: 20, expected: 30_000 },
  ])('$failures failures → $expected ms', ({ failures, expected }) => expect(backoffCeilingMs(failures, { initialMs: 1_000, maxMs: 30_000 })).toBe(expected));
});

describe('fullJitterDelayMs: full jitter under a doubling cap', () => {
  const backoff = { initialMs: 1_000, maxMs: 60_000 };
  const cases: { desc: string; input: { failures: number; random: number }; expected: number }[] = [
    { desc: 'first failure, top of the range', input: { failures: 1, random: 0.999 }, expected: 999 },
    { desc: 'the second doubles the cap', input: { failures: 2, random: 0.999 }, expected: 1_998 },
    { desc: 'failure 4', input: { failures: 4, random: 0.5 }, expected: 4_000 },
    { desc: 'the cap stops at maxMs', input: { failures: 20, random: 0.999 }, expected: 59_940 },
    { desc: 'jitter can mean no wait at all', input: { failures: 3, random: 0 }, expected: 0 },
    { desc: 'a random() out of range is clamped', input: { failures: 1, random: 7 }, expected: 1_000 },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(fullJitterDelayMs(input.failures, backoff, () => input.random)).toBe(expected);
  });

  it('stays within [0, min(max, initial × 2^(n−1))) for real randomness', () => {
    const small = { initialMs: 100, maxMs: 5_000 };
    for (let failures = 1; failures < 13; failures += 1) {
      const ceiling = Math.min(small.maxMs, small.initialMs * 2 ** (failures - 1));
      for (let i = 0; i < 200; i += 1) {
        const delay = fullJitterDelayMs(failures, small, Math.random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });
});
