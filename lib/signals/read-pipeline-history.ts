import type { PrometheusClient } from './prometheus-client';
import { emptyPipelinePoint, POINT_METRICS, type PipelinePoint } from '../pipelines/pipeline-point';
import { SIGNAL_NAMES, type SignalName } from './signals';
import { PIPEWATCH_METRIC } from '../alerting/pipewatch-metric-names';

/**
 * A pipeline's chart points over a range longer than the live windows, from Prometheus: the Kafka
 * side from Pipewatch's own /metrics (which Prometheus must scrape), the consumer side from the
 * same signal queries the collector runs, as range queries. The same points the live charts draw,
 * minus per-partition lag; a missing sample is null, never zero.
 */

export interface PipelineHistoryRequest {
  client: PrometheusClient;
  signalQueries: Readonly<Record<SignalName, string>>;
  groupLabel: string;
  pipelineId: string;
  groupId: string;
  startMs: number;
  endMs: number;
  /** The step is at least this, and wider when the range would exceed Prometheus's 11,000 points. */
  minStepMs: number;
}

export type PipelineHistoryOutcome =
  | { ok: true; points: PipelinePoint[]; stepMs: number; warnings: string[] }
  | { ok: false; message: string };

type KafkaField = 'lagMessages' | 'lagSeconds' | 'produceRatePerSec' | 'consumeRatePerSec' | 'dlqDepthMessages';
type SignalField = Extract<keyof PipelinePoint, SignalName>;

const KAFKA_SERIES: Record<KafkaField, string> = {
  lagMessages: PIPEWATCH_METRIC.pipelineLagMessages,
  lagSeconds: PIPEWATCH_METRIC.pipelineLagSeconds,
  produceRatePerSec: PIPEWATCH_METRIC.pipelineProduceRate,
  consumeRatePerSec: PIPEWATCH_METRIC.pipelineConsumeRate,
  dlqDepthMessages: PIPEWATCH_METRIC.pipelineDlqMessages,
};

/** The point's metrics that are consumer signals: read with the collector's own signal queries. */
const SIGNAL_FIELDS = POINT_METRICS.filter((metric): metric is SignalField => (SIGNAL_NAMES as readonly string[]).includes(metric));

export async function readPipelineHistory(request: PipelineHistoryRequest): Promise<PipelineHistoryOutcome> {
  const { client, startMs, endMs, minStepMs } = request;
  // A PromQL string literal: JSON's escaping of backslash and quote is PromQL's too.
  const pipeline = JSON.stringify(request.pipelineId);
  const queries: { field: KafkaField | SignalField; promql: string; series: 'one' | 'by-group' }[] = [
    ...(Object.keys(KAFKA_SERIES) as KafkaField[]).map((field) => ({ field, promql: `max(${KAFKA_SERIES[field]}{pipeline=${pipeline}})`, series: 'one' as const })),
    ...SIGNAL_FIELDS.map((field) => ({ field, promql: request.signalQueries[field], series: 'by-group' as const })),
  ];
  const outcomes = await Promise.all(queries.map((q) => client.queryRange(q.promql, startMs, endMs, minStepMs)));

  const failed = outcomes.find((o) => !o.ok);
  if (failed && outcomes.every((o) => !o.ok)) return { ok: false, message: `Prometheus did not answer the range queries: ${failed.ok ? '' : failed.error.message}` };
  const warnings: string[] = [];
  const byTime = new Map<number, PipelinePoint>();
  let stepMs = minStepMs;
  outcomes.forEach((outcome, index) => {
    const query = queries[index]!;
    if (!outcome.ok) {
      warnings.push(`${query.field}: ${outcome.error.message}`);
      return;
    }
    stepMs = outcome.stepMs;
    if (outcome.result.kind !== 'matrix') return;
    const series = outcome.result.series.find((s) => query.series === 'one' || s.labels[request.groupLabel] === request.groupId);
    for (const sample of series?.points ?? []) {
      const point = byTime.get(sample.timestampMs) ?? emptyPipelinePoint(sample.timestampMs);
      point[query.field] = Number.isFinite(sample.value) ? sample.value : null;
      byTime.set(sample.timestampMs, point);
    }
  });
  if (![...byTime.values()].some((p) => p.lagMessages !== null)) {
    warnings.push(`Prometheus has no ${PIPEWATCH_METRIC.pipelineLagMessages} for ${pipeline} in this range: have it scrape this Pipewatch's /metrics`);
  }
  return { ok: true, points: [...byTime.values()].sort((a, b) => a.atMs - b.atMs), stepMs, warnings };
}
