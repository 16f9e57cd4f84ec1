import { AssignerProtocol, type GroupDescription } from 'kafkajs';
import type { GroupMember, GroupMembership, GroupSample, GroupState } from '../../lib/cluster/cluster-sample';
import { assertNever } from '../../lib/assert-never';

/**
 * What DescribeGroups said about one group, as kafkajs 2.2.4 returns it
 * (https://kafka.apache.org/protocol#The_Messages_DescribeGroups), before it becomes a GroupSample.
 */
export type GroupDescriptionOutcome =
  | { kind: 'described'; state: GroupState; members: GroupMember[] }
  /** ListGroups listed it but the classic DescribeGroups cannot describe it: a KIP-848 group. */
  | { kind: 'not-classic' }
  | { kind: 'failed'; reason: string };

const KNOWN_STATES: readonly GroupState[] = ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead', 'Assigning', 'Reconciling'];

export function parseGroupDescription(group: GroupDescription): GroupDescriptionOutcome {
  // Kafka 4 answers the classic DescribeGroups (at the version kafkajs sends) for a group on the
  // consumer protocol with state Dead and no protocol type, although ListGroups just listed it.
  if (group.state === 'Dead' && group.protocolType === '') return { kind: 'not-classic' };
  const state = (KNOWN_STATES as readonly string[]).includes(group.state) ? (group.state as GroupState) : 'Unknown';
  return {
    kind: 'described',
    state,
    members: group.members.map((member) => ({
      memberId: member.memberId,
      clientId: member.clientId,
      host: member.clientHost.replace(/^\//, ''),
      assignment: decodeAssignment(member.memberAssignment),
    })),
  };
}

/** Newer DescribeGroups versions say GROUP_ID_NOT_FOUND ("not a classic group") instead. */
export function parseDescribeGroupsFailure(error: unknown): GroupDescriptionOutcome {
  if ((error as { type?: string }).type === 'GROUP_ID_NOT_FOUND') return { kind: 'not-classic' };
  return { kind: 'failed', reason: (error as Error).message };
}

/** Consumer-protocol assignments are encoded by the client; anything else (Connect workers, streams) shows no partitions. */
function decodeAssignment(buffer: Buffer): GroupMember['assignment'] {
  if (buffer.length === 0) return [];
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(buffer);
    return Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));
  } catch {
    return [];
  }
}

export function toGroupShape(description: GroupDescriptionOutcome): Pick<GroupSample, 'protocol' | 'state' | 'membership'> {
  switch (description.kind) {
    case 'described': {
      const membership: GroupMembership = { kind: 'visible', members: description.members };
      return { protocol: 'classic', state: description.state, membership };
    }
    case 'not-classic':
      return {
        protocol: 'consumer',
        state: 'Unknown',
        membership: {
          kind: 'not-visible',
          reason: 'the group uses the Kafka 4 consumer protocol (KIP-848): its state and members need ConsumerGroupDescribe, which kafkajs does not send; lag and commits are still read',
        },
      };
    case 'failed':
      return { protocol: 'unknown', state: 'Unknown', membership: { kind: 'not-visible', reason: `DescribeGroups failed: ${description.reason}` } };
    default:
      return assertNever(description, 'description');
  }
}
