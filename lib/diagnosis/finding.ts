import type { GroupState } from '../cluster/cluster-sample';
import type { SignalName } from '../signals/signals';
import type { FailureType, Severity } from './failure-table';

/** What the classifier concluded about one pipeline over one window, with the numbers that show it. */

export type Confidence = 'high' | 'medium' | 'low';

/** Evidence read from Kafka rather than Prometheus: offsets, commits and group state. */
export type KafkaEvidenceSignal =
  | 'lagMessages'
  | 'lagGrowthPerSec'
  | 'lagSeconds'
  | 'lagShare'
  | 'produceRatePerSec'
  | 'consumeRatePerSec'
  | 'commitProgress'
  | 'committedOffset'
  | 'groupMembers'
  | 'groupEvents'
  | 'dlqGrowthPerSec'
  | 'secondsWithoutSuccess'
  | 'retentionHeadroomSeconds'
  | 'lostMessages'
  | 'signalsAvailability';

export type EvidenceSignal = SignalName | KafkaEvidenceSignal;

export type Comparison =
  /** Against the same signal early in the window (or a pinned baseline); null when there was none. */
  | { kind: 'vs-baseline'; baseline: number | null }
  /** Passed a noise floor or a configured limit. */
  | { kind: 'at-least'; minimum: number }
  | { kind: 'at-most'; maximum: number }
  | { kind: 'trend'; direction: 'growing' | 'shrinking' | 'flat' }
  | { kind: 'observed' };

export interface Evidence {
  signal: EvidenceSignal;
  value: number | null;
  comparison: Comparison;
  /** For people: "sink p99 2.3 s vs 120 ms baseline". */
  text: string;
}

export interface MemberRef {
  memberId: string;
  clientId: string;
  host: string;
}

export interface PartitionRef {
  topic: string;
  partition: number;
  lagMessages: number;
  committedOffset: bigint | null;
  owner: MemberRef | null;
}

export interface StuckPartition extends PartitionRef {
  /** The committed offset that has not moved: the record at this offset is the one not getting done. */
  stuckAtOffset: bigint;
  stuckForSeconds: number;
}

export interface RetentionRisk extends PartitionRef {
  lagSeconds: number;
  /** The lag in seconds is a lower bound (extrapolated past the observed span). */
  lagSecondsAtLeast: boolean;
  /** null when the topic's retention was not read (records already lost are reported regardless). */
  retentionSeconds: number | null;
  /** Time left before the oldest unconsumed record may be deleted; ≤ 0 once it may be. */
  headroomSeconds: number | null;
  /** At this partition's current rates; null when it is not draining. */
  drainSeconds: number | null;
  lostMessages: number;
}

export interface FindingFacts {
  'transient-sink-error': {
    transientErrorsPerSec: number;
    baselineErrorsPerSec: number | null;
    errorRatio: number | null;
    retriesPerSec: number | null;
    processedPerSec: number | null;
    secondsWithoutSuccess: number;
  };
  'sink-unavailable': {
    secondsWithoutSuccess: number;
    lastSuccessAtMs: number | null;
    transientErrorsPerSec: number | null;
    consumersPaused: number | null;
    baselineConsumeRatePerSec: number | null;
  };
  'permanent-data-error': {
    dlqGrowthPerSec: number | null;
    dlqDepthMessages: number | null;
    dlqTopics: string[];
    permanentErrorsPerSec: number | null;
    stuckPartitions: StuckPartition[];
  };
  'slow-sink': {
    latencyP99Seconds: number | null;
    baselineLatencyP99Seconds: number | null;
    lagGrowthPerSec: number;
    consumeRatePerSec: number | null;
    baselineConsumeRatePerSec: number | null;
    errorRatio: number | null;
  };
  'kafka-rebalance': {
    rebalances: number;
    firstAtMs: number | null;
    lastAtMs: number | null;
    inProgress: boolean;
    joined: string[];
    left: string[];
    movedPartitions: number;
    baselineLagMessages: number | null;
    peakLagMessages: number;
    /** Records consumed after the last commit before the rebalance: an upper bound on redeliveries. */
    duplicateEstimateMessages: number | null;
  };
  'consumer-stopped': {
    members: number | null;
    groupState: GroupState;
    groupExists: boolean;
    /** At least this long: the window may not reach back to the last commit. */
    stoppedForSeconds: number;
    lastCommitAtMs: number | null;
    lagGrowthPerSec: number;
    baselineConsumeRatePerSec: number | null;
  };
  'upstream-stall': {
    silentForSeconds: number;
    lastProducedAtMs: number | null;
    baselineProduceRatePerSec: number;
  };
  'hot-partition': {
    lagShare: number;
    hotPartitions: number;
    totalPartitions: number;
    /** The hot partitions' share of production: near lagShare means skewed keys; low means a slow owner. */
    produceShare: number | null;
  };
  'lag-near-retention': {
    atRisk: RetentionRisk[];
  };
}

interface FindingCommon {
  confidence: Confidence;
  severity: Severity;
  evidence: Evidence[];
  partitions: PartitionRef[];
  members: MemberRef[];
  /** Classified from Kafka alone: Prometheus signals were disabled, a gap, or had no data. */
  kafkaOnly: boolean;
}

export type FindingOf<T extends FailureType> = FindingCommon & { type: T; facts: FindingFacts[T] };

export type Finding = { [T in FailureType]: FindingOf<T> }[FailureType];

const ORDER: Confidence[] = ['low', 'medium', 'high'];

export function lowerConfidence(confidence: Confidence, atMost: Confidence): Confidence {
  return ORDER[Math.min(ORDER.indexOf(confidence), ORDER.indexOf(atMost))] ?? 'low';
}
