import type { OffsetObservation, OffsetTimeTable } from './offset-observation';

/**
 * Removes the interior point whose loss moves an interpolated time the least, so a full table
 * thins out steady stretches and keeps the corners of bursts and flat runs. The first and last
 * points always stay: they bound the observed range.
 */
export function dropLeastInformativePoint(table: OffsetTimeTable): OffsetTimeTable {
  if (table.length <= 2) return table;
  let dropIndex = 1;
  let smallestErrorMs = Infinity;
  for (let i = 1; i < table.length - 1; i++) {
    // Times are whole milliseconds, so sub-millisecond differences are float noise; among equal
    // errors the oldest point goes, keeping recent resolution.
    const errorMs = Math.round(interpolationErrorMs(table[i - 1]!, table[i]!, table[i + 1]!));
    if (errorMs < smallestErrorMs) {
      smallestErrorMs = errorMs;
      dropIndex = i;
    }
  }
  return [...table.slice(0, dropIndex), ...table.slice(dropIndex + 1)];
}

/**
 * How far the time for `middle`'s offset would move if it were interpolated from its neighbours.
 * On a flat-run edge this is the run's whole duration, which is why those points survive.
 */
export function interpolationErrorMs(
  before: OffsetObservation,
  middle: OffsetObservation,
  after: OffsetObservation,
): number {
  const offsetSpan = Number(after.logEndOffset - before.logEndOffset);
  if (offsetSpan === 0) return 0;
  const fraction = Number(middle.logEndOffset - before.logEndOffset) / offsetSpan;
  const interpolatedMs = before.observedAtMs + fraction * (after.observedAtMs - before.observedAtMs);
  return Math.abs(interpolatedMs - middle.observedAtMs);
}
