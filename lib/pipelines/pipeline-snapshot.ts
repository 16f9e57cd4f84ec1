import type { GroupMembership, GroupProtocol, GroupState } from '../cluster/cluster-sample';
import type { PartitionLag } from '../cluster/partition-lag';
import type { TimeToDrain } from './evaluate-time-to-drain';
import type { SignalName } from '../signals/signals';
import type { TimeLagEstimate } from '../time-lag/estimate-lag-seconds';
import type { GroupEvent } from './group-events';
import type { GroupActivity } from './group-activity';

/**
 * One pipeline at one cycle: what the collectors saw, evaluated. Missing data is a `gap` with its
 * reason, never a zero: a dead Prometheus must not read as "no errors".
 */
export interface PipelineSnapshot {
  pipelineId: string;
  name: string;
  groupId: string;
  takenAtMs: number;
  topics: string[];
  dlqTopics: string[];
  kafka: KafkaView | { kind: 'gap'; reason: string; lastSampledAtMs: number | null };
  signals: SignalsView | { kind: 'gap'; reason: string; lastSampledAtMs: number | null } | { kind: 'disabled' };
  /** Whether the group consumes at all: an inactive or abandoned one is listed apart and never an incident. */
  activity: GroupActivity;
}

/** A rate needs two readings inside the window; until then, or across a reset, there is none. */
export type Rate = number | null;

export interface KafkaView {
  kind: 'sampled';
  group: { state: GroupState; protocol: GroupProtocol; membership: GroupMembership; exists: boolean };
  partitions: PartitionSnapshot[];
  totals: PipelineTotals;
  dlq: DlqView;
  /** State and membership changes of the group, newest last, bounded by count and age. */
  recentEvents: GroupEvent[];
}

export interface PartitionSnapshot {
  topic: string;
  partition: number;
  logStartOffset: bigint;
  logEndOffset: bigint;
  committedOffset: bigint | null;
  lag: PartitionLag;
  lagSeconds: TimeLagEstimate;
  produceRatePerSec: Rate;
  consumeRatePerSec: Rate;
  /** The member the partition is assigned to, when membership is visible and it is assigned. */
  owner: { memberId: string; clientId: string; host: string } | null;
  /** The topic's retention.ms; null when it keeps records forever, or its config was not read. */
  retentionMs: number | null;
}

export interface PipelineTotals {
  /** Sum over partitions with a commit; partitions without one are counted apart. */
  lagMessages: number;
  /** The oldest unconsumed record's age across partitions: the pipeline is as late as its worst partition. */
  maxLagSeconds: TimeLagEstimate;
  produceRatePerSec: Rate;
  consumeRatePerSec: Rate;
  timeToDrain: TimeToDrain | { kind: 'unknown'; reason: 'no-rate' };
  partitionsWithoutCommit: number;
  partitionsLostToRetention: number;
  /** Records deleted by retention before the group consumed them (visible while the commit stays below the log start). */
  lostMessages: number;
  /**
   * Time until retention deletes the oldest unconsumed record, over the worst partition: retention
   * minus lag in seconds. null when no partition has both. Negative means records are being lost.
   */
  retentionHeadroomSeconds: number | null;
}

export interface DlqView {
  /** Records retained in all DLQ topics of the pipeline. */
  depthMessages: number;
  growthPerSec: Rate;
  topics: { topic: string; depthMessages: number; growthPerSec: Rate }[];
}

export type SignalReading =
  | { kind: 'value'; value: number }
  /** Prometheus answered, but has no series for this group: not instrumented, or no traffic. */
  | { kind: 'no-data' }
  | { kind: 'error'; message: string };

export interface SignalsView {
  kind: 'sampled';
  readings: Record<SignalName, SignalReading>;
}
