/**
 * What one sampling cycle read from Kafka, wire-free: offsets as bigint, groups with their state,
 * members and committed offsets. Built by collectors/kafka; everything past it reads only this.
 */

export interface PartitionOffsets {
  partition: number;
  logStartOffset: bigint;
  logEndOffset: bigint;
}

/**
 * Classic groups rebalance through JoinGroup/SyncGroup; 'consumer' groups use the Kafka 4 consumer
 * protocol (KIP-848), whose membership the classic DescribeGroups cannot show.
 */
export type GroupProtocol = 'classic' | 'consumer' | 'unknown';

export type GroupState =
  | 'Stable'
  | 'PreparingRebalance'
  | 'CompletingRebalance'
  | 'Empty'
  | 'Dead'
  | 'Assigning'
  | 'Reconciling'
  | 'Unknown';

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  assignment: { topic: string; partitions: number[] }[];
}

export type GroupMembership =
  | { kind: 'visible'; members: GroupMember[] }
  /** The group exists but its members cannot be read; `reason` says why, for the screen. */
  | { kind: 'not-visible'; reason: string };

export interface CommittedOffset {
  topic: string;
  partition: number;
  /** null: the group has never committed on this partition. */
  offset: bigint | null;
}

export interface GroupSample {
  groupId: string;
  protocol: GroupProtocol;
  state: GroupState;
  membership: GroupMembership;
  committed: CommittedOffset[];
}

export interface ClusterSample {
  takenAtMs: number;
  brokerCount: number;
  topics: ReadonlyMap<string, PartitionOffsets[]>;
  /**
   * retention.ms per sampled topic; null when the topic keeps records by time forever (-1).
   * A topic missing here had its config unread this cycle.
   */
  retentionMsByTopic: ReadonlyMap<string, number | null>;
  groups: GroupSample[];
  /** Requests sent to brokers for this sample: the cost of a cycle. */
  roundTrips: number;
  /**
   * Parts that could not be read this cycle (a topic deleted mid-cycle, a coordinator moving):
   * their pipelines become gaps with the reason while the rest of the cluster is reported.
   * Absent: nothing failed.
   */
  failures?: { topics: ReadonlyMap<string, string>; groups: ReadonlyMap<string, string> };
}
