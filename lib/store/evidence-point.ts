import type { TimeLagEstimate } from '../time-lag/estimate-lag-seconds';
import type { PipelineSnapshot, SignalReading } from '../snapshot/pipeline-snapshot';

/**
 * The pipeline's numbers at one cycle, kept beside an incident so a postmortem can show the
 * baseline and the peak. Plain JSON: null is a gap (Kafka or Prometheus not read, no series),
 * never a zero; a non-finite reading (a p99 in the +Inf bucket) is stored as null too.
 */
export interface EvidencePoint {
  atMs: number;
  lagMessages: number | null;
  lagSeconds: number | null;
  produceRatePerSec: number | null;
  consumeRatePerSec: number | null;
  dlqDepthMessages: number | null;
  retriesPerSec: number | null;
  sinkLatencyP99Seconds: number | null;
  sinkTransientErrorsPerSec: number | null;
  sinkPermanentErrorsPerSec: number | null;
}

export type EvidenceMetric = Exclude<keyof EvidencePoint, 'atMs'>;

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
  const kafka = snapshot.kafka.kind === 'sampled' ? snapshot.kafka : null;
  const readings = snapshot.signals.kind === 'sampled' ? snapshot.signals.readings : null;
  const signal = (reading: SignalReading | undefined) => (reading?.kind === 'value' ? finiteOrNull(reading.value) : null);
  return {
    atMs: snapshot.takenAtMs,
    lagMessages: finiteOrNull(kafka?.totals.lagMessages),
    lagSeconds: kafka ? secondsOf(kafka.totals.maxLagSeconds) : null,
    produceRatePerSec: finiteOrNull(kafka?.totals.produceRatePerSec),
    consumeRatePerSec: finiteOrNull(kafka?.totals.consumeRatePerSec),
    // A pipeline without DLQ topics has no DLQ depth, not an empty one.
    dlqDepthMessages: kafka && snapshot.dlqTopics.length > 0 ? finiteOrNull(kafka.dlq.depthMessages) : null,
    retriesPerSec: signal(readings?.retriesPerSec),
    sinkLatencyP99Seconds: signal(readings?.sinkLatencyP99Seconds),
    sinkTransientErrorsPerSec: signal(readings?.sinkTransientErrorsPerSec),
    sinkPermanentErrorsPerSec: signal(readings?.sinkPermanentErrorsPerSec),
  };
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

function secondsOf(estimate: TimeLagEstimate): number | null {
  switch (estimate.kind) {
    case 'caught-up':
    case 'estimated':
      return finiteOrNull(estimate.seconds);
    case 'unknown':
      return null;
    default: {
      const unreachable: never = estimate;
      throw new Error(`unknown lag estimate ${JSON.stringify(unreachable)}`);
    }
  }
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}
