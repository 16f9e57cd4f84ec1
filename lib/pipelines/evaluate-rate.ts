/** Per-second rate between two readings of a monotonic counter (offsets, Prometheus counters). */

export interface CounterReading {
  value: bigint | number;
  atMs: number;
}

export type RateOutcome =
  | { kind: 'rate'; perSecond: number; elapsedMs: number }
  /** The counter went down (process restart, topic recreated): no rate rather than a negative one. */
  | { kind: 'reset'; elapsedMs: number }
  /** Readings further apart than the gap bound: an average over missed cycles is not a current rate. */
  | { kind: 'gap'; elapsedMs: number }
  | { kind: 'zero-elapsed' }
  | { kind: 'out-of-order'; elapsedMs: number }
  | { kind: 'invalid'; reason: 'non-finite-value' | 'non-finite-time' };

/** Six cycles at the slowest (5 s) sampling interval: a few missed samples still count as current. */
export const DEFAULT_MAX_GAP_MS = 30_000;

export function evaluateRate(prev: CounterReading, next: CounterReading, maxGapMs: number = DEFAULT_MAX_GAP_MS): RateOutcome {
  if (!Number.isFinite(prev.atMs) || !Number.isFinite(next.atMs)) return { kind: 'invalid', reason: 'non-finite-time' };
  const delta = difference(prev.value, next.value);
  if (!Number.isFinite(delta)) return { kind: 'invalid', reason: 'non-finite-value' };
  const elapsedMs = next.atMs - prev.atMs;
  if (elapsedMs === 0) return { kind: 'zero-elapsed' };
  if (elapsedMs < 0) return { kind: 'out-of-order', elapsedMs };
  if (delta < 0) return { kind: 'reset', elapsedMs };
  if (elapsedMs > maxGapMs) return { kind: 'gap', elapsedMs };
  return { kind: 'rate', perSecond: (delta * 1000) / elapsedMs, elapsedMs };
}

/** Subtracts in bigint when both are bigint, so int64 offsets keep exact differences. */
function difference(prev: bigint | number, next: bigint | number): number {
  if (typeof prev === 'bigint' && typeof next === 'bigint') return Number(next - prev);
  return Number(next) - Number(prev);
}
