import { describe, expect, it } from 'vitest';
import type { ClusterSample } from '../../../lib/cluster/cluster-sample';
import { diagnoseCycle, EMPTY_DIAGNOSIS_STATE } from '../../../lib/diagnosis/diagnose-cycle';
import { createPipewatchMetrics } from '../../../collectors/metrics/pipewatch-metrics';
import { PIPEWATCH_METRIC } from '../../../lib/alerting/pipewatch-metric-names';
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
