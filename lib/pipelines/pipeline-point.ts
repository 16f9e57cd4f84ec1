import type { SignalName } from '../signals/signals';
import type { PipelineSnapshot, SignalReading } from './pipeline-snapshot';

/**
 * A pipeline's numbers at one cycle, flat: what the live charts draw and, in part, what the
 * incident store keeps as evidence. null is a gap (the source was not read, no series), never zero.
 */
export interface PipelinePoint {
  atMs: number;
  lagMessages: number | null;
  lagSeconds: number | null;
  produceRatePerSec: number | null;
  consumeRatePerSec: number | null;
  dlqDepthMessages: number | null;
  retriesPerSec: number | null;
  sinkLatencyP50Seconds: number | null;
  sinkLatencyP95Seconds: number | null;
  sinkLatencyP99Seconds: number | null;
  sinkTransientErrorsPerSec: number | null;
  sinkPermanentErrorsPerSec: number | null;
  dlqPublishesPerSec: number | null;
  /** Lag per partition, keyed `topic/partition`; the most lagging ones when there are many. */
  partitionLag: Record<string, number>;
}

/** The point's numbers other than its time and the per-partition lags. */
export type PointMetric = Exclude<keyof PipelinePoint, 'atMs' | 'partitionLag'>;

export const POINT_METRICS: readonly PointMetric[] = [
  'lagMessages',
  'lagSeconds',
  'produceRatePerSec',
  'consumeRatePerSec',
  'dlqDepthMessages',
  'retriesPerSec',
  'sinkLatencyP50Seconds',
  'sinkLatencyP95Seconds',
  'sinkLatencyP99Seconds',
  'sinkTransientErrorsPerSec',
  'sinkPermanentErrorsPerSec',
  'dlqPublishesPerSec',
];

/** A point with no reading at all: every metric a gap. */
export function emptyPipelinePoint(atMs: number): PipelinePoint {
  const point = { atMs, partitionLag: {} } as PipelinePoint;
  for (const metric of POINT_METRICS) point[metric] = null;
  return point;
}

/** Charts draw at most this many partition lines; beyond it, the most lagging ones. */
export const MAX_PARTITION_SERIES = 24;

export function buildPipelinePoint(snapshot: PipelineSnapshot): PipelinePoint {
  const kafka = snapshot.kafka.kind === 'sampled' ? snapshot.kafka : null;
  const lagSeconds = kafka?.totals.maxLagSeconds;
  const partitionLag: Record<string, number> = {};
  if (kafka) {
    const lags = kafka.partitions.flatMap((p) => (p.lag.kind === 'no-commit' ? [] : [{ key: `${p.topic}/${p.partition}`, lag: Number(p.lag.lagMessages) }]));
    const kept = lags.length <= MAX_PARTITION_SERIES ? lags : [...lags].sort((a, b) => b.lag - a.lag).slice(0, MAX_PARTITION_SERIES);
    for (const { key, lag } of kept) partitionLag[key] = lag;
  }
  return {
    atMs: snapshot.takenAtMs,
    lagMessages: kafka ? kafka.totals.lagMessages : null,
    lagSeconds: lagSeconds && lagSeconds.kind !== 'unknown' ? lagSeconds.seconds : null,
    produceRatePerSec: kafka?.totals.produceRatePerSec ?? null,
    consumeRatePerSec: kafka?.totals.consumeRatePerSec ?? null,
    dlqDepthMessages: kafka && snapshot.dlqTopics.length > 0 ? kafka.dlq.depthMessages : null,
    retriesPerSec: readSignal(snapshot, 'retriesPerSec'),
    sinkLatencyP50Seconds: readSignal(snapshot, 'sinkLatencyP50Seconds'),
    sinkLatencyP95Seconds: readSignal(snapshot, 'sinkLatencyP95Seconds'),
    sinkLatencyP99Seconds: readSignal(snapshot, 'sinkLatencyP99Seconds'),
    sinkTransientErrorsPerSec: readSignal(snapshot, 'sinkTransientErrorsPerSec'),
    sinkPermanentErrorsPerSec: readSignal(snapshot, 'sinkPermanentErrorsPerSec'),
    dlqPublishesPerSec: readSignal(snapshot, 'dlqPublishesPerSec'),
    partitionLag,
  };
}

/** A signal's number, or null. JSON has no +Inf, so a quantile past the top bucket reads as missing here (the pipeline's findings still say it). */
export function readSignal(snapshot: PipelineSnapshot, name: SignalName): number | null {
  if (snapshot.signals.kind !== 'sampled') return null;
  const reading: SignalReading = snapshot.signals.readings[name];
  return reading.kind === 'value' && Number.isFinite(reading.value) ? reading.value : null;
}
