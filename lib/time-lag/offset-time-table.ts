import { dropLeastInformativePoint } from './drop-least-informative-point';
import type { OffsetObservation, OffsetTimeTable } from './offset-observation';

/**
 * A partition's log-end offset over time, one observation per sampling cycle: the table that
 * turns "how many messages behind" into "how many seconds behind". Immutable; every change
 * returns a new table.
 */

// The types live apart so drop-least-informative-point.ts can use them without importing this file back.
export type { OffsetObservation, OffsetTimeTable } from './offset-observation';

export interface OffsetTimeTableLimits {
  maxPoints: number;
  maxAgeMs: number;
}

/**
 * One hour bounds by age. 120 points bound the size and the per-cycle cost per partition
 * whatever the history length (an append copies the table): a steady stretch interpolates
 * exactly from its ends, so a full table thins it and keeps the corners of bursts and flat runs
 * (dropLeastInformativePoint). At 5 s cycles that is one point per 30 s of steady production.
 */
export const DEFAULT_OFFSET_TIME_TABLE_LIMITS: OffsetTimeTableLimits = { maxPoints: 120, maxAgeMs: 3_600_000 };

export const EMPTY_OFFSET_TIME_TABLE: OffsetTimeTable = [];

export type AppendOutcome =
  | { kind: 'appended'; table: OffsetTimeTable }
  /** The end offset went backwards: the topic was deleted and recreated, old times mean nothing. */
  | { kind: 'reset'; table: OffsetTimeTable; previousLogEndOffset: bigint }
  | { kind: 'ignored'; table: OffsetTimeTable; reason: 'not-newer' | 'invalid-observation' };

export function appendObservation(
  table: OffsetTimeTable,
  observation: OffsetObservation,
  limits: OffsetTimeTableLimits = DEFAULT_OFFSET_TIME_TABLE_LIMITS,
): AppendOutcome {
  if (!Number.isFinite(observation.observedAtMs) || observation.logEndOffset < 0n) {
    return { kind: 'ignored', table, reason: 'invalid-observation' };
  }
  const last = table.at(-1);
  if (last === undefined) return { kind: 'appended', table: [observation] };
  if (observation.observedAtMs <= last.observedAtMs) return { kind: 'ignored', table, reason: 'not-newer' };
  if (observation.logEndOffset < last.logEndOffset) {
    return { kind: 'reset', table: [observation], previousLogEndOffset: last.logEndOffset };
  }
  // A flat run keeps only its first point (when the offset was reached) and its last (until when
  // nothing more arrived): the middle adds nothing to interpolation.
  const beforeLast = table.at(-2);
  const extendsFlatRun =
    beforeLast !== undefined &&
    beforeLast.logEndOffset === last.logEndOffset &&
    last.logEndOffset === observation.logEndOffset;
  const grown = extendsFlatRun ? [...table.slice(0, -1), observation] : [...table, observation];
  return { kind: 'appended', table: enforceLimits(grown, limits) };
}

function enforceLimits(table: OffsetTimeTable, { maxPoints, maxAgeMs }: OffsetTimeTableLimits): OffsetTimeTable {
  const newestMs = table.at(-1)?.observedAtMs ?? 0;
  let bounded: OffsetTimeTable = table.filter((point) => point.observedAtMs >= newestMs - maxAgeMs);
  // Interpolation needs two points, so fewer is never a valid bound.
  const pointBound = Math.max(2, maxPoints);
  while (bounded.length > pointBound) bounded = dropLeastInformativePoint(bounded);
  return bounded;
}
