import type { ClusterSample, GroupSample, PartitionOffsets } from '../cluster/cluster-sample';
import { evaluatePartitionLag } from '../cluster/partition-lag';
import type { PipelineDefinition, ResolvedPipeline } from './pipeline-definition';
import { resolvePipelines, type DlqNamer } from './resolve-pipelines';
import { SIGNAL_NAMES, type SignalsSample } from '../signals/signals';
import { appendObservation, EMPTY_OFFSET_TIME_TABLE, type OffsetTimeTable } from '../time-lag/offset-time-table';
import { estimateLagSeconds } from '../time-lag/estimate-lag-seconds';
import { evaluateGroupEvents, type GroupEvent } from './group-events';
import { pushReading, windowRate, type OffsetWindow } from './offset-window';
import type { DlqView, KafkaView, PartitionSnapshot, PipelineSnapshot, SignalReading, SignalsView } from './pipeline-snapshot';
import { summarizePartitions } from './summarize-partitions';
import { assertNever } from '../assert-never';
import { classifyActivity, DEFAULT_INACTIVE_AFTER_MS, type ActivityMemory, type GroupActivity } from './group-activity';

/** What the collectors brought this cycle; a failed source is a reason, not an exception. */
export interface CycleInput {
  atMs: number;
  cluster: { kind: 'ok'; sample: ClusterSample } | { kind: 'failed'; reason: string };
  signals: { kind: 'ok'; sample: SignalsSample } | { kind: 'failed'; reason: string } | { kind: 'disabled' };
  pipelines: readonly PipelineDefinition[];
  dlqNames: DlqNamer;
  /** `discovery.inactiveAfter`: an inactive group whose position is older than this is abandoned. */
  inactiveAfterMs?: number;
}

/** Everything carried from one cycle to the next; bounded in every dimension. */
export interface CollectorState {
  /** Per topic-partition: log-end history for lag in seconds and the produce rate. */
  partitions: ReadonlyMap<string, { table: OffsetTimeTable; ends: OffsetWindow }>;
  /** Per group-topic-partition: commit history for the consume rate. */
  commits: ReadonlyMap<string, OffsetWindow>;
  groups: ReadonlyMap<string, { sample: GroupSample | undefined; events: readonly GroupEvent[] }>;
  pipelines: readonly ResolvedPipeline[];
  /** Per pipeline: its activity this cycle and what its classification carries on. */
  activity: ReadonlyMap<string, { memory: ActivityMemory; activity: GroupActivity }>;
  /** Per pipeline, when an earlier Pipewatch last saw it active (from the store): a restart hides nothing. */
  storedLastActive: ReadonlyMap<string, number>;
  lastClusterAtMs: number | null;
  lastSignalsAtMs: number | null;
}

export const EMPTY_COLLECTOR_STATE: CollectorState = {
  partitions: new Map(),
  commits: new Map(),
  groups: new Map(),
  pipelines: [],
  activity: new Map(),
  storedLastActive: new Map(),
  lastClusterAtMs: null,
  lastSignalsAtMs: null,
};

export interface EventLimits {
  maxEvents: number;
  maxAgeMs: number;
}

export const DEFAULT_EVENT_LIMITS: EventLimits = { maxEvents: 50, maxAgeMs: 3_600_000 };

const key = (...parts: (string | number)[]) => parts.join('\u0000');

