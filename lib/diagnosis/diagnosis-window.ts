import type { SignalName } from '../signals/signals';
import type { KafkaView, PartitionSnapshot, PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import type { ClassifyOptions, WindowBaseline } from './classify-options';
import type { MemberRef, PartitionRef } from './finding';
import { lagMessagesOf, partitionKey, signalIndex, type CycleRecord, type GroupView, type KafkaCycle, type PipelineWindow } from './pipeline-window';
import { evaluateTrend, median, type Point, type Trend } from './window-stats';
import { assertNever } from '../assert-never';

export { lagMessagesOf, partitionKey };

/** A window of one pipeline's cycles, oldest first, cut into a baseline part and a recent part. */
export interface DiagnosisWindow {
  options: ClassifyOptions;
  /** Every cycle of the window, compact; the partitions are in `partitions`. */
  records: readonly CycleRecord[];
  partitions: PipelineWindow;
  latest: PipelineSnapshot;
  /** Only the cycles where Kafka was read. */
  kafka: readonly { atMs: number; view: KafkaCycle }[];
  latestKafka: KafkaView;
  startMs: number;
  endMs: number;
  baselineEndMs: number;
  recentStartMs: number;
  signals: { kind: 'available' } | { kind: 'unavailable'; reason: string };
  baseline: WindowBaseline;
  lagTrend: Trend;
  commits: CommitHistory;
}

export interface CommitHistory {
  /** When the partition's committed offset last moved forward within the window; null when it did not. */
  lastAdvanceAtMs(key: string): number | null;
  /** The partition's longest time between two forward moves; undefined when it did not move. */
  longestGapMs(key: string): number | undefined;
  /** The median of longestGapMs over the partitions that moved. */
  typicalGapMs(): number | null;
  lastAnyAdvanceAtMs: number | null;
}

export const partitionLabel = (p: { topic: string; partition: number }) => `${p.topic}-${p.partition}`;

export function buildDiagnosisWindow(window: PipelineWindow, options: ClassifyOptions): DiagnosisWindow | null {
  const latest = window.latest;
  if (!latest) return null;
  const own = window.records;
  const kafka = own.flatMap((r) => (r.kafka ? [{ atMs: r.atMs, view: r.kafka }] : []));
  const latestKafka = window.latestKafka;
  if (!latestKafka || kafka.length === 0 || kafka.length < options.minKafkaSamples) return null;
  const startMs = own[0]!.atMs;
  const endMs = latest.takenAtMs;
  const nthNewestMs = own[Math.max(0, own.length - options.minRecentSamples)]!.atMs;
  const partial = {
    options,
    records: own,
    partitions: window,
    latest,
    kafka,
    latestKafka,
    startMs,
    endMs,
    baselineEndMs: startMs + (endMs - startMs) * options.baselineFraction,
    recentStartMs: Math.min(endMs - options.recentMs, nthNewestMs),
    signals: signalsAvailability(latest),
  };
  const lagPoints = kafka.map((k) => ({ atMs: k.atMs, value: k.view.totals.lagMessages }));
  return {
    ...partial,
    baseline: { ...evaluateBaseline(partial), ...options.baseline },
    lagTrend: evaluateTrend(lagPoints, options.minLagGrowthMessages),
    commits: commitHistoryOf(window),
  };
}

type WindowParts = Pick<DiagnosisWindow, 'records' | 'kafka' | 'baselineEndMs' | 'recentStartMs'>;

export function evaluateBaseline(w: WindowParts): WindowBaseline {
  const early = w.kafka.filter((k) => k.atMs <= w.baselineEndMs).map((k) => k.view.totals);
  return {
    lagMessages: median(early.map((t) => t.lagMessages)),
    produceRatePerSec: median(early.flatMap((t) => (t.produceRatePerSec === null ? [] : [t.produceRatePerSec]))),
    consumeRatePerSec: median(early.flatMap((t) => (t.consumeRatePerSec === null ? [] : [t.consumeRatePerSec]))),
    sinkLatencyP99Seconds: baselineSignal(w, 'sinkLatencyP99Seconds'),
    sinkTransientErrorsPerSec: baselineSignal(w, 'sinkTransientErrorsPerSec'),
  };
}

function signalsAvailability(latest: PipelineSnapshot): DiagnosisWindow['signals'] {
  const signals = latest.signals;
  switch (signals.kind) {
    case 'sampled':
      return { kind: 'available' };
    case 'disabled':
      return { kind: 'unavailable', reason: 'Prometheus signals are disabled' };
    case 'gap':
      return { kind: 'unavailable', reason: `Prometheus signals are a gap (${signals.reason})` };
    default:
      return assertNever(signals, 'signals view');
  }
}

export function signalPoints(w: Pick<DiagnosisWindow, 'records'>, name: SignalName): Point[] {
  const i = signalIndex(name);
  return w.records.flatMap((r) => {
    const value = r.signals?.[i];
    return value === undefined || Number.isNaN(value) ? [] : [{ atMs: r.atMs, value }];
  });
}

/** The signal now (median of the recent part), or null when it has no value there. */
export function recentSignal(w: WindowParts, name: SignalName): number | null {
  return median(signalPoints(w, name).filter((p) => p.atMs >= w.recentStartMs).map((p) => p.value));
}

export function baselineSignal(w: WindowParts, name: SignalName): number | null {
  return median(signalPoints(w, name).filter((p) => p.atMs <= w.baselineEndMs).map((p) => p.value));
}

/** The Kafka cycles of the recent part; the last one read when none is that recent. */
export function recentKafka(w: DiagnosisWindow): KafkaCycle[] {
  return recentKafkaCycles(w).map((k) => k.view);
}

export function recentKafkaCycles(w: DiagnosisWindow): { atMs: number; view: KafkaCycle }[] {
  const recent = w.kafka.filter((k) => k.atMs >= w.recentStartMs);
  return recent.length > 0 ? recent : [w.kafka.at(-1)!];
}

export function partitionRef(p: PartitionSnapshot): PartitionRef {
  return { topic: p.topic, partition: p.partition, lagMessages: lagMessagesOf(p), committedOffset: p.committedOffset, owner: p.owner };
}

/** Members owning the given partitions, each once, in partition order. */
export function ownersOf(partitions: readonly PartitionRef[]): MemberRef[] {
  const seen = new Map<string, MemberRef>();
  for (const p of partitions) if (p.owner && !seen.has(p.owner.memberId)) seen.set(p.owner.memberId, p.owner);
  return [...seen.values()];
}

/** Whether anyone consumes: 'unknown' when membership is hidden and the state says nothing. */
export function consumerPresence(view: { group: GroupView }): 'none' | 'present' | 'unknown' {
  const { group } = view;
  if (!group.exists || group.state === 'Empty' || group.state === 'Dead') return 'none';
  if (group.membership.kind === 'visible') return group.membership.members.length > 0 ? 'present' : 'none';
  return group.state === 'Unknown' ? 'unknown' : 'present';
}

export function memberCount(view: { group: GroupView }): number | null {
  if (view.group.membership.kind === 'visible') return view.group.membership.members.length;
  return consumerPresence(view) === 'none' ? 0 : null;
}

function commitHistoryOf(window: PipelineWindow): CommitHistory {
  let lastAnyAdvanceAtMs: number | null = null;
  for (const track of window.tracks.values()) {
    const last = track.lastAdvanceInWindowAtMs();
    if (last !== null && (lastAnyAdvanceAtMs === null || last > lastAnyAdvanceAtMs)) lastAnyAdvanceAtMs = last;
  }
  return {
    lastAdvanceAtMs: (key) => window.tracks.get(key)?.lastAdvanceInWindowAtMs() ?? null,
    longestGapMs: (key) => window.tracks.get(key)?.longestGapMs('since-value'),
    typicalGapMs: () => median([...window.tracks.values()].flatMap((t) => t.longestGapMs('since-value') ?? [])),
    lastAnyAdvanceAtMs,
  };
}
