/**
 * Failed authentications per client address in a sliding window: past the limit the address must
 * wait, so a token cannot be guessed at network speed. Bounded by address count: the oldest
 * address is forgotten first.
 */
export interface AuthRateLimitOptions {
  maxFailures: number;
  windowMs: number;
  maxAddresses: number;
  now: () => number;
}

export const DEFAULT_AUTH_RATE_LIMIT: AuthRateLimitOptions = { maxFailures: 10, windowMs: 60_000, maxAddresses: 10_000, now: Date.now };

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface AuthRateLimiter {
  /** Before checking a presented credential. */
  check(address: string): RateDecision;
  recordFailure(address: string): void;
}

export function createAuthRateLimiter(options: AuthRateLimitOptions = DEFAULT_AUTH_RATE_LIMIT): AuthRateLimiter {
  const failures = new Map<string, number[]>();

  function recent(address: string, nowMs: number): number[] {
    const kept = (failures.get(address) ?? []).filter((atMs) => nowMs - atMs < options.windowMs);
    if (kept.length === 0) failures.delete(address);
    else failures.set(address, kept);
    return kept;
  }

  return {
    check(address) {
      const nowMs = options.now();
      const kept = recent(address, nowMs);
      if (kept.length < options.maxFailures) return { ok: true };
      const oldest = kept[kept.length - options.maxFailures]!;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + options.windowMs - nowMs) / 1000)) };
    },
    recordFailure(address) {
      const nowMs = options.now();
      const kept = recent(address, nowMs);
      // Re-inserting moves the address to the end: Map order is the eviction order.
      failures.delete(address);
      failures.set(address, [...kept, nowMs].slice(-options.maxFailures));
      while (failures.size > options.maxAddresses) failures.delete(failures.keys().next().value!);
    },
  };
}
