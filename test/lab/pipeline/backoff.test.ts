import { describe, expect, it } from 'vitest';
import { fullJitterDelayMs, retryDelayMs } from '../../../lab/pipeline/backoff';

const policy = { baseMs: 100, capMs: 5_000 };
const almostOne = 0.999_999;

describe('fullJitterDelayMs', () => {
  const cases = [
    { desc: 'first retry tops out at base', input: { attempt: 0 }, expected: 100 },
    { desc: 'doubles per attempt', input: { attempt: 3 }, expected: 800 },
    { desc: 'last attempt under the cap', input: { attempt: 5 }, expected: 3_200 },
    { desc: 'capped from attempt 6 on', input: { attempt: 6 }, expected: 5_000 },
    { desc: 'stays capped for huge attempts', input: { attempt: 60 }, expected: 5_000 },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(fullJitterDelayMs(input.attempt, policy, () => 0)).toBe(0);
    expect(fullJitterDelayMs(input.attempt, policy, () => almostOne)).toBe(expected - 1);
    expect(fullJitterDelayMs(input.attempt, policy, () => 0.5)).toBe(expected / 2);
  });

  it('stays within [0, min(cap, base*2^n)) for real randomness', () => {
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
      for (let i = 0; i < 200; i += 1) {
        const delay = fullJitterDelayMs(attempt, policy);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });
});

describe('retryDelayMs', () => {
  const cases = [
    { desc: 'no Retry-After: the jittered delay', input: { attempt: 2, retryAfterMs: null, random: 0.5 }, expected: 200 },
    { desc: 'Retry-After longer than the jitter wins', input: { attempt: 0, retryAfterMs: 1_000, random: 0.5 }, expected: 1_000 },
    { desc: 'jitter longer than Retry-After wins', input: { attempt: 6, retryAfterMs: 1_000, random: 0.5 }, expected: 2_500 },
    { desc: 'Retry-After is capped too', input: { attempt: 0, retryAfterMs: 60_000, random: 0 }, expected: 5_000 },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(retryDelayMs(input.attempt, input.retryAfterMs, policy, () => input.random)).toBe(expected);
  });
});
