import { describe, expect, it } from 'vitest';
import type { ClusterSample } from '../../../lib/cluster/cluster-sample';
import { diagnoseCycle, EMPTY_DIAGNOSIS_STATE } from '../../../lib/diagnosis/diagnose-cycle';
import { createPipewatchMetrics } from '../../../collectors/metrics/pipewatch-metrics';
import { PIPEWATCH_METRIC, STANDARD_PROCESS_METRICS } from '../../../lib/alerting/pipewatch-metric-names';
import { INITIAL_SOURCE_HEALTH, reduceSourceHealth } from '../../../lib/collection/source-health';
import { EMPTY_COLLECTOR_STATE, evaluateCycle, type CollectorState } from '../../../lib/pipelines/evaluate-cycle';
import type { PipelineSnapshot } from '../../../lib/pipelines/pipeline-snapshot';

const T0 = 1_800_000_000_000;
const ok = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'succeeded', atMs: T0, durationMs: 5, problems: [] });
const down = reduceSourceHealth(INITIAL_SOURCE_HEALTH, { type: 'failed', atMs: T0, durationMs: 5, message: 'ECONNREFUSED', retryAtMs: T0 + 1_000 });

function sample(atMs: number, groupIds: string[]): ClusterSample {
  return {
    takenAtMs: atMs,
    brokerCount: 1,
    topics: new Map([['payments', [{ partition: 0, logStartOffset: 0n, logEndOffset: 100n }]]]),
    groups: groupIds.map((groupId) => ({
      groupId,
      protocol: 'classic' as const,
      state: 'Stable' as const,
      membership: { kind: 'visible' as const, members: [] },
      committed: [{ topic: 'payments', partition: 0, offset: 40n }],
    })),
    retentionMsByTopic: new Map(),
    roundTrips: 9,
  };
}

function cycleWith(groupIds: string[], state: CollectorState = EMPTY_COLLECTOR_STATE): { state: CollectorState; snapshots: PipelineSnapshot[] } {
  return evaluateCycle(state, { atMs: T0, cluster: { kind: 'ok', sample: sample(T0, groupIds) }, signals: { kind: 'disabled' }, pipelines: [], dlqNames: () => [] });
}

describe('Pipewatch /metrics', () => {
  it('exposes collector health and pipeline figures', async () => {
    const metrics = createPipewatchMetrics();
    const { snapshots } = cycleWith(['fraud']);
    const { diagnoses } = diagnoseCycle(EMPTY_DIAGNOSIS_STATE, snapshots);
    metrics.record({ durationMs: 120, roundTrips: 9, skippedCycles: 2, sources: { kafka: ok, prometheus: down }, snapshots, diagnoses, openIncidents: [] });
    const text = await metrics.registry.metrics();
    expect(text).toContain('pipewatch_kafka_round_trips 9');
    expect(text).toContain('pipewatch_collection_skipped_cycles 2');
    expect(text).toContain('pipewatch_source_up{source="kafka"} 1');
    expect(text).toContain('pipewatch_source_up{source="prometheus"} 0');
    expect(text).toContain('pipewatch_pipeline_lag_messages{pipeline="fraud",consumer_group="fraud"} 60');
    expect(text).toContain('pipewatch_partition_lag_messages{pipeline="fraud",consumer_group="fraud",topic="payments",partition="0"} 60');
    expect(text).toContain('pipewatch_collection_cycle_duration_seconds_count 1');
    expect(text).toMatch(/pipewatch_pipeline_status\{pipeline="fraud",status="[a-z]+"\} 1/);
  });

  it('carries each group\'s activity, and the age of a position that does not move, so rules can leave inactive groups out', async () => {
    const metrics = createPipewatchMetrics();
    const first = cycleWith(['fraud']);
    const later = evaluateCycle(first.state, { atMs: T0 + 90_000, cluster: { kind: 'ok', sample: sample(T0 + 90_000, ['fraud']) }, signals: { kind: 'disabled' }, pipelines: [], dlqNames: () => [] });
    metrics.record({ durationMs: 1, roundTrips: 9, skippedCycles: 0, sources: { kafka: ok, prometheus: ok }, snapshots: later.snapshots, diagnoses: [], openIncidents: [] });
    const text = await metrics.registry.metrics();
    // No member since it was first seen, and no commit moved: inactive, its position at least 90 s old.
    expect(text).toContain('pipewatch_pipeline_activity{pipeline="fraud",consumer_group="fraud",activity="inactive"} 1');
    expect(text).toContain('pipewatch_pipeline_position_age_seconds{pipeline="fraud",consumer_group="fraud"} 90');
  });

  it('drops the series of a pipeline that went away', async () => {
    const metrics = createPipewatchMetrics();
    const first = cycleWith(['fraud', 'billing']);
    metrics.record({ durationMs: 1, roundTrips: 9, skippedCycles: 0, sources: { kafka: ok, prometheus: ok }, snapshots: first.snapshots, diagnoses: [], openIncidents: [] });
    metrics.record({ durationMs: 1, roundTrips: 9, skippedCycles: 0, sources: { kafka: ok, prometheus: ok }, snapshots: cycleWith(['fraud'], first.state).snapshots, diagnoses: [], openIncidents: [] });
    const text = await metrics.registry.metrics();
    expect(text).toContain('pipeline="fraud"');
    expect(text).not.toContain('pipeline="billing"');
  });

  it('registers every name the alerting rules and the history read back', async () => {
    const text = await createPipewatchMetrics().registry.metrics();
    const missing = Object.values(PIPEWATCH_METRIC).filter((name) => !text.includes(`# TYPE ${name} `));
    expect(missing).toEqual([]);
  });
});

