/** How long to wait after failures: doubling from `initialMs`, never above `maxMs`. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** The ceiling after `failures` consecutive failures (1 = the first): initialMs × 2^(failures − 1), capped at maxMs. */
export function backoffCeilingMs(failures: number, backoff: Backoff): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1));
}

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff And Jitter): uniform in [0, ceiling),
 * so clients retrying after one outage spread out instead of returning together.
 */
export function fullJitterDelayMs(failures: number, backoff: Backoff, random: () => number): number {
  return Math.floor(Math.min(Math.max(random(), 0), 1) * backoffCeilingMs(failures, backoff));
}
