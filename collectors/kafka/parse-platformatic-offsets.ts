import type { describeConfigsV4, listOffsetsV9, metadataV12 } from '@platformatic/kafka';
import { ERROR } from './describe-error-code';

/**
 * Metadata, ListOffsets and DescribeConfigs answers as @platformatic/kafka 1.35.0 parses them
 * (https://kafka.apache.org/protocol#The_Messages_Metadata, …_ListOffsets, …_DescribeConfigs),
 * turned into what the source keeps: leaders by partition, offsets as bigint, retention in ms.
 */

export interface BrokerAddress {
  nodeId: number;
  host: string;
  port: number;
}

export interface TopicLayout {
  /** Changes when a topic is deleted and created again under the same name. */
  topicId: string;
  /** Indexed by partition number; leaderId -1 while no leader is elected. */
  leaders: number[];
}

export interface ClusterLayout {
  brokers: Map<number, BrokerAddress>;
  topics: Map<string, TopicLayout>;
}

/**
 * Every topic the answer names that exists. A topic asked for by name that does not exist comes
 * back as UNKNOWN_TOPIC_OR_PARTITION and is left out; one still being created has no leaders yet.
 */
export function parseMetadata(response: metadataV12.MetadataResponse): ClusterLayout {
  const brokers = new Map(response.brokers.map((b) => [b.nodeId, { nodeId: b.nodeId, host: b.host, port: b.port }]));
  const topics = new Map<string, TopicLayout>();
  for (const topic of response.topics) {
    if (!topic.name || topic.errorCode === ERROR.UNKNOWN_TOPIC_OR_PARTITION) continue;
    const leaders: number[] = [];
    for (const p of topic.partitions) leaders[p.partitionIndex] = p.errorCode === ERROR.LEADER_NOT_AVAILABLE ? -1 : p.leaderId;
    topics.set(topic.name, { topicId: topic.topicId, leaders: Array.from(leaders, (leader) => leader ?? -1) });
  }
  return { brokers, topics };
}

export type ListedOffset = { topic: string; partition: number } & ({ ok: true; offset: bigint } | { ok: false; errorCode: number });

export function parseListOffsets(response: listOffsetsV9.ListOffsetsResponse): ListedOffset[] {
  return response.topics.flatMap(({ name: topic, partitions }) =>
    partitions.map(({ partitionIndex: partition, errorCode, offset }): ListedOffset =>
      errorCode === 0 ? { topic, partition, ok: true, offset } : { topic, partition, ok: false, errorCode },
    ),
  );
}

/**
 * retention.ms per topic: null when the topic keeps records by time forever (-1). A topic whose
 * config could not be read (an error code, no value) is left out.
 */
export function parseRetention(response: describeConfigsV4.DescribeConfigsResponse): Map<string, number | null> {
  const retention = new Map<string, number | null>();
  for (const result of response.results) {
    if (result.errorCode !== 0) continue;
    const value = result.configs.find((c) => c.name === 'retention.ms')?.value;
    const ms = value === undefined || value === null ? NaN : Number(value);
    if (Number.isFinite(ms)) retention.set(result.resourceName, ms < 0 ? null : ms);
  }
  return retention;
}