describe('Pipewatch /metrics: the standard and service series', () => {
  it('exposes the process and Node.js series under their standard names, and no prefixed copy', async () => {
    const text = await createPipewatchMetrics().registry.metrics();
    const missing = STANDARD_PROCESS_METRICS.filter((name) => !text.includes(`# TYPE ${name} `));
    expect(missing).toEqual([]);
    expect(text).not.toContain('pipewatch_process_');
  });

  it('says which build runs', async () => {
    const text = await createPipewatchMetrics({ build: { version: '0.1.0', commit: '4f3a2b1c9d8e' } }).registry.metrics();
    expect(text).toContain('pipewatch_build_info{version="0.1.0",commit="4f3a2b1c9d8e"} 1');
  });

  const partitionCases = [
    { desc: 'at the limit: per-partition series kept', input: 1, expected: { partitionSeries: true, leftOut: 0 } },
    { desc: 'above the limit: left out, the pipeline series stay', input: 0, expected: { partitionSeries: false, leftOut: 1 } },
  ];
  it.each(partitionCases)('metrics.maxPartitionSeries, $desc', async ({ input, expected }) => {
    const metrics = createPipewatchMetrics({ maxPartitionSeries: input });
    metrics.record({ durationMs: 1, roundTrips: 9, skippedCycles: 0, sources: { kafka: ok, prometheus: ok }, snapshots: cycleWith(['fraud']).snapshots, diagnoses: [], openIncidents: [] });
    const text = await metrics.registry.metrics();
    expect({ partitionSeries: text.includes('pipewatch_partition_lag_messages{'), leftOut: Number(/^pipewatch_partition_series_left_out (\d)$/m.exec(text)?.[1]) }).toEqual(expected);
    expect(text).toContain('pipewatch_pipeline_lag_messages{pipeline="fraud",consumer_group="fraud"} 60');
  });

  it('counts HTTP requests by route and status, Kafka requests and errors by API, queries by signal, store writes by operation', async () => {
    const metrics = createPipewatchMetrics();
    metrics.observeHttpRequest({ method: 'GET', route: '/api/incidents/:id', status: 200, durationMs: 12 });
    metrics.observeHttpRequest({ method: 'GET', route: '/api/incidents/:id', status: 404, durationMs: 3 });
    metrics.observeKafkaRequest({ api: 'ListOffsets', durationMs: 4, error: false });
    metrics.observeKafkaRequest({ api: 'ListOffsets', durationMs: 3_000, error: true });
    metrics.observePrometheusQuery({ signal: 'retriesPerSec', durationMs: 20, error: 'unreachable' });
    metrics.observeStoreWrite({ operation: 'recordChanges', durationMs: 2, failed: true });
    const text = await metrics.registry.metrics();
    for (const line of [
      'pipewatch_http_requests_total{method="GET",route="/api/incidents/:id",status="200"} 1',
      'pipewatch_http_requests_total{method="GET",route="/api/incidents/:id",status="404"} 1',
      'pipewatch_http_request_duration_seconds_count{route="/api/incidents/:id"} 2',
      'pipewatch_kafka_request_duration_seconds_count{api="ListOffsets"} 1',
      'pipewatch_kafka_request_errors_total{api="ListOffsets"} 1',
      'pipewatch_prometheus_query_duration_seconds_count{signal="retriesPerSec"} 1',
      'pipewatch_prometheus_query_errors_total{signal="retriesPerSec",error="unreachable"} 1',
      'pipewatch_store_write_duration_seconds_count{operation="recordChanges"} 1',
      'pipewatch_store_write_failures_total{operation="recordChanges"} 1',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('reads the live websocket and the notifier totals at each scrape', async () => {
    const metrics = createPipewatchMetrics();
    let sent = 10;
    metrics.watchLive(() => ({ clients: 3, messagesSent: sent, messagesDropped: 2 }));
    metrics.watchNotifications(() => [{ targetId: 'oncall', delivered: 4, failed: 1, retries: 2, dropped: 1, rateLimited: 5, queued: 3 }]);
    await metrics.registry.metrics();
    sent = 25;
    const text = await metrics.registry.metrics();
    for (const line of [
      'pipewatch_live_clients 3',
      'pipewatch_live_messages_sent_total 25',
      'pipewatch_live_messages_dropped_total 2',
      'pipewatch_notifications_sent_total{target="oncall"} 4',
      'pipewatch_notifications_failed_total{target="oncall"} 1',
      'pipewatch_notifications_retried_total{target="oncall"} 2',
      'pipewatch_notifications_dropped_total{target="oncall",reason="queue-full"} 1',
      'pipewatch_notifications_dropped_total{target="oncall",reason="rate-limit"} 5',
      'pipewatch_notifications_queued{target="oncall"} 3',
    ]) {
      expect(text).toContain(line);
    }
  });
});