/** One collection cycle, pure: previous state and this cycle's samples in, snapshots and the next state out. */
export function evaluateCycle(
  state: CollectorState,
  input: CycleInput,
  eventLimits: EventLimits = DEFAULT_EVENT_LIMITS,
): { state: CollectorState; snapshots: PipelineSnapshot[] } {
  const signalsPart = viewSignals(state, input);
  if (input.cluster.kind === 'failed') {
    const gap = { kind: 'gap' as const, reason: input.cluster.reason, lastSampledAtMs: state.lastClusterAtMs };
    return {
      state: { ...state, lastSignalsAtMs: signalsPart.lastSignalsAtMs },
      snapshots: state.pipelines.map((p) => ({ ...identity(p, input.atMs), kafka: gap, signals: signalsPart.view(p.groupId), activity: state.activity.get(p.id)!.activity })),
    };
  }

  const sample = input.cluster.sample;
  const partitions = new Map<string, { table: OffsetTimeTable; ends: OffsetWindow }>();
  for (const [topic, offsets] of sample.topics) {
    for (const p of offsets) {
      const previous = state.partitions.get(key(topic, p.partition));
      const observation = { logEndOffset: p.logEndOffset, observedAtMs: sample.takenAtMs };
      partitions.set(key(topic, p.partition), {
        table: appendObservation(previous?.table ?? EMPTY_OFFSET_TIME_TABLE, observation).table,
        ends: pushReading(previous?.ends ?? [], { atMs: sample.takenAtMs, offset: p.logEndOffset }),
      });
    }
  }

  const commits = new Map<string, OffsetWindow>();
  const advancedGroups = new Set<string>();
  for (const group of sample.groups) {
    for (const c of group.committed) {
      if (c.offset === null) continue;
      const k = key(group.groupId, c.topic, c.partition);
      const previous = state.commits.get(k) ?? [];
      const before = previous.at(-1)?.offset;
      if (before !== undefined && c.offset > before) advancedGroups.add(group.groupId);
      commits.set(k, pushReading(previous, { atMs: sample.takenAtMs, offset: c.offset }));
    }
  }

  const groups = new Map<string, { sample: GroupSample | undefined; events: readonly GroupEvent[] }>();
  const sampledGroups = new Map(sample.groups.map((g) => [g.groupId, g]));
  for (const groupId of new Set([...state.groups.keys(), ...sampledGroups.keys()])) {
    const previous = state.groups.get(groupId);
    const current = sampledGroups.get(groupId);
    // A group first seen at start-up "appears" only if it appears after the first sample.
    const fresh = state.lastClusterAtMs === null ? [] : evaluateGroupEvents(previous?.sample, current, sample.takenAtMs);
    const events = [...(previous?.events ?? []), ...fresh]
      .filter((e) => e.atMs >= sample.takenAtMs - eventLimits.maxAgeMs)
      .slice(-eventLimits.maxEvents);
    if (current || events.length > 0) groups.set(groupId, { sample: current, events });
  }

  const pipelines = resolvePipelines(input.pipelines, sample, input.dlqNames);
  const activity = new Map<string, { memory: ActivityMemory; activity: GroupActivity }>();
  const nextState: CollectorState = {
    partitions,
    commits,
    groups,
    pipelines,
    activity,
    storedLastActive: state.storedLastActive,
    lastClusterAtMs: sample.takenAtMs,
    lastSignalsAtMs: signalsPart.lastSignalsAtMs,
  };
  const snapshots = pipelines.map((pipeline): PipelineSnapshot => {
    const failure = pipelineFailure(pipeline, sample);
    const group = sampledGroups.get(pipeline.groupId);
    const kafka = failure === null ? viewKafka(pipeline, group, sample, nextState) : null;
    const previous = state.activity.get(pipeline.id);
    const classified = classifyActivity(previous?.memory, {
      atMs: sample.takenAtMs,
      declared: pipeline.origin === 'configured',
      group,
      commitsAdvanced: advancedGroups.has(pipeline.groupId),
      partitions: kafka?.partitions ?? [],
      storedLastActiveAtMs: state.storedLastActive.get(pipeline.id) ?? null,
      inactiveAfterMs: input.inactiveAfterMs ?? DEFAULT_INACTIVE_AFTER_MS,
    });
    activity.set(pipeline.id, classified);
    const was = previous?.activity.state;
    if (kafka && previous && (was === 'inactive' || was === 'abandoned') && classified.activity.state === 'active') {
      const resumed: GroupEvent = { kind: 'resumed', atMs: sample.takenAtMs, dormantSinceMs: previous.activity.sinceMs, was };
      kafka.recentEvents.push(resumed);
      const entry = groups.get(pipeline.groupId);
      if (entry) groups.set(pipeline.groupId, { ...entry, events: [...entry.events, resumed].slice(-eventLimits.maxEvents) });
    }
    return {
      ...identity(pipeline, input.atMs),
      kafka: kafka ?? { kind: 'gap' as const, reason: failure!, lastSampledAtMs: state.lastClusterAtMs },
      signals: signalsPart.view(pipeline.groupId),
      activity: classified.activity,
    };
  });
  return { state: nextState, snapshots };
}

/** Why this pipeline's part of the sample is missing, when it is: its group's commits or one of its topics failed. */
function pipelineFailure(pipeline: ResolvedPipeline, sample: ClusterSample): string | null {
  const failures = sample.failures;
  if (!failures) return null;
  const reasons = [failures.groups.get(pipeline.groupId), ...pipeline.topics.map((t) => failures.topics.get(t))].filter((r): r is string => r !== undefined);
  return reasons.length === 0 ? null : reasons.join('; ');
}

function identity(pipeline: ResolvedPipeline, atMs: number) {
  return {
    pipelineId: pipeline.id,
    name: pipeline.name,
    groupId: pipeline.groupId,
    takenAtMs: atMs,
    topics: pipeline.topics,
    dlqTopics: pipeline.dlqTopics,
  };
}

