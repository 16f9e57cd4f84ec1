export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 100, capMs: 5_000 };

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff And Jitter): a uniform delay in
 * [0, min(cap, base * 2^attempt)], so retrying consumers spread out instead of stampeding together.
 * `attempt` counts retries from 0.
 */
export function fullJitterDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceilingMs = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceilingMs);
}

/** The delay before the next retry: the jittered backoff, but never sooner than the sink asked (Retry-After), and never above the cap. */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const jittered = fullJitterDelayMs(attempt, policy, random);
  return Math.min(policy.capMs, Math.max(jittered, retryAfterMs ?? 0));
}
