import { buildPipelinePoint, type PipelinePoint } from '../pipelines/pipeline-point';
import type { PipelineSnapshot } from '../pipelines/pipeline-snapshot';

export type EvidenceMetric =
  | 'lagMessages'
  | 'lagSeconds'
  | 'produceRatePerSec'
  | 'consumeRatePerSec'
  | 'dlqDepthMessages'
  | 'retriesPerSec'
  | 'sinkLatencyP99Seconds'
  | 'sinkTransientErrorsPerSec'
  | 'sinkPermanentErrorsPerSec';

/**
 * The pipeline's numbers at one cycle, kept beside an incident so a postmortem can show the
 * baseline and the peak: the chart point's metrics that tell a fault. Plain JSON: null is a gap
 * (Kafka or Prometheus not read, no series), never a zero; a non-finite reading is null too.
 */
export type EvidencePoint = Pick<PipelinePoint, 'atMs' | EvidenceMetric>;

export const EVIDENCE_METRICS: readonly EvidenceMetric[] = [
  'lagMessages',
  'lagSeconds',
  'produceRatePerSec',
  'consumeRatePerSec',
  'dlqDepthMessages',
  'retriesPerSec',
  'sinkLatencyP99Seconds',
  'sinkTransientErrorsPerSec',
  'sinkPermanentErrorsPerSec',
];

export function buildEvidencePoint(snapshot: PipelineSnapshot): EvidencePoint {
  return pickEvidence(buildPipelinePoint(snapshot));
}

/** The evidence part of a chart point: how the live history before an incident becomes its evidence. */
export function pickEvidence(point: PipelinePoint): EvidencePoint {
  const evidence = { atMs: point.atMs } as EvidencePoint;
  for (const metric of EVIDENCE_METRICS) evidence[metric] = finiteOrNull(point[metric]);
  return evidence;
}

/** An evidence point read back from JSON: every metric a finite number or null, whatever was stored. */
export function parseEvidencePoint(value: unknown): EvidencePoint | null {
  if (value === null || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  const atMs = record.atMs;
  if (typeof atMs !== 'number' || !Number.isFinite(atMs)) return null;
  const point = { atMs } as EvidencePoint;
  for (const metric of EVIDENCE_METRICS) {
    const metricValue = record[metric];
    point[metric] = typeof metricValue === 'number' ? finiteOrNull(metricValue) : null;
  }
  return point;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}
