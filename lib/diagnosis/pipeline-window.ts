import type { GroupState } from '../cluster/cluster-sample';
import { isRebalanceEvent } from '../pipelines/group-events';
import type { KafkaView, PartitionSnapshot, PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import { SIGNAL_NAMES, type SignalName } from '../signals/signals';
import { assertNever } from '../assert-never';
import type { MemberRef } from './finding';
import { PartitionTrack } from './partition-track';

/** The group as older cycles of the window keep it: members without their assignments. */
export interface GroupView {
  state: GroupState;
  exists: boolean;
  membership: { kind: 'visible'; members: readonly MemberRef[] } | { kind: 'not-visible'; reason: string };
}

/** What the detectors read of a cycle where Kafka was read, besides its partitions. */
export interface KafkaCycle {
  totals: { lagMessages: number; produceRatePerSec: number | null; consumeRatePerSec: number | null };
  dlq: { depthMessages: number; growthPerSec: number | null };
  /** Sum of the log-end offsets of the pipeline's partitions: production since another cycle. */
  endOffsetSum: number;
  group: GroupView;
}

export interface CycleRecord {
  atMs: number;
  kafka: KafkaCycle | null;
  /** By SIGNAL_NAMES index; NaN when the signal had no value (or signals were not sampled). */
  signals: Float64Array | null;
}

/** A partition as it was in an earlier cycle, for what a rebalance moved and redelivered. */
export interface EarlierPartition {
  key: string;
  ownerId: string | null;
  committedOffset: bigint | null;
  lagMessages: number;
  runStartAtMs: number;
  runStartRate: number;
  track: PartitionTrack;
}

export interface EarlierView {
  atMs: number;
  membershipVisible: boolean;
  partitions: EarlierPartition[];
}

export interface WindowLimits {
  windowMs: number;
  maxSnapshots: number;
}

export const UNBOUNDED_WINDOW: WindowLimits = { windowMs: Infinity, maxSnapshots: Infinity };

const SIGNAL_INDEX = new Map(SIGNAL_NAMES.map((name, i) => [name, i]));
export const signalIndex = (name: SignalName): number => SIGNAL_INDEX.get(name)!;

export const partitionKey = (p: { topic: string; partition: number }) => `${p.topic}\u0000${p.partition}`;

/**
 * One pipeline's diagnosis window without whole snapshots: a small record per cycle (totals,
 * DLQ, group, signals) and one PartitionTrack per partition, updated in place as each snapshot
 * arrives. Only the latest snapshot and the latest Kafka view are kept whole. For a rebalance,
 * the view just before each group event is kept as small per-partition records while the event
 * is in the window: events are stamped with their sample's time, so that view is this cycle's
 * or the previous one, known when the event first shows.
 */
export class PipelineWindow {
  readonly records: CycleRecord[] = [];
  latest: PipelineSnapshot | null = null;
  latestKafka: KafkaView | null = null;
  /** The tracks of latestKafka's partitions, in its order. */
  latestTracks: PartitionTrack[] = [];
  kafkaSeq = -1;
  readonly tracks = new Map<string, PartitionTrack>();
  private readonly earlier = new Map<number, EarlierView | null>();
  private eventsSeenUntilMs = -Infinity;
  /** Steps of the tracks that left the window, so the count stays whole. */
  private retiredSteps = 0;

  ingest(snapshot: PipelineSnapshot, limits: WindowLimits): void {
    const oldestMs = snapshot.takenAtMs - limits.windowMs;
    while (this.records.length > 0 && this.records[0]!.atMs < oldestMs) this.records.shift();
    const previousKafka = this.records.findLast((r) => r.kafka !== null);
    const record: CycleRecord = { atMs: snapshot.takenAtMs, kafka: null, signals: signalValues(snapshot) };
    this.records.push(record);
    while (this.records.length > limits.maxSnapshots) this.records.shift();
    this.latest = snapshot;
    const startMs = this.records[0]!.atMs;

    if (snapshot.kafka.kind === 'sampled') {
      const view = snapshot.kafka;
      const fresh = newEventTimes(view, this.eventsSeenUntilMs);
      if (fresh.length > 0) this.eventsSeenUntilMs = fresh.at(-1)!;
      for (const atMs of fresh) {
        if (atMs <= snapshot.takenAtMs) this.earlier.set(atMs, previousKafka && previousKafka.atMs < atMs ? this.viewOfTracks(previousKafka, 'latest') : null);
      }
      this.kafkaSeq++;
      record.kafka = kafkaCycle(view, previousKafka?.kafka?.group);
      this.latestTracks = this.pushPartitions(view.partitions, snapshot.takenAtMs, startMs);
      this.latestKafka = view;
      for (const atMs of fresh) if (atMs > snapshot.takenAtMs) this.earlier.set(atMs, this.viewOfTracks(record, 'latest'));
    } else {
      for (const track of this.tracks.values()) track.evict(startMs);
    }
    for (const [atMs, view] of this.earlier) if (atMs <= startMs || (view && view.atMs < startMs)) this.earlier.delete(atMs);
    for (const [key, track] of this.tracks) {
      if (track.size > 0) continue;
      this.retiredSteps += track.steps;
      this.tracks.delete(key);
    }
  }

  /** The last Kafka view in the window before the group event at `eventAtMs`, or (null) before the window's end. */
  viewBefore(eventAtMs: number | null, endMs: number): EarlierView | undefined {
    if (eventAtMs !== null) return this.earlier.get(eventAtMs) ?? undefined;
    const kafka = this.records.filter((r) => r.kafka !== null);
    const last = kafka.at(-1);
    if (last && last.atMs < endMs) return this.viewOfTracks(last, 'latest');
    const previous = kafka.at(-2);
    return previous && previous.atMs < endMs ? this.viewOfTracks(previous, 'previous') : undefined;
  }

  /** Partition steps taken so far, by the tracks in the window and those that left it. */
  steps(): number {
    let total = this.retiredSteps;
    for (const track of this.tracks.values()) total += track.steps;
    return total;
  }

  private pushPartitions(partitions: readonly PartitionSnapshot[], atMs: number, startMs: number): PartitionTrack[] {
    const seq = this.kafkaSeq;
    const latest = partitions.map((p) => {
      const key = partitionKey(p);
      let track = this.tracks.get(key);
      if (!track) {
        track = new PartitionTrack(key, p.topic, p.partition);
        this.tracks.set(key, track);
      }
      track.evict(startMs);
      track.push({ atMs, committedOffset: p.committedOffset, lagMessages: lagMessagesOf(p), consumeRatePerSec: p.consumeRatePerSec, ownerId: p.owner?.memberId ?? null }, seq);
      return track;
    });
    for (const track of this.tracks.values()) if (track.kafkaSeq !== seq) track.evict(startMs);
    return latest;
  }

  /** The partitions of the latest Kafka view ('latest') or of the one before it ('previous'), from the tracks. */
  private viewOfTracks(record: CycleRecord, which: 'latest' | 'previous'): EarlierView {
    const seq = which === 'latest' ? this.kafkaSeq : this.kafkaSeq - 1;
    const partitions: EarlierPartition[] = [];
    for (const track of this.latestTracks) {
      if (which === 'latest' && track.kafkaSeq === seq) {
        partitions.push({ key: track.key, ownerId: track.ownerId, committedOffset: track.lastCommitted, lagMessages: track.lastLagMessages, runStartAtMs: track.runStartAtMs, runStartRate: track.runStartRate, track });
      } else if (which === 'previous' && track.prevKafkaSeq === seq) {
        // Only the owner is known of the cycle before: what a rebalance in progress moved.
        partitions.push({ key: track.key, ownerId: track.prevOwnerId, committedOffset: null, lagMessages: 0, runStartAtMs: NaN, runStartRate: NaN, track });
      }
    }
    return { atMs: record.atMs, membershipVisible: record.kafka?.group.membership.kind === 'visible', partitions };
  }
}

export function lagMessagesOf(p: PartitionSnapshot): number {
  switch (p.lag.kind) {
    case 'ok':
    case 'lost-to-retention':
      return Number(p.lag.lagMessages);
    case 'no-commit':
      return 0;
    default:
      return assertNever(p.lag, 'lag');
  }
}

function newEventTimes(view: KafkaView, seenUntilMs: number): number[] {
  const times = view.recentEvents.filter((e) => isRebalanceEvent(e) && e.atMs > seenUntilMs).map((e) => e.atMs);
  return [...new Set(times)].sort((a, b) => a - b);
}

function signalValues(snapshot: PipelineSnapshot): Float64Array | null {
  const signals = snapshot.signals;
  if (signals.kind !== 'sampled') return null;
  const values = new Float64Array(SIGNAL_NAMES.length);
  SIGNAL_NAMES.forEach((name, i) => {
    const reading = signals.readings[name];
    values[i] = reading.kind === 'value' ? reading.value : NaN;
  });
  return values;
}

function kafkaCycle(view: KafkaView, previous: GroupView | undefined): KafkaCycle {
  let endOffsetSum = 0;
  for (const p of view.partitions) endOffsetSum += Number(p.logEndOffset);
  const { totals, dlq } = view;
  return {
    totals: { lagMessages: totals.lagMessages, produceRatePerSec: totals.produceRatePerSec, consumeRatePerSec: totals.consumeRatePerSec },
    dlq: { depthMessages: dlq.depthMessages, growthPerSec: dlq.growthPerSec },
    endOffsetSum,
    group: groupView(view.group, previous),
  };
}

/** The previous cycle's group when nothing changed, so a stable group is held once. */
function groupView(group: KafkaView['group'], previous: GroupView | undefined): GroupView {
  const m = group.membership;
  const same =
    previous !== undefined &&
    previous.state === group.state &&
    previous.exists === group.exists &&
    previous.membership.kind === m.kind &&
    (m.kind === 'visible'
      ? previous.membership.kind === 'visible' && previous.membership.members.length === m.members.length && m.members.every((x, i) => sameMember((previous.membership as { members: readonly MemberRef[] }).members[i]!, x))
      : previous.membership.kind === 'not-visible' && previous.membership.reason === m.reason);
  if (same) return previous;
  const membership: GroupView['membership'] = m.kind === 'visible' ? { kind: 'visible', members: m.members.map(({ memberId, clientId, host }) => ({ memberId, clientId, host })) } : { kind: 'not-visible', reason: m.reason };
  return { state: group.state, exists: group.exists, membership };
}

function sameMember(a: MemberRef, b: MemberRef): boolean {
  return a.memberId === b.memberId && a.clientId === b.clientId && a.host === b.host;
}
