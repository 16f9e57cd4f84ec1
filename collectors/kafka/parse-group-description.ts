import { AssignerProtocol, type GroupDescription } from 'kafkajs';
import type { GroupMember, GroupSample } from '../../lib/cluster/cluster-sample';
import { parseGroupState, toGroupShapeWith, type GroupDescriptionOutcome } from './group-description-outcome';

export type { GroupDescriptionOutcome } from './group-description-outcome';

export function parseGroupDescription(group: GroupDescription): GroupDescriptionOutcome {
  // Kafka 4 answers the classic DescribeGroups (at the version kafkajs sends) for a group on the
  // consumer protocol with state Dead and no protocol type, although ListGroups just listed it.
  if (group.state === 'Dead' && group.protocolType === '') return { kind: 'not-classic' };
  return {
    kind: 'described',
    state: parseGroupState(group.state),
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

const CONSUMER_PROTOCOL_REASON =
  'the group uses the Kafka 4 consumer protocol (KIP-848): its state and members need ConsumerGroupDescribe, which kafkajs does not send; lag and commits are still read';

export function toGroupShape(description: GroupDescriptionOutcome): Pick<GroupSample, 'protocol' | 'state' | 'membership'> {
  return toGroupShapeWith(description, CONSUMER_PROTOCOL_REASON);
}
