import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../lab/pipeline/backoff';

const policy = { initialMs: 100, maxMs: 5_000 };


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
