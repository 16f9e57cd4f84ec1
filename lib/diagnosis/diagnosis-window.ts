import type { SignalName } from '../signals/signals';
import type { KafkaView, PartitionSnapshot, PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import type { ClassifyOptions, WindowBaseline } from './classify-options';
import type { MemberRef, PartitionRef } from './finding';
import { evaluateTrend, median, type Point, type Trend } from './window-stats';
import { assertNever } from '../assert-never';

/** A window of snapshots of one pipeline, oldest first, cut into a baseline part and a recent part. */
export interface DiagnosisWindow {
  options: ClassifyOptions;
  snapshots: readonly PipelineSnapshot[];
  latest: PipelineSnapshot;
  /** Only the cycles where Kafka was read. */
  kafka: readonly { atMs: number; view: KafkaView }[];
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
  /** Per partition key: when its committed offset last moved forward within the window. */
  lastAdvanceAtMs: ReadonlyMap<string, number | null>;
  /** Per partition key: the longest time between two forward moves. */
  longestGapMs: ReadonlyMap<string, number>;
  lastAnyAdvanceAtMs: number | null;
}

export const partitionKey = (p: { topic: string; partition: number }) => `${p.topic}\u0000${p.partition}`;
export const partitionLabel = (p: { topic: string; partition: number }) => `${p.topic}-${p.partition}`;

export function buildDiagnosisWindow(snapshots: readonly PipelineSnapshot[], options: ClassifyOptions): DiagnosisWindow | null {
  const latest = snapshots.at(-1);
  if (!latest) return null;
  const own = snapshots.filter((s) => s.pipelineId === latest.pipelineId);
  const kafka = own.flatMap((s) => (s.kafka.kind === 'sampled' ? [{ atMs: s.takenAtMs, view: s.kafka }] : []));
  const latestKafka = kafka.at(-1);
  if (!latestKafka || kafka.length < options.minKafkaSamples) return null;
  const startMs = own[0]!.takenAtMs;
  const endMs = latest.takenAtMs;
  const nthNewestMs = own[Math.max(0, own.length - options.minRecentSamples)]!.takenAtMs;
  const partial = {
    options,
    snapshots: own,
    latest,
    kafka,
    latestKafka: latestKafka.view,
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
    commits: evaluateCommitHistory(kafka),
  };
}

type WindowParts = Pick<DiagnosisWindow, 'snapshots' | 'kafka' | 'baselineEndMs' | 'recentStartMs'>;

/** Medians of the window's leading part: what this pipeline looked like before whatever happens now. */
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

export function signalPoints(w: Pick<DiagnosisWindow, 'snapshots'>, name: SignalName): Point[] {
  return w.snapshots.flatMap((s) => {
    if (s.signals.kind !== 'sampled') return [];
    const reading = s.signals.readings[name];
    return reading.kind === 'value' && !Number.isNaN(reading.value) ? [{ atMs: s.takenAtMs, value: reading.value }] : [];
  });
}

/** The signal now (median of the recent part), or null when it has no value there. */
export function recentSignal(w: WindowParts, name: SignalName): number | null {
  return median(signalPoints(w, name).filter((p) => p.atMs >= w.recentStartMs).map((p) => p.value));
}

export function baselineSignal(w: WindowParts, name: SignalName): number | null {
  return median(signalPoints(w, name).filter((p) => p.atMs <= w.baselineEndMs).map((p) => p.value));
}

export function recentKafka(w: DiagnosisWindow): KafkaView[] {
  const recent = w.kafka.filter((k) => k.atMs >= w.recentStartMs).map((k) => k.view);
  return recent.length > 0 ? recent : [w.latestKafka];
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
export function consumerPresence(view: KafkaView): 'none' | 'present' | 'unknown' {
  const { group } = view;
  if (!group.exists || group.state === 'Empty' || group.state === 'Dead') return 'none';
  if (group.membership.kind === 'visible') return group.membership.members.length > 0 ? 'present' : 'none';
  return group.state === 'Unknown' ? 'unknown' : 'present';
}

export function memberCount(view: KafkaView): number | null {
  if (view.group.membership.kind === 'visible') return view.group.membership.members.length;
  return consumerPresence(view) === 'none' ? 0 : null;
}

function evaluateCommitHistory(kafka: DiagnosisWindow['kafka']): CommitHistory {
  const lastAdvanceAtMs = new Map<string, number | null>();
  const longestGapMs = new Map<string, number>();
  const previous = new Map<string, { offset: bigint | null; sinceMs: number }>();
  let lastAnyAdvanceAtMs: number | null = null;
  for (const { atMs, view } of kafka) {
    for (const p of view.partitions) {
      const key = partitionKey(p);
      const before = previous.get(key);
      if (!lastAdvanceAtMs.has(key)) lastAdvanceAtMs.set(key, null);
      if (before && p.committedOffset !== null && (before.offset === null || p.committedOffset > before.offset)) {
        lastAdvanceAtMs.set(key, atMs);
        lastAnyAdvanceAtMs = atMs;
        longestGapMs.set(key, Math.max(longestGapMs.get(key) ?? 0, atMs - before.sinceMs));
        previous.set(key, { offset: p.committedOffset, sinceMs: atMs });
      } else if (!before || p.committedOffset !== before.offset) {
        previous.set(key, { offset: p.committedOffset, sinceMs: atMs });
      }
    }
  }
  return { lastAdvanceAtMs, longestGapMs, lastAnyAdvanceAtMs };
}
