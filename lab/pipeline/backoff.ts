import { fullJitterDelayMs, type Backoff } from '../../lib/backoff';

export const DEFAULT_BACKOFF: Backoff = { initialMs: 100, maxMs: 5_000 };

/**
 * The delay before retry `attempt` (counted from 0): full jitter, but never sooner than the sink
 * asked (Retry-After), and never above the cap.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const jittered = fullJitterDelayMs(attempt + 1, backoff, random);
  return Math.min(backoff.maxMs, Math.max(jittered, retryAfterMs ?? 0));
}
