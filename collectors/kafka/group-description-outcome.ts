import type { GroupMember, GroupMembership, GroupSample, GroupState } from '../../lib/cluster/cluster-sample';
import { assertNever } from '../../lib/assert-never';

/**
 * What DescribeGroups said about one group, whichever client asked
 * (https://kafka.apache.org/protocol#The_Messages_DescribeGroups), before it becomes a GroupSample.
 */
export type GroupDescriptionOutcome =
  | { kind: 'described'; state: GroupState; members: GroupMember[] }
  /** A KIP-848 group as ConsumerGroupDescribe describes it. */
  | { kind: 'consumer-described'; state: GroupState; members: GroupMember[] }
  /**
   * ListGroups listed it but the classic DescribeGroups cannot describe it: a KIP-848 group, whose
   * members are not known (`reason`: why ConsumerGroupDescribe did not show them, when it was tried).
   */
  | { kind: 'not-classic'; reason?: string }
  | { kind: 'failed'; reason: string };

const KNOWN_STATES: readonly GroupState[] = ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead', 'Assigning', 'Reconciling'];

/** Group states as the broker spells them ('Stable', 'PreparingRebalance'); anything newer is 'Unknown'. */
export function parseGroupState(state: string): GroupState {
  return (KNOWN_STATES as readonly string[]).includes(state) ? (state as GroupState) : 'Unknown';
}

/** `consumerProtocolReason` says, for the screen, why a KIP-848 group's members are not shown. */
export function toGroupShapeWith(
  description: GroupDescriptionOutcome,
  consumerProtocolReason: string,
): Pick<GroupSample, 'protocol' | 'state' | 'membership'> {
  switch (description.kind) {
    case 'described': {
      const membership: GroupMembership = { kind: 'visible', members: description.members };
      return { protocol: 'classic', state: description.state, membership };
    }
    case 'consumer-described':
      return { protocol: 'consumer', state: description.state, membership: { kind: 'visible', members: description.members } };
    case 'not-classic':
      return { protocol: 'consumer', state: 'Unknown', membership: { kind: 'not-visible', reason: description.reason ?? consumerProtocolReason } };
    case 'failed':
      return { protocol: 'unknown', state: 'Unknown', membership: { kind: 'not-visible', reason: `DescribeGroups failed: ${description.reason}` } };
    default:
      return assertNever(description, 'description');
  }
}
