import { describe, expect, it } from 'vitest';
import type { ClusterSample, GroupMember, GroupSample } from '../../../lib/cluster/cluster-sample';
import { SIGNAL_NAMES, type SignalOutcome, type SignalsSample } from '../../../lib/signals/signals';
import { EMPTY_COLLECTOR_STATE, evaluateCycle, type CollectorState, type CycleInput } from '../../../lib/pipelines/evaluate-cycle';
import type { KafkaView, PipelineSnapshot } from '../../../lib/pipelines/pipeline-snapshot';

const T0 = 1_800_000_000_000;
const dlqNames = (topic: string) => [`${topic}.dlq`];

function member(id: string, partitions: number[]): GroupMember {
  return { memberId: id, clientId: `client-${id}`, host: '10.0.0.1', assignment: [{ topic: 'payments', partitions }] };
}

function group(committed: (number | null)[], members: GroupMember[] = [member('a', [0, 1])], state: GroupSample['state'] = 'Stable'): GroupSample {
  return {
    groupId: 'fraud',
    protocol: 'classic',
    state,
    membership: { kind: 'visible', members },
    committed: committed.map((offset, partition) => ({ topic: 'payments', partition, offset: offset === null ? null : BigInt(offset) })),
  };
}

function cluster(atMs: number, ends: number[], g: GroupSample, dlqEnd = 0): ClusterSample {
  return {
    takenAtMs: atMs,
    brokerCount: 1,
    topics: new Map([
      ['payments', ends.map((end, partition) => ({ partition, logStartOffset: 0n, logEndOffset: BigInt(end) }))],
      ['payments.dlq', [{ partition: 0, logStartOffset: 0n, logEndOffset: BigInt(dlqEnd) }]],
    ]),
    groups: [g],
    retentionMsByTopic: new Map([['payments', 60_000]]),
    roundTrips: 7,
  };
}

function input(atMs: number, sample: ClusterSample | string, signals: CycleInput['signals'] = { kind: 'disabled' }): CycleInput {
  return {
    atMs,
    cluster: typeof sample === 'string' ? { kind: 'failed', reason: sample } : { kind: 'ok', sample },
    signals,
    pipelines: [],
    dlqNames,
  };
}

function run(inputs: CycleInput[]): { state: CollectorState; snapshots: PipelineSnapshot[] } {
  let state = EMPTY_COLLECTOR_STATE;
  let snapshots: PipelineSnapshot[] = [];
  for (const i of inputs) ({ state, snapshots } = evaluateCycle(state, i));
  return { state, snapshots };
}

function kafkaOf(snapshot: PipelineSnapshot | undefined): KafkaView {
  if (!snapshot || snapshot.kafka.kind !== 'sampled') throw new Error(`expected a sampled snapshot, got ${JSON.stringify(snapshot?.kafka)}`);
  return snapshot.kafka;
}

/** 50 records/s on each of two partitions for `seconds`, the group `behind` records behind on each. */
function steady(seconds: number, behind: number): CycleInput[] {
  return Array.from({ length: seconds + 1 }, (_, s) => {
    const end = 1_000 + 50 * s;
    return input(T0 + s * 1_000, cluster(T0 + s * 1_000, [end, end], group([end - behind, end - behind])));
  });
}

