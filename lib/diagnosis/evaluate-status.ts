import { formatSeconds } from '../units/format-units';
import type { KafkaView, PartitionSnapshot, PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import { consumerPresence, lagMessagesOf, partitionLabel } from './diagnosis-window';
import type { PartitionTrack } from './partition-track';
import { PipelineWindow, UNBOUNDED_WINDOW } from './pipeline-window';
import { formatGrowth, formatMessages, formatOffset } from './evidence-text';
import { MIN_TREND_POINTS } from './window-stats';

/**
 * Health in the spirit of Burrow's consumer evaluation, without thresholds by default, fixing
 * what Burrow misses: it needs commits to judge (a consumer gone for 20 minutes reads OK or
 * nothing at all) and it resets a warning on one dip (it wants lag to rise in every interval).
 * Here lag growth is a trend over the window (see evaluateTrend) and "commits stopped" is measured
 * against the partition's own commit cadence (see MIN_STOPPED_MS).
 */
export type HealthStatus =
  | { kind: 'ok'; reason: string }
  /** Commits progress but lag grows over the window, or lag is past a configured limit. */
  | { kind: 'warn'; reason: string }
  /** Commits stopped while lag grows and the group has members; or records were lost to retention. */
  | { kind: 'err'; reason: string }
  /** Commits stopped with lag waiting, members present, lag not growing. */
  | { kind: 'stall'; reason: string; stuckAtOffset: bigint }
  /** Nobody consumes: no member, commits stopped, lag waiting. */
  | { kind: 'stop'; reason: string }
  | { kind: 'rewind'; reason: string; fromOffset: bigint; toOffset: bigint }
  | { kind: 'unknown'; reason: string };

export type HealthKind = HealthStatus['kind'];

export interface StatusThresholds {
  maxLagMessages?: number;
  maxLagSeconds?: number;
}

export interface PipelineStatus {
  pipeline: HealthStatus;
  partitions: { topic: string; partition: number; status: HealthStatus }[];
}

/** Worst first: the pipeline is as unhealthy as its worst partition. */
const RANK: Record<HealthKind, number> = { stop: 6, err: 5, stall: 4, rewind: 3, warn: 2, ok: 1, unknown: 0 };

/** Lag changes below this are noise for status, as for the classifier. */
const MIN_LAG_GROWTH_MESSAGES = 10;
/**
 * Commits stopped: none for 3× the partition's own longest gap between commits in the window, and
 * at least 10 s. Relative to the partition's cadence, so a consumer committing every 5 s (the
 * Java default) is not stopped between two commits.
 */
const MIN_STOPPED_MS = 10_000;
const STOPPED_GAP_FACTOR = 3;

export function evaluateStatus(window: readonly PipelineSnapshot[], thresholds: StatusThresholds = {}): PipelineStatus {
  const folded = new PipelineWindow();
  for (const snapshot of window) folded.ingest(snapshot, UNBOUNDED_WINDOW);
  return evaluatePipelineStatus(folded, thresholds);
}

/** evaluateStatus over a window kept incrementally: each partition's state is read once, never re-scanned. */
export function evaluatePipelineStatus(window: PipelineWindow, thresholds: StatusThresholds = {}): PipelineStatus {
  const latest = window.latest;
  if (!latest) return { pipeline: { kind: 'unknown', reason: 'no snapshots' }, partitions: [] };
  if (latest.kafka.kind === 'gap') return { pipeline: { kind: 'unknown', reason: `Kafka not read: ${latest.kafka.reason}` }, partitions: [] };
  const view = latest.kafka;

  const partitions = view.partitions.map((p, i) => ({ topic: p.topic, partition: p.partition, status: evaluatePartitionStatus(window.latestTracks[i]!, p, view, latest.takenAtMs) }));
  const worst = partitions.reduce<(typeof partitions)[number] | null>((w, p) => (w === null || RANK[p.status.kind] > RANK[w.status.kind] ? p : w), null);
  if (!worst) return { pipeline: { kind: 'unknown', reason: 'no partitions' }, partitions };

  let pipeline: HealthStatus = worst.status;
  if (worst.status.kind !== 'ok' && worst.status.kind !== 'unknown') {
    const same = partitions.filter((p) => p.status.kind === worst.status.kind).length;
    pipeline = { ...worst.status, reason: `${same} of ${partitions.length} partitions ${worst.status.kind}; ${partitionLabel(worst)}: ${worst.status.reason}` };
  } else if (worst.status.kind === 'ok') {
    pipeline = { kind: 'ok', reason: `all ${partitions.length} partitions ok` };
  }
  const over = overThresholds(view, thresholds);
  if (over !== null && RANK[pipeline.kind] < RANK.warn) pipeline = { kind: 'warn', reason: over };
  return { pipeline, partitions };
}

function evaluatePartitionStatus(track: PartitionTrack, now: PartitionSnapshot, view: KafkaView, endMs: number): HealthStatus {
  if (track.size < MIN_TREND_POINTS) return { kind: 'unknown', reason: `${track.size} samples, ${MIN_TREND_POINTS} needed` };
  if (now.committedOffset === null) return { kind: 'unknown', reason: 'nothing committed' };

  const rewind = track.firstRewind();
  if (rewind) {
    return { kind: 'rewind', reason: `committed offset went back from ${formatOffset(rewind.from)} to ${formatOffset(rewind.to)}`, fromOffset: rewind.from, toOffset: rewind.to };
  }
  if (now.lag.kind === 'lost-to-retention') return { kind: 'err', reason: `${formatMessages(now.lag.lostMessages)} deleted by retention before being consumed` };
  const lag = lagMessagesOf(now);
  if (lag === 0) return { kind: 'ok', reason: 'caught up' };

  const startMs = track.headAtMs();
  const lastAdvanceAtMs = track.lastAdvanceInWindowAtMs();
  const longestGapMs = track.longestGapMs('since-advance') ?? 0;
  const idleMs = endMs - (lastAdvanceAtMs ?? startMs);
  const stopped = idleMs >= Math.max(MIN_STOPPED_MS, STOPPED_GAP_FACTOR * longestGapMs);
  const trend = track.lagGrowth(MIN_LAG_GROWTH_MESSAGES);
  const growing = trend.growing;
  const growth = growing ? `, ${formatGrowth(trend.slopePerSec)}` : '';
  const idleFor = `${lastAdvanceAtMs === null ? 'at least ' : ''}${formatSeconds(idleMs / 1000)}`;

  if (stopped) {
    if (now.owner === null && consumerPresence(view) === 'none') {
      return { kind: 'stop', reason: `no consumer: lag ${formatMessages(lag)}${growth}, no commit for ${idleFor}` };
    }
    if (growing) return { kind: 'err', reason: `lag grows (${formatMessages(lag)}${growth}) and no commit for ${idleFor}` };
    return { kind: 'stall', reason: `committed offset stuck at ${formatOffset(now.committedOffset)} for ${idleFor} with ${formatMessages(lag)} waiting`, stuckAtOffset: now.committedOffset };
  }
  if (lastAdvanceAtMs === null) return { kind: 'unknown', reason: `no commit seen in ${formatSeconds(idleMs / 1000)}` };
  if (growing) return { kind: 'warn', reason: `lag grows over the window (${formatMessages(lag)}${growth}) although commits progress` };
  return { kind: 'ok', reason: `commits progress, lag ${formatMessages(lag)} steady` };
}

function overThresholds(view: KafkaView, thresholds: StatusThresholds): string | null {
  const { maxLagMessages, maxLagSeconds } = thresholds;
  if (maxLagMessages !== undefined && view.totals.lagMessages > maxLagMessages) {
    return `lag ${formatMessages(view.totals.lagMessages)} over the limit of ${formatMessages(maxLagMessages)}`;
  }
  const seconds = view.totals.maxLagSeconds.kind === 'estimated' ? view.totals.maxLagSeconds.seconds : null;
  if (maxLagSeconds !== undefined && seconds !== null && seconds > maxLagSeconds) {
    return `lag ${formatSeconds(seconds)} over the limit of ${formatSeconds(maxLagSeconds)}`;
  }
  return null;
}
