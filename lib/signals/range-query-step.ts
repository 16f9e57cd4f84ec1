/**
 * Step for /api/v1/query_range. Prometheus rejects a range query when (end − start) / step
 * exceeds 11,000 (web/api/v1/api.go); this keeps the points per series, floor(range/step) + 1,
 * at or below 11,000, so the request is valid with a point to spare.
 */

export const MAX_POINTS_PER_SERIES = 11_000;

export type RangeQueryStep =
  | { kind: 'step'; stepMs: number; points: number }
  | { kind: 'invalid'; reason: 'non-finite-time' | 'end-before-start' | 'non-positive-step' };

export function rangeQueryStep(startMs: number, endMs: number, minStepMs: number): RangeQueryStep {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || !Number.isFinite(minStepMs)) {
    return { kind: 'invalid', reason: 'non-finite-time' };
  }
  if (endMs < startMs) return { kind: 'invalid', reason: 'end-before-start' };
  if (minStepMs <= 0) return { kind: 'invalid', reason: 'non-positive-step' };
  const rangeMs = endMs - startMs;
  // floor(x) + 1 > x, so rangeMs / stepMs < 11,000 and at most 11,000 points come back.
  const smallestAllowedMs = Math.floor(rangeMs / MAX_POINTS_PER_SERIES) + 1;
  const stepMs = Math.max(Math.ceil(minStepMs), smallestAllowedMs);
  return { kind: 'step', stepMs, points: Math.floor(rangeMs / stepMs) + 1 };
}