describe('evaluateCycle', () => {
  it('discovers every group as a pipeline, with its topics and DLQ by convention', () => {
    const [snapshot] = run([input(T0, cluster(T0, [10, 20], group([5, 20])))]).snapshots;
    expect(snapshot).toMatchObject({ pipelineId: 'fraud', groupId: 'fraud', topics: ['payments'], dlqTopics: ['payments.dlq'] });
    const kafka = kafkaOf(snapshot);
    expect(kafka.totals.lagMessages).toBe(5);
    expect(kafka.partitions.map((p) => p.owner?.clientId)).toEqual(['client-a', 'client-a']);
    // One reading is no rate.
    expect(kafka.totals.produceRatePerSec).toBeNull();
    expect(kafka.totals.timeToDrain).toEqual({ kind: 'unknown', reason: 'no-rate' });
  });

  it('computes rates, lag in seconds and time to drain from successive cycles', () => {
    const kafka = kafkaOf(run(steady(12, 100)).snapshots[0]);
    expect(kafka.totals.produceRatePerSec).toBeCloseTo(100, 6);
    expect(kafka.totals.consumeRatePerSec).toBeCloseTo(100, 6);
    expect(kafka.totals.lagMessages).toBe(200);
    // 100 records behind at 50/s on a partition: the oldest unconsumed record is ~2 s old.
    expect(kafka.totals.maxLagSeconds).toMatchObject({ kind: 'estimated', confidence: 'interpolated' });
    expect((kafka.totals.maxLagSeconds as { seconds: number }).seconds).toBeCloseTo(1.98, 2);
    expect(kafka.totals.timeToDrain).toEqual({ kind: 'not-draining', netGrowthPerSec: 0 });
    // 60 s of retention, the oldest unconsumed record ~2 s old: ~58 s before it would be deleted.
    expect(kafka.partitions[0]!.retentionMs).toBe(60_000);
    expect(kafka.totals.retentionHeadroomSeconds).toBeCloseTo(58.02, 2);
  });

  it('reads exactly zero seconds when caught up', () => {
    const kafka = kafkaOf(run(steady(5, 0)).snapshots[0]);
    expect(kafka.totals.maxLagSeconds).toEqual({ kind: 'caught-up', seconds: 0 });
    expect(kafka.totals.timeToDrain).toEqual({ kind: 'drained' });
  });

  it('records a failed Kafka cycle as a gap with its reason, keeping the last good time', () => {
    const inputs = [...steady(2, 0), input(T0 + 3_000, 'KafkaJSConnectionError: Connection error: connect ECONNREFUSED 127.0.0.1:19092')];
    const [snapshot] = run(inputs).snapshots;
    expect(snapshot!.kafka).toEqual({
      kind: 'gap',
      reason: 'KafkaJSConnectionError: Connection error: connect ECONNREFUSED 127.0.0.1:19092',
      lastSampledAtMs: T0 + 2_000,
    });
    expect(snapshot!.takenAtMs).toBe(T0 + 3_000);
  });

  it('separates partitions without a commit and those committed below the log start', () => {
    const base = cluster(T0, [10, 10], group([null, 2]));
    const sample = {
      ...base,
      topics: new Map([
        ...base.topics,
        [
          'payments',
          [
            { partition: 0, logStartOffset: 0n, logEndOffset: 10n },
            { partition: 1, logStartOffset: 5n, logEndOffset: 10n },
          ],
        ],
      ]),
    };
    const totals = kafkaOf(run([input(T0, sample)]).snapshots[0]).totals;
    expect(totals).toMatchObject({ lagMessages: 5, partitionsWithoutCommit: 1, partitionsLostToRetention: 1, lostMessages: 3 });
  });

  it('measures DLQ depth and growth', () => {
    const inputs = [0, 1, 2, 3].map((s) => input(T0 + s * 1_000, cluster(T0 + s * 1_000, [10, 10], group([10, 10]), 4 * s)));
    const dlq = kafkaOf(run(inputs).snapshots[0]).dlq;
    expect(dlq.depthMessages).toBe(12);
    expect(dlq.growthPerSec).toBeCloseTo(4, 6);
  });

  it('records membership, assignment and state changes as group events with their time', () => {
    const inputs = [
      input(T0, cluster(T0, [10, 10], group([10, 10], [member('a', [0, 1])]))),
      input(T0 + 1_000, cluster(T0 + 1_000, [10, 10], group([10, 10], [member('a', [0, 1])], 'PreparingRebalance'))),
      input(T0 + 2_000, cluster(T0 + 2_000, [10, 10], group([10, 10], [member('a', [0]), member('b', [1])]))),
    ];
    expect(kafkaOf(run(inputs).snapshots[0]).recentEvents).toEqual([
      { kind: 'state-changed', atMs: T0 + 1_000, from: 'Stable', to: 'PreparingRebalance' },
      { kind: 'state-changed', atMs: T0 + 2_000, from: 'PreparingRebalance', to: 'Stable' },
      { kind: 'members-changed', atMs: T0 + 2_000, joined: ['client-b'], left: [], members: 2 },
      { kind: 'assignment-changed', atMs: T0 + 2_000, movedPartitions: 1 },
    ]);
  });

  it('keeps group events bounded by count', () => {
    const inputs = Array.from({ length: 200 }, (_, s) =>
      input(T0 + s * 1_000, cluster(T0 + s * 1_000, [10, 10], group([10, 10], [member(s % 2 ? 'a' : 'b', [0, 1])]))),
    );
    expect(kafkaOf(run(inputs).snapshots[0]).recentEvents.length).toBeLessThanOrEqual(50);
  });

  it('lists a configured pipeline whose group is gone, as not existing', () => {
    const sample = cluster(T0, [10, 10], group([10, 10]));
    const { snapshots } = evaluateCycle(EMPTY_COLLECTOR_STATE, {
      ...input(T0, sample),
      pipelines: [{ id: 'billing', name: 'Billing', groupId: 'billing-writer', topics: ['payments'], dlqTopics: null }],
    });
    expect(snapshots.map((s) => s.pipelineId)).toEqual(['billing', 'fraud']);
    const billing = kafkaOf(snapshots[0]);
    expect(billing.group.exists).toBe(false);
    expect(billing.totals.partitionsWithoutCommit).toBe(2);
  });

  describe('Prometheus signals', () => {
    const outcomes = (override: Partial<Record<(typeof SIGNAL_NAMES)[number], SignalOutcome>>): SignalsSample => ({
      takenAtMs: T0,
      signals: Object.fromEntries(
        SIGNAL_NAMES.map((name) => [name, override[name] ?? { kind: 'ok', byGroup: new Map([['fraud', 1.5]]), warnings: [] }]),
      ) as SignalsSample['signals'],
    });
    const cases: { desc: string; signals: CycleInput['signals']; expected: PipelineSnapshot['signals'] | Record<string, unknown> }[] = [
      { desc: 'disabled', signals: { kind: 'disabled' }, expected: { kind: 'disabled' } },
      {
        desc: 'a failed Prometheus is a gap, not zeros',
        signals: { kind: 'failed', reason: 'Prometheus at http://127.0.0.1:19090 unreachable' },
        expected: { kind: 'gap', reason: 'Prometheus at http://127.0.0.1:19090 unreachable', lastSampledAtMs: null },
      },
      {
        desc: 'values per group; a group without series is no-data; a failing query is an error on its own signal',
        signals: {
          kind: 'ok',
          sample: outcomes({
            retriesPerSec: { kind: 'ok', byGroup: new Map([['other', 3]]), warnings: [] },
            sinkLatencyP99Seconds: { kind: 'error', promql: 'bad(', error: { type: 'bad-data', message: 'parse error', errorType: 'bad_data' } },
          }),
        },
        expected: {
          kind: 'sampled',
          readings: expect.objectContaining({
            recordsProcessedPerSec: { kind: 'value', value: 1.5 },
            retriesPerSec: { kind: 'no-data' },
            sinkLatencyP99Seconds: { kind: 'error', message: 'parse error' },
          }),
        },
      },
    ];
    it.each(cases)('$desc', ({ signals, expected }) => {
      const [snapshot] = run([input(T0, cluster(T0, [10, 10], group([10, 10])), signals)]).snapshots;
      expect(snapshot!.signals).toEqual(expected);
    });
  });
});

