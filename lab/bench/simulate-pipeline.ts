import type { ClusterSample, GroupMember, GroupSample } from '../../lib/cluster/cluster-sample';
import { SIGNAL_NAMES, type SignalName, type SignalOutcome, type SignalsSample } from '../../lib/signals/signals';
import { EMPTY_COLLECTOR_STATE, evaluateCycle, type CycleInput } from '../../lib/pipelines/evaluate-cycle';
import type { PipelineSnapshot } from '../../lib/pipelines/pipeline-snapshot';

/**
 * A toy ingestion pipeline, simulated second by second and sampled through the real evaluateCycle:
 * producers append to each partition, members consume up to a capacity and commit, the sink's
 * Prometheus signals follow the phase. Snapshots come out exactly as the collectors would build
 * them, so the diagnosis is tested on realistic windows (rates over 10 s, lag in seconds, events).
 */

export const T0 = 1_800_000_000_000;
export const GROUP = 'fraud';
export const TOPIC = 'payments';

export function member(id: string, partitions: number[], host = `10.0.0.${id.charCodeAt(0) - 96}`): GroupMember {
  return { memberId: `${id}-uuid`, clientId: `client-${id}`, host, assignment: [{ topic: TOPIC, partitions }] };
}

export const TWO_MEMBERS = [member('a', [0, 1]), member('b', [2, 3])];

export interface Phase {
  seconds: number;
  /** Records appended per second to each partition. Default 50 each. */
  producePerSec?: number[];
  /** Records each partition's owner can finish per second. Default 1,000 each. */
  capacityPerSec?: number[];
  members?: GroupMember[];
  state?: GroupSample['state'];
  dlqPerSec?: number;
  /** Prometheus: 'on' (default), 'disabled', or a failed query round ('gap'). */
  prometheus?: 'on' | 'disabled' | 'gap';
  /** Overrides of the healthy signal values; null reads as no-data. */
  signals?: Partial<Record<SignalName, number | null>>;
  /** Kafka was not read in this phase. */
  kafkaGap?: boolean;
  /** At the phase start, rewind these partitions' positions and commits by this many records. */
  rewindBy?: Partial<Record<number, number>>;
}

export interface SimulationOptions {
  partitions?: number;
  /** Records each partition starts behind. */
  initialLag?: number[];
  commitEverySec?: number;
  stepSec?: number;
  retentionMs?: number | null;
}

const HEALTHY_SIGNALS: Partial<Record<SignalName, number>> = {
  sinkLatencyP50Seconds: 0.02,
  sinkLatencyP95Seconds: 0.08,
  sinkLatencyP99Seconds: 0.12,
  sinkTransientErrorsPerSec: 0,
  sinkPermanentErrorsPerSec: 0,
  retriesPerSec: 0,
  consumersPaused: 0,
  rebalancesPerSec: 0,
};