// The group comes from the cycle's index by id: a search per pipeline would cost groups² a cycle.
function viewKafka(pipeline: ResolvedPipeline, group: GroupSample | undefined, sample: ClusterSample, state: CollectorState): KafkaView {
  const committed = new Map((group?.committed ?? []).map((c) => [key(c.topic, c.partition), c.offset]));
  const owners = new Map<string, PartitionSnapshot['owner']>();
  if (group?.membership.kind === 'visible') {
    for (const m of group.membership.members) {
      for (const a of m.assignment) for (const p of a.partitions) owners.set(key(a.topic, p), { memberId: m.memberId, clientId: m.clientId, host: m.host });
    }
  }
  const partitions: PartitionSnapshot[] = [];
  for (const topic of pipeline.topics) {
    for (const offsets of sample.topics.get(topic) ?? []) {
      const k = key(topic, offsets.partition);
      const committedOffset = committed.get(k) ?? null;
      const history = state.partitions.get(k);
      partitions.push({
        topic,
        partition: offsets.partition,
        logStartOffset: offsets.logStartOffset,
        logEndOffset: offsets.logEndOffset,
        committedOffset,
        lag: evaluatePartitionLag({ ...offsets, committedOffset }),
        lagSeconds: estimateLagSeconds(history?.table ?? EMPTY_OFFSET_TIME_TABLE, committedOffset, sample.takenAtMs),
        produceRatePerSec: windowRate(history?.ends ?? []),
        consumeRatePerSec: committedOffset === null ? null : windowRate(state.commits.get(key(pipeline.groupId, topic, offsets.partition)) ?? []),
        owner: owners.get(k) ?? null,
        retentionMs: sample.retentionMsByTopic.get(topic) ?? null,
      });
    }
  }
  return {
    kind: 'sampled',
    group: group
      ? { state: group.state, protocol: group.protocol, membership: group.membership, exists: true }
      : { state: 'Dead', protocol: 'unknown', membership: { kind: 'visible', members: [] }, exists: false },
    partitions,
    totals: summarizePartitions(partitions),
    dlq: viewDlq(pipeline.dlqTopics, sample, state),
    recentEvents: [...(state.groups.get(pipeline.groupId)?.events ?? [])],
  };
}

function viewDlq(dlqTopics: readonly string[], sample: ClusterSample, state: CollectorState): DlqView {
  const topics = dlqTopics.map((topic) => {
    const offsets: PartitionOffsets[] = sample.topics.get(topic) ?? [];
    const depthMessages = offsets.reduce((sum, p) => sum + Number(p.logEndOffset - p.logStartOffset), 0);
    const rates = offsets.map((p) => windowRate(state.partitions.get(key(topic, p.partition))?.ends ?? []));
    const growthPerSec = rates.some((r) => r === null) ? null : rates.reduce<number>((sum, r) => sum + (r ?? 0), 0);
    return { topic, depthMessages, growthPerSec };
  });
  return {
    depthMessages: topics.reduce((sum, t) => sum + t.depthMessages, 0),
    growthPerSec: topics.length === 0 || topics.some((t) => t.growthPerSec === null) ? null : topics.reduce((sum, t) => sum + (t.growthPerSec ?? 0), 0),
    topics,
  };
}

function viewSignals(state: CollectorState, input: CycleInput): { view: (groupId: string) => PipelineSnapshot['signals']; lastSignalsAtMs: number | null } {
  const signals = input.signals;
  switch (signals.kind) {
    case 'disabled':
      return { view: () => ({ kind: 'disabled' }), lastSignalsAtMs: state.lastSignalsAtMs };
    case 'failed': {
      const gap = { kind: 'gap' as const, reason: signals.reason, lastSampledAtMs: state.lastSignalsAtMs };
      return { view: () => gap, lastSignalsAtMs: state.lastSignalsAtMs };
    }
    case 'ok':
      return {
        lastSignalsAtMs: signals.sample.takenAtMs,
        view: (groupId): SignalsView => {
          const readings = {} as SignalsView['readings'];
          for (const name of SIGNAL_NAMES) {
            const outcome = signals.sample.signals[name];
            let reading: SignalReading;
            if (outcome.kind === 'error') reading = { kind: 'error', message: outcome.error.message };
            else {
              const value = outcome.byGroup.get(groupId);
              reading = value === undefined ? { kind: 'no-data' } : { kind: 'value', value };
            }
            readings[name] = reading;
          }
          return { kind: 'sampled', readings };
        },
      };
    default:
      return assertNever(signals, 'signals input');
  }
}
