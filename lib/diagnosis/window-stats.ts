/** Robust statistics over a window of readings: medians and a trend that one dip cannot reset. */

export interface Point {
  atMs: number;
  value: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Least-squares slope in units per second; 0 with fewer than two distinct times. */
export function slopePerSec(points: readonly Point[]): number {
  if (points.length < 2) return 0;
  const meanT = points.reduce((s, p) => s + p.atMs, 0) / points.length;
  const meanV = points.reduce((s, p) => s + p.value, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.atMs - meanT) * (p.value - meanV);
    den += (p.atMs - meanT) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 1000;
}

export type Trend =
  | { kind: 'growing' | 'shrinking' | 'flat'; slopePerSec: number; earlyMedian: number; lateMedian: number }
  | { kind: 'insufficient'; points: number };

export const MIN_TREND_POINTS = 3;

/**
 * Growing when the median of the last third exceeds the peak of the first third and the slope is
 * positive; shrinking symmetrically. Against the peak, not the median: commits land in steps, so
 * a healthy lag is a sawtooth whose teeth must not read as growth. A median, not the last value:
 * one dip must not reset a warning (Burrow's "lag increased in every interval" does).
 * `minChange` is the noise floor: a change smaller than it is flat.
 */
export function evaluateTrend(points: readonly Point[], minChange = 0): Trend {
  if (points.length < MIN_TREND_POINTS) return { kind: 'insufficient', points: points.length };
  const third = Math.max(1, Math.floor(points.length / 3));
  const early = points.slice(0, third).map((p) => p.value);
  const late = points.slice(-third).map((p) => p.value);
  const earlyMedian = median(early)!;
  const lateMedian = median(late)!;
  const slope = slopePerSec(points);
  if (lateMedian > Math.max(...early) && lateMedian - earlyMedian > minChange && slope > 0) {
    return { kind: 'growing', slopePerSec: slope, earlyMedian, lateMedian };
  }
  if (lateMedian < Math.min(...early) && earlyMedian - lateMedian > minChange && slope < 0) {
    return { kind: 'shrinking', slopePerSec: slope, earlyMedian, lateMedian };
  }
  return { kind: 'flat', slopePerSec: slope, earlyMedian, lateMedian };
}
