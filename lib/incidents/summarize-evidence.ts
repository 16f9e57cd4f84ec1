import { median } from '../diagnosis/window-stats';
import type { EvidenceMetric, EvidencePoint } from './evidence-point';

export interface EvidenceSummaryRow {
  metric: EvidenceMetric;
  /** Which way is worse: lag and errors peak, rates drop. */
  worst: 'highest' | 'lowest';
  /** Median of the points before the fault was first seen; null without any. */
  baseline: number | null;
  /** The worst value from first seen to resolution (or the last point while open). */
  worstDuring: number | null;
  /** The newest point's value. */
  last: number | null;
}

export interface EvidenceSummary {
  points: number;
  pointsBefore: number;
  pointsDuring: number;
  rows: EvidenceSummaryRow[];
}

const WORST: readonly [EvidenceMetric, 'highest' | 'lowest'][] = [
  ['lagMessages', 'highest'],
  ['lagSeconds', 'highest'],
  ['consumeRatePerSec', 'lowest'],
  ['produceRatePerSec', 'lowest'],
  ['dlqDepthMessages', 'highest'],
  ['retriesPerSec', 'highest'],
  ['sinkTransientErrorsPerSec', 'highest'],
  ['sinkPermanentErrorsPerSec', 'highest'],
  ['sinkLatencyP99Seconds', 'highest'],
];

/** Baseline against worst for each metric; a metric with no value at all in the points is left out. */
export function summarizeEvidence(points: readonly EvidencePoint[], firstSeenAtMs: number, resolvedAtMs: number | null): EvidenceSummary {
  const sorted = [...points].sort((a, b) => a.atMs - b.atMs);
  const before = sorted.filter((p) => p.atMs < firstSeenAtMs);
  const during = sorted.filter((p) => p.atMs >= firstSeenAtMs && (resolvedAtMs === null || p.atMs <= resolvedAtMs));
  const values = (ps: readonly EvidencePoint[], metric: EvidenceMetric) => ps.flatMap((p) => (p[metric] === null ? [] : [p[metric]]));
  const rows = WORST.flatMap(([metric, worst]): EvidenceSummaryRow[] => {
    if (values(sorted, metric).length === 0) return [];
    const duringValues = values(during, metric);
    return [
      {
        metric,
        worst,
        baseline: median(values(before, metric)),
        worstDuring: duringValues.length === 0 ? null : worst === 'highest' ? Math.max(...duringValues) : Math.min(...duringValues),
        last: sorted.at(-1)?.[metric] ?? null,
      },
    ];
  });
  return { points: sorted.length, pointsBefore: before.length, pointsDuring: during.length, rows };
}
