import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The instrumentation contract of an ingestion consumer, documented in docs/instrumentation.md.
 * A consumer that exports these series is one Pipewatch can diagnose.
 */
export interface PipelineMetrics {
  registry: Registry;
  recordsProcessed: Counter<'consumer_group' | 'topic' | 'sink' | 'outcome'>;
  sinkRequestDuration: Histogram<'consumer_group' | 'topic' | 'sink'>;
  sinkErrors: Counter<'consumer_group' | 'topic' | 'sink' | 'error_class' | 'status_code'>;
  sinkRetries: Counter<'consumer_group' | 'topic' | 'sink'>;
  dlqRecords: Counter<'consumer_group' | 'topic' | 'dlq_topic' | 'reason'>;
  consumerPaused: Gauge<'consumer_group' | 'topic' | 'client_id'>;
  consumerRebalances: Counter<'consumer_group' | 'client_id'>;
  recordsProduced: Counter<'topic'>;
}

export type ProcessedOutcome = 'written' | 'duplicate' | 'stale' | 'dead_lettered';
export const PROCESSED_OUTCOMES: readonly ProcessedOutcome[] = ['written', 'duplicate', 'stale', 'dead_lettered'];
export type DlqReason = 'schema' | 'business-rule';
export const DLQ_REASONS: readonly DlqReason[] = ['schema', 'business-rule'];

export const SINK_DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createPipelineMetrics(options: { defaultMetrics?: boolean } = {}): PipelineMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    recordsProcessed: new Counter({
      name: 'ingest_records_processed_total',
      help: 'Records the consumer finished with, by outcome: written to the sink, ignored as duplicate or stale by the sink, or dead-lettered.',
      labelNames: ['consumer_group', 'topic', 'sink', 'outcome'],
      registers,
    }),
    sinkRequestDuration: new Histogram({
      name: 'ingest_sink_request_duration_seconds',
      help: 'Duration of each sink write attempt, including failed ones and retries.',
      labelNames: ['consumer_group', 'topic', 'sink'],
      buckets: SINK_DURATION_BUCKETS_SECONDS,
      registers,
    }),
    sinkErrors: new Counter({
      name: 'ingest_sink_errors_total',
      help: 'Failed sink write attempts by class (transient: retried in place; permanent: dead-lettered) and HTTP status or network failure.',
      labelNames: ['consumer_group', 'topic', 'sink', 'error_class', 'status_code'],
      registers,
    }),
    sinkRetries: new Counter({
      name: 'ingest_sink_retries_total',
      help: 'Sink write attempts that were retries of an earlier transiently failed attempt.',
      labelNames: ['consumer_group', 'topic', 'sink'],
      registers,
    }),
    dlqRecords: new Counter({
      name: 'ingest_dlq_records_total',
      help: 'Records published to the dead letter topic, by reason.',
      labelNames: ['consumer_group', 'topic', 'dlq_topic', 'reason'],
      registers,
    }),
    consumerPaused: new Gauge({
      name: 'ingest_consumer_paused',
      help: '1 while the consumer member has paused fetching because the sink is in an extended outage.',
      labelNames: ['consumer_group', 'topic', 'client_id'],
      registers,
    }),
    consumerRebalances: new Counter({
      name: 'ingest_consumer_rebalances_total',
      help: 'Times the consumer member (re)joined its group, the first join included.',
      labelNames: ['consumer_group', 'client_id'],
      registers,
    }),
    recordsProduced: new Counter({
      name: 'ingest_records_produced_total',
      help: 'Records the demo producer appended to the topic (acknowledged by all in-sync replicas).',
      labelNames: ['topic'],
      registers,
    }),
  };
}

export interface ConsumerLabels {
  consumer_group: string;
  topic: string;
  sink: string;
}

/** Creates every series at zero so rate() and increase() see the first event instead of a missing series. */
export function initializeConsumerSeries(metrics: PipelineMetrics, labels: ConsumerLabels, dlqTopic: string): void {
  for (const outcome of PROCESSED_OUTCOMES) metrics.recordsProcessed.inc({ ...labels, outcome }, 0);
  for (const reason of DLQ_REASONS) {
    metrics.dlqRecords.inc({ consumer_group: labels.consumer_group, topic: labels.topic, dlq_topic: dlqTopic, reason }, 0);
  }
  metrics.sinkRetries.inc(labels, 0);
  metrics.sinkRequestDuration.zero(labels);
}
