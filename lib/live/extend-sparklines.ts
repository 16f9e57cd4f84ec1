import { SPARKLINE_POINTS, type OverviewDelta, type SparkPoint } from './live-wire';

/**
 * The overview's sparklines after a delta. Only the rows the delta names get a point (a new row
 * its first, a changed `lagMessages` its next one): a row left out kept its lag, which the
 * sparkline draws by carrying the last point to the frame's time. Untouched rows keep their
 * arrays, so 5,000 rows of which a tenth change copy 500 short arrays, not 5,000.
 */
export function extendSparklines(previous: Readonly<Record<string, SparkPoint[]>>, delta: OverviewDelta): Record<string, SparkPoint[]> {
  const next: Record<string, SparkPoint[]> = { ...previous };
  for (const id of delta.removed) delete next[id];
  const fromMs = sparklineStartMs(delta.atMs, delta.intervalMs);
  for (const row of delta.added) next[row.pipelineId] = [[delta.atMs, row.lagMessages]];
  for (const patch of delta.changed) {
    if (!('lagMessages' in patch)) continue;
    next[patch.pipelineId] = trimSparkline([...(next[patch.pipelineId] ?? []), [delta.atMs, patch.lagMessages ?? null]], fromMs);
  }
  return next;
}

/** The time the sparkline of a frame at `atMs` starts: SPARKLINE_POINTS cycles back. */
export function sparklineStartMs(atMs: number, intervalMs: number): number {
  return atMs - SPARKLINE_POINTS * intervalMs;
}

/** Points since `fromMs`, plus the last one before it: the value the line starts with. */
export function trimSparkline(points: SparkPoint[], fromMs: number): SparkPoint[] {
  let first = 0;
  while (first + 1 < points.length && points[first + 1]![0] <= fromMs) first++;
  return first === 0 ? points : points.slice(first);
}
