import { Reader, type describeGroupsV5, type findCoordinatorV6, type listGroupsV5, type offsetFetchV9 } from '@platformatic/kafka';
import type { CommittedOffset, GroupMember } from '../../lib/cluster/cluster-sample';
import type { ConsumerGroupDescribeResponse, ConsumerGroupDescription } from './consumer-group-describe';
import { describeErrorCode, ERROR, isCoordinatorMoved } from './describe-error-code';
import { parseGroupState, type GroupDescriptionOutcome } from './group-description-outcome';

/**
 * The group APIs' answers as @platformatic/kafka 1.35.0 parses them (the newest version it
 * implements; older versions it may negotiate carry a subset of these fields), turned into what
 * the source keeps. Protocol: https://kafka.apache.org/protocol#The_Messages_ListGroups and the
 * FindCoordinator, DescribeGroups and OffsetFetch messages beside it.
 */

export interface ListedGroup {
  groupId: string;
  protocolType: string;
}

/** One broker's ListGroups; an error code there is the broker's, not a group's: the sample fails. */
export function parseListGroups(response: listGroupsV5.ListGroupsResponse): ListedGroup[] {
  if (response.errorCode !== 0) throw new Error(`ListGroups failed: ${describeErrorCode(response.errorCode)}`);
  return response.groups.flatMap((g) => (g.groupId === null ? [] : [{ groupId: g.groupId, protocolType: g.protocolType }]));
}

export interface Coordinator {
  nodeId: number;
  host: string;
  port: number;
}

export type CoordinatorLookup = { kind: 'found'; coordinator: Coordinator } | { kind: 'failed'; reason: string };

/** A batched FindCoordinator (v4+, KIP-699): one entry per group, each with its own error code. */
export function parseFindCoordinator(response: findCoordinatorV6.FindCoordinatorResponse): Map<string, CoordinatorLookup> {
  return new Map(
    response.coordinators.map((c): [string, CoordinatorLookup] =>
      c.errorCode === 0
        ? [c.key, { kind: 'found', coordinator: { nodeId: c.nodeId, host: c.host, port: c.port } }]
        : [c.key, { kind: 'failed', reason: `coordinator not found: ${describeErrorCode(c.errorCode, c.errorMessage)}` }],
    ),
  );
}

/** What one coordinator said of one group: read, moved elsewhere (ask again within the cycle), or failed. */
export type GroupRead<T> = { kind: 'read'; value: T } | { kind: 'moved'; reason: string } | { kind: 'failed'; reason: string };

function groupError(code: number): GroupRead<never> {
  const reason = describeErrorCode(code);
  return isCoordinatorMoved(code) ? { kind: 'moved', reason } : { kind: 'failed', reason };
}

export function parseDescribeGroups(response: describeGroupsV5.DescribeGroupsResponse): Map<string, GroupRead<GroupDescriptionOutcome>> {
  const result = new Map<string, GroupRead<GroupDescriptionOutcome>>();
  for (const group of response.groups) {
    result.set(group.groupId, parseDescribedGroup(group));
  }
  return result;
}

function parseDescribedGroup(group: describeGroupsV5.DescribeGroupsResponseGroup): GroupRead<GroupDescriptionOutcome> {
  // Kafka 4 tells a consumer-protocol (KIP-848) group either way, by version: GROUP_ID_NOT_FOUND,
  // or state Dead with no protocol type although ListGroups just listed it.
  if (group.errorCode === ERROR.GROUP_ID_NOT_FOUND) return { kind: 'read', value: { kind: 'not-classic' } };
  if (group.errorCode !== 0) return groupError(group.errorCode);
  if (group.groupState === 'Dead' && group.protocolType === '') return { kind: 'read', value: { kind: 'not-classic' } };
  return {
    kind: 'read',
    value: {
      kind: 'described',
      state: parseGroupState(group.groupState),
      members: group.members.map((member) => toGroupMember(member, decodeMemberAssignment(member.memberAssignment))),
    },
  };
}

/** Brokers write the client's address as "/10.0.0.7". */
function toGroupMember(member: { memberId: string; clientId: string; clientHost: string }, assignment: GroupMember['assignment']): GroupMember {
  return { memberId: member.memberId, clientId: member.clientId, host: member.clientHost.replace(/^\//, ''), assignment };
}

/**
 * ConsumerGroupDescribe (KIP-848): a consumer-protocol group's state and members, each member's
 * current assignment by topic name (its target assignment is where it is heading, not what it owns).
 */
export function parseConsumerGroupDescribe(response: ConsumerGroupDescribeResponse): Map<string, GroupRead<GroupDescriptionOutcome>> {
  return new Map(response.groups.map((group) => [group.groupId, parseConsumerGroup(group)]));
}

function parseConsumerGroup(group: ConsumerGroupDescription): GroupRead<GroupDescriptionOutcome> {
  if (group.errorCode !== 0) return groupError(group.errorCode);
  return {
    kind: 'read',
    value: {
      kind: 'consumer-described',
      state: parseGroupState(group.groupState),
      members: group.members.map((member) =>
        toGroupMember(
          member,
          member.assignment
            .map((a) => ({ topic: a.topicName, partitions: [...a.partitions].sort((x, y) => x - y) }))
            .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0)),
        ),
      ),
    },
  };
}

/**
 * The consumer protocol's assignment (ConsumerProtocolAssignment: version, [topic [partitions]],
 * user data), read with the client's Reader exactly as its own admin describeGroups reads it;
 * 1.35.0 exports no decoder for it. Anything else (Connect workers, streams) shows no partitions.
 */
export function decodeMemberAssignment(buffer: Buffer): GroupMember['assignment'] {
  if (buffer.length === 0) return [];
  try {
    const reader = Reader.from(buffer);
    reader.skip(2);
    const topics = reader.readArray((r) => ({ topic: r.readString(false), partitions: r.readArray((p) => p.readInt32(), false, false) }), false, false);
    return topics.map(({ topic, partitions }) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));
  } catch {
    return [];
  }
}

/** A multi-group OffsetFetch (v8+, KIP-709): each group's commits, or that group's error. */
export function parseOffsetFetch(response: offsetFetchV9.OffsetFetchResponse): Map<string, GroupRead<CommittedOffset[]>> {
  const result = new Map<string, GroupRead<CommittedOffset[]>>();
  for (const group of response.groups) {
    if (group.errorCode !== 0) {
      result.set(group.groupId, groupError(group.errorCode));
      continue;
    }
    result.set(group.groupId, parseCommitted(group));
  }
  return result;
}

function parseCommitted(group: offsetFetchV9.OffsetFetchResponseGroup): GroupRead<CommittedOffset[]> {
  const committed: CommittedOffset[] = [];
  for (const { name: topic, partitions } of group.topics) {
    for (const { partitionIndex: partition, committedOffset, errorCode } of partitions) {
      if (errorCode !== 0) return { kind: 'failed', reason: `${topic}[${partition}]: ${describeErrorCode(errorCode)}` };
      // -1: nothing committed on this partition.
      if (committedOffset < -1n) return { kind: 'failed', reason: `committed offset ${committedOffset} on ${topic}[${partition}] is not an offset` };
      committed.push({ topic, partition, offset: committedOffset === -1n ? null : committedOffset });
    }
  }
  return { kind: 'read', value: committed };
}