describe('pipeline lag in seconds over partitions', () => {
  it('is unknown, not caught up, when a lagging partition has no estimate yet', () => {
    // One observation: the lagging partition cannot be placed in time; the other is caught up.
    const [snapshot] = run([input(T0, cluster(T0, [10, 20], group([6, 20])))]).snapshots;
    expect(kafkaOf(snapshot).totals.maxLagSeconds).toEqual({ kind: 'unknown', reason: 'no-produce-rate' });
  });
});

describe('a sample with failed parts', () => {
  it.each([
    { desc: 'a topic that could not be read', failures: { topics: new Map([['payments', 'offsets of topic "payments" not read: This server does not host this topic-partition']]), groups: new Map() }, reason: 'This server does not host this topic-partition' },
    { desc: "a group whose commits could not be read", failures: { topics: new Map(), groups: new Map([['fraud', 'committed offsets of group "fraud" not read: coordinator moving']]) }, reason: 'coordinator moving' },
  ])('makes only the affected pipeline a gap: $desc', ({ failures, reason }) => {
    const healthy = cluster(T0, [100, 100], group([90, 90]));
    const other: GroupSample = { ...group([5, 5], []), groupId: 'audit', committed: [{ topic: 'orders', partition: 0, offset: 5n }] };
    const second: ClusterSample = {
      ...cluster(T0 + 1_000, [150, 150], group([140, 140])),
      topics: new Map([...cluster(T0 + 1_000, [150, 150], group([140, 140])).topics, ['orders', [{ partition: 0, logStartOffset: 0n, logEndOffset: 10n }]]]),
      groups: [group([140, 140]), other],
      failures,
    };
    const { snapshots } = run([input(T0, healthy), input(T0 + 1_000, second)]);
    const fraud = snapshots.find((s) => s.groupId === 'fraud');
    expect(fraud?.kafka).toMatchObject({ kind: 'gap', lastSampledAtMs: T0 });
    expect(fraud?.kafka.kind === 'gap' && fraud.kafka.reason).toContain(reason);
    expect(snapshots.find((s) => s.groupId === 'audit')?.kafka.kind).toBe('sampled');
  });
});
