import { Writer, createAPI, type Reader } from '@platformatic/kafka';

/**
 * ConsumerGroupDescribe v0 (API key 69, KIP-848): the members, epochs and assignments of groups
 * on the Kafka 4 consumer protocol, which the classic DescribeGroups cannot describe.
 * @platformatic/kafka 1.35.0 ships this API with a parser that reads `subscribed_topic_names` as
 * one string and skips the tagged fields that end each assignment struct, so any group with a
 * member fails to parse; this is the same request with a parser that follows the schema
 * (https://kafka.apache.org/protocol#The_Messages_ConsumerGroupDescribe):
 *
 *   groups => error_code error_message group_id group_state group_epoch assignment_epoch
 *             assignor_name [members] authorized_operations TAG_BUFFER
 *   members => member_id instance_id rack_id member_epoch client_id client_host
 *              [subscribed_topic_names] subscribed_topic_regex assignment target_assignment TAG_BUFFER
 *   assignment => [topic_partitions] TAG_BUFFER
 *   topic_partitions => topic_id topic_name [partitions] TAG_BUFFER
 *
 * Unlike the client's own parsers it does not raise on a group's error code: the caller reads
 * each group's code, so one group's failure stays that group's.
 */

export interface ConsumerGroupTopicPartitions {
  topicId: string;
  topicName: string;
  partitions: number[];
}

export interface ConsumerGroupMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  memberEpoch: number;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string | null;
  assignment: ConsumerGroupTopicPartitions[];
  targetAssignment: ConsumerGroupTopicPartitions[];
}

export interface ConsumerGroupDescription {
  errorCode: number;
  errorMessage: string | null;
  groupId: string;
  groupState: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: ConsumerGroupMember[];
  authorizedOperations: number;
}

export interface ConsumerGroupDescribeResponse {
  throttleTimeMs: number;
  groups: ConsumerGroupDescription[];
}

export function createConsumerGroupDescribeRequest(groupIds: string[], includeAuthorizedOperations: boolean): Writer {
  return Writer.create()
    .appendArray(groupIds, (w, id) => w.appendString(id), true, false)
    .appendBoolean(includeAuthorizedOperations)
    .appendTaggedFields();
}

export function parseConsumerGroupDescribeResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): ConsumerGroupDescribeResponse {
  return {
    throttleTimeMs: reader.readInt32(),
    // readArray reads the tagged fields that end each element (a group, a member, a topic's partitions).
    groups: reader.readArray((r) => ({
      errorCode: r.readInt16(),
      errorMessage: r.readNullableString(),
      groupId: r.readString(),
      groupState: r.readString(),
      groupEpoch: r.readInt32(),
      assignmentEpoch: r.readInt32(),
      assignorName: r.readString(),
      members: r.readArray((m) => ({
        memberId: m.readString(),
        instanceId: m.readNullableString(),
        rackId: m.readNullableString(),
        memberEpoch: m.readInt32(),
        clientId: m.readString(),
        clientHost: m.readString(),
        subscribedTopicNames: m.readArray((s) => s.readString(), true, false),
        subscribedTopicRegex: m.readNullableString(),
        assignment: readAssignment(m),
        targetAssignment: readAssignment(m),
      })),
      authorizedOperations: r.readInt32(),
    })),
  };
}

/** An Assignment struct: its topics, then the struct's own tagged fields. */
function readAssignment(reader: Reader): ConsumerGroupTopicPartitions[] {
  const topics = reader.readArray((t) => ({
    topicId: t.readUUID(),
    topicName: t.readString(),
    partitions: t.readArray((p) => p.readInt32(), true, false),
  }));
  reader.readTaggedFields();
  return topics;
}

export const consumerGroupDescribeV0 = createAPI<[groupIds: string[], includeAuthorizedOperations: boolean], ConsumerGroupDescribeResponse>(
  69,
  0,
  createConsumerGroupDescribeRequest,
  parseConsumerGroupDescribeResponse,
);