export function simulate(phases: Phase[], options: SimulationOptions = {}): PipelineSnapshot[] {
  const n = options.partitions ?? 4;
  const stepSec = options.stepSec ?? 1;
  const commitEverySec = options.commitEverySec ?? 1;
  const ends = Array.from({ length: n }, () => 10_000);
  const positions = ends.map((end, p) => end - (options.initialLag?.[p] ?? 0));
  const committed = [...positions];
  let dlqEnd = 0;
  const processedBySecond: number[] = [];
  let state = EMPTY_COLLECTOR_STATE;
  const snapshots: PipelineSnapshot[] = [];
  let second = 0;

  const tick = (phase: Phase) => {
    const atMs = T0 + second * 1000;
    const members = phase.members ?? TWO_MEMBERS;
    const group: GroupSample = {
      groupId: GROUP,
      protocol: 'classic',
      state: phase.state ?? (members.length === 0 ? 'Empty' : 'Stable'),
      membership: { kind: 'visible', members },
      committed: committed.map((offset, partition) => ({ topic: TOPIC, partition, offset: BigInt(Math.floor(offset)) })),
    };
    const sample: ClusterSample = {
      takenAtMs: atMs,
      brokerCount: 1,
      topics: new Map([
        [TOPIC, ends.map((end, partition) => ({ partition, logStartOffset: 0n, logEndOffset: BigInt(Math.floor(end)) }))],
        [`${TOPIC}.dlq`, [{ partition: 0, logStartOffset: 0n, logEndOffset: BigInt(Math.floor(dlqEnd)) }]],
      ]),
      retentionMsByTopic: new Map([[TOPIC, options.retentionMs === undefined ? 604_800_000 : options.retentionMs]]),
      groups: [group],
      roundTrips: 7,
    };
    const recent = processedBySecond.slice(-10);
    const processed = recent.length === 0 ? 0 : recent.reduce((s, v) => s + v, 0) / recent.length;
    const input: CycleInput = {
      atMs,
      cluster: phase.kafkaGap ? { kind: 'failed', reason: 'KafkaJSConnectionError: connect ECONNREFUSED' } : { kind: 'ok', sample },
      signals: signalsOf(phase, atMs, processed),
      pipelines: [{ id: GROUP, name: 'Fraud features', groupId: GROUP, topics: [TOPIC], dlqTopics: null }],
      dlqNames: (topic) => [`${topic}.dlq`],
    };
    const result = evaluateCycle(state, input);
    state = result.state;
    snapshots.push(result.snapshots[0]!);
  };

  tick(phases[0] ?? { seconds: 0 });
  for (const phase of phases) {
    for (const [p, by] of Object.entries(phase.rewindBy ?? {})) {
      positions[Number(p)]! -= by ?? 0;
      committed[Number(p)] = positions[Number(p)]!;
    }
    for (let s = 0; s < phase.seconds; s += stepSec) {
      let processed = 0;
      for (let p = 0; p < n; p++) {
        ends[p]! += (phase.producePerSec?.[p] ?? 50) * stepSec;
        const done = Math.min((phase.capacityPerSec?.[p] ?? 1_000) * stepSec, Math.floor(ends[p]!) - positions[p]!);
        positions[p]! += Math.max(0, done);
        processed += Math.max(0, done);
      }
      for (let k = 0; k < stepSec; k++) processedBySecond.push(processed / stepSec);
      dlqEnd += (phase.dlqPerSec ?? 0) * stepSec;
      second += stepSec;
      if (second % commitEverySec === 0) for (let p = 0; p < n; p++) committed[p] = positions[p]!;
      tick(phase);
    }
  }
  return snapshots;
}

function signalsOf(phase: Phase, atMs: number, processedPerSec: number): CycleInput['signals'] {
  const mode = phase.prometheus ?? 'on';
  if (mode === 'disabled') return { kind: 'disabled' };
  if (mode === 'gap') return { kind: 'failed', reason: 'Prometheus at http://127.0.0.1:19090 unreachable' };
  const values: Partial<Record<SignalName, number | null>> = {
    ...HEALTHY_SIGNALS,
    recordsProcessedPerSec: processedPerSec,
    sinkRequestsPerSec: processedPerSec + (phase.signals?.retriesPerSec ?? 0),
    dlqPublishesPerSec: phase.dlqPerSec ?? 0,
    ...phase.signals,
  };
  const signals = Object.fromEntries(
    SIGNAL_NAMES.map((name): [SignalName, SignalOutcome] => {
      const value = values[name];
      return [name, { kind: 'ok', byGroup: value === null || value === undefined ? new Map() : new Map([[GROUP, value]]), warnings: [] }];
    }),
  ) as Record<SignalName, SignalOutcome>;
  const sample: SignalsSample = { takenAtMs: atMs, signals };
  return { kind: 'ok', sample };
}

export function healthy(seconds: number, extra: Omit<Phase, 'seconds'> = {}): Phase {
  return { seconds, ...extra };
}
