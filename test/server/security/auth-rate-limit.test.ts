import { describe, expect, it } from 'vitest';
import { createAuthRateLimiter } from '../../../server/security/auth-rate-limit';

function limiter() {
  let nowMs = 1_000_000;
  const limit = createAuthRateLimiter({ maxFailures: 3, windowMs: 60_000, maxAddresses: 2, now: () => nowMs });
  return { limit, advance: (ms: number) => (nowMs += ms) };
}

describe('auth rate limit', () => {
  it('lets failures up to the limit through, then asks to wait until the oldest leaves the window', () => {
    const { limit, advance } = limiter();
    for (let i = 0; i < 3; i++) {
      expect(limit.check('a')).toEqual({ ok: true });
      limit.recordFailure('a');
      advance(10_000);
    }
    expect(limit.check('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect(limit.check('b')).toEqual({ ok: true });
    advance(30_000);
    expect(limit.check('a')).toEqual({ ok: true });
  });

  it.each([
    { desc: 'one failure short of the limit', failures: 2, expected: true },
    { desc: 'at the limit', failures: 3, expected: false },
    { desc: 'far past the limit', failures: 50, expected: false },
  ])('$desc', ({ failures, expected }) => {
    const { limit } = limiter();
    for (let i = 0; i < failures; i++) limit.recordFailure('a');
    expect(limit.check('a').ok).toBe(expected);
  });

  it('forgets the oldest address first when it holds too many', () => {
    const { limit } = limiter();
    for (const address of ['a', 'b', 'c']) for (let i = 0; i < 3; i++) limit.recordFailure(address);
    expect(['a', 'b', 'c'].map((address) => limit.check(address).ok)).toEqual([true, false, false]);
  });
});
