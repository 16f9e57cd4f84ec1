import type { OffsetObservation, OffsetTimeTable } from './offset-time-table';

/**
 * Lag in seconds = age of the oldest unconsumed record (the one at the committed offset), read
 * off the partition's offset/time table: the record at offset c was appended when the log end
 * first reached c + 1.
 */

export type TimeLagEstimate =
  /** Exactly zero, however long the topic has been idle. */
  | { kind: 'caught-up'; seconds: 0 }
  | { kind: 'estimated'; seconds: number; confidence: 'interpolated' }
  /**
   * The record predates the table, so its age comes from the table's average produce rate.
   * `capped`: the estimate hit the extrapolation bound and the real lag is likely larger.
   */
  | { kind: 'estimated'; seconds: number; confidence: 'extrapolated'; capped: boolean }
  | { kind: 'unknown'; reason: 'no-commit' | 'no-observations' | 'no-produce-rate' | 'invalid-clock' };

export interface ExtrapolationBound {
  /** Reach back past the oldest observation at most this many times the table's span. */
  spanFactor: number;
  /** And never further than this, whatever the span. */
  maxMs: number;
}

/**
 * 10× the observed span: a rate seen over a minute says little about the day before, so a
 * reprocessing consumer shows "at least ~11 min, capped" rather than a months-old guess. 24 h
 * caps tables configured longer than the default hour.
 */
export const DEFAULT_EXTRAPOLATION_BOUND: ExtrapolationBound = { spanFactor: 10, maxMs: 86_400_000 };

export function estimateLagSeconds(
  table: OffsetTimeTable,
  committedOffset: bigint | null,
  nowMs: number,
  bound: ExtrapolationBound = DEFAULT_EXTRAPOLATION_BOUND,
): TimeLagEstimate {
  if (committedOffset === null) return { kind: 'unknown', reason: 'no-commit' };
  if (!Number.isFinite(nowMs)) return { kind: 'unknown', reason: 'invalid-clock' };
  const oldest = table[0];
  const newest = table.at(-1);
  if (oldest === undefined || newest === undefined) return { kind: 'unknown', reason: 'no-observations' };
  if (committedOffset >= newest.logEndOffset) return { kind: 'caught-up', seconds: 0 };

  const target = committedOffset + 1n;
  const firstReached = findFirstReaching(table, target);
  const before = table[firstReached - 1];
  const reached = table[firstReached];
  if (before !== undefined && reached !== undefined) {
    return { kind: 'estimated', seconds: secondsSince(interpolateMs(before, reached, target), nowMs), confidence: 'interpolated' };
  }

  const spanMs = newest.observedAtMs - oldest.observedAtMs;
  const producedMessages = Number(newest.logEndOffset - oldest.logEndOffset);
  if (spanMs <= 0 || producedMessages <= 0) return { kind: 'unknown', reason: 'no-produce-rate' };
  const reachMs = (Number(oldest.logEndOffset - target) * spanMs) / producedMessages;
  const maxReachMs = Math.min(spanMs * bound.spanFactor, bound.maxMs);
  const capped = reachMs > maxReachMs;
  return {
    kind: 'estimated',
    seconds: secondsSince(oldest.observedAtMs - (capped ? maxReachMs : reachMs), nowMs),
    confidence: 'extrapolated',
    capped,
  };
}

/** Index of the first observation whose log end is at least `target`; table.length if none. */
function findFirstReaching(table: OffsetTimeTable, target: bigint): number {
  let low = 0;
  let high = table.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (table[middle]!.logEndOffset >= target) high = middle;
    else low = middle + 1;
  }
  return low;
}

function interpolateMs(before: OffsetObservation, after: OffsetObservation, target: bigint): number {
  const fraction = Number(target - before.logEndOffset) / Number(after.logEndOffset - before.logEndOffset);
  return before.observedAtMs + fraction * (after.observedAtMs - before.observedAtMs);
}

/** A `nowMs` older than the table (a late caller) reads as zero, never negative. */
function secondsSince(producedAtMs: number, nowMs: number): number {
  return Math.max(0, nowMs - producedAtMs) / 1000;
}
