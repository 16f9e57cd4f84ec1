import kafkajs, { Kafka, logLevel, type Admin, type KafkaConfig } from 'kafkajs';
import { mapWithConcurrency } from '../../lib/collection/map-with-concurrency';
import type { ClusterSample, CommittedOffset, GroupSample, PartitionOffsets } from '../../lib/cluster/cluster-sample';
import type { ClusterSource } from '../../lib/cluster/cluster-source';
import { parseOffset } from '../../lib/cluster/parse-offset';
import { parseDescribeGroupsFailure, parseGroupDescription, toGroupShape, type GroupDescriptionOutcome } from './parse-group-description';

// kafkajs is CommonJS, and Node's ESM loader does not detect this export by name.
const { ConfigResourceTypes } = kafkajs;

export interface KafkajsClusterSourceOptions {
  kafka: Pick<KafkaConfig, 'brokers' | 'clientId' | 'ssl' | 'sasl' | 'connectionTimeout' | 'requestTimeout'>;
  /** Which consumer groups are pipelines (include/exclude patterns applied by the caller). */
  includeGroup: (groupId: string) => boolean;
  /** Topics to read besides those the groups consume, e.g. their DLQs; given what each group consumes and every topic. */
  extraTopics: (consumedByGroup: ReadonlyMap<string, ReadonlySet<string>>, allTopics: ReadonlySet<string>) => Iterable<string>;
  /** Requests in flight at once; kafkajs itself would send one per group and topic all at once. */
  maxConcurrentRequests: number;
  nowMs?: () => number;
  createAdmin?: (config: KafkaConfig) => Admin;
}

/**
 * Samples a cluster with the kafkajs admin client. Cost per cycle, as kafkajs 2.2.4 allows it:
 * one ListGroups per broker, one Metadata, per group a FindCoordinator + OffsetFetch (kafkajs
 * sends no multi-group OffsetFetch, KIP-709) and a FindCoordinator for DescribeGroups, per topic
 * two ListOffsets rounds, and one DescribeConfigs for retention. Every request is counted from the
 * client's own instrumentation events.
 */
export class KafkajsClusterSource implements ClusterSource {
  private admin: Admin;
  private connected: Promise<void> | null = null;
  private requests = 0;
  private readonly nowMs: () => number;
  private readonly newAdmin: () => Admin;

  constructor(private readonly options: KafkajsClusterSourceOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    const config: KafkaConfig = {
      ...options.kafka,
      logLevel: logLevel.NOTHING,
      // One cycle's failure is reported by the collector and retried next cycle; kafkajs's own
      // retries would only make a dead broker take longer to say so.
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1_000 },
    };
    this.newAdmin = () => {
      const admin = (options.createAdmin ?? ((c) => new Kafka(c).admin()))(config);
      admin.on(admin.events.REQUEST, () => {
        this.requests++;
      });
      return admin;
    };
    this.admin = this.newAdmin();
  }

  async sample(): Promise<ClusterSample> {
    try {
      return await this.sampleOnce();
    } catch (error) {
      // kafkajs keeps every topic it has read in its metadata requests, and once one is deleted
      // every request fails with it (tulios/kafkajs#252). The fresh client sampleOnce left behind
      // does not know the topic: one more try reads the cluster as it is now.
      if ((error as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
      return this.sampleOnce();
    }
  }

  private async sampleOnce(): Promise<ClusterSample> {
    await this.connect();
    const requestsBefore = this.requests;
    try {
      const [{ groups: listed }, allTopicNames, cluster] = await Promise.all([
        this.admin.listGroups(),
        this.admin.listTopics(),
        this.admin.describeCluster(),
      ]);
      const groupIds = listed
        .filter((g) => CONSUMER_PROTOCOL_TYPES.has(g.protocolType) && this.options.includeGroup(g.groupId))
        .map((g) => g.groupId)
        .sort();
      const descriptions = await this.describeGroups(groupIds);
      const groupFailures = new Map<string, string>();
      const committed = await mapWithConcurrency(groupIds, this.options.maxConcurrentRequests, (groupId) =>
        this.fetchCommitted(groupId).catch((error: unknown) => {
          groupFailures.set(groupId, `committed offsets of group ${JSON.stringify(groupId)} not read: ${messageOf(error)}`);
          return [];
        }),
      );

      const allTopics = new Set(allTopicNames);
      const consumedByGroup = new Map(groupIds.map((groupId, index) => [groupId, new Set(committed[index]!.map((c) => c.topic))]));
      for (const [groupId, description] of descriptions) {
        if (description.kind !== 'described') continue;
        for (const m of description.members) for (const a of m.assignment) consumedByGroup.get(groupId)?.add(a.topic);
      }
      const consumed = [...consumedByGroup.values()].flatMap((topics) => [...topics]);
      const extra = this.options.extraTopics(consumedByGroup, allTopics);
      const topicNames = [...new Set([...consumed, ...extra])].filter((t) => allTopics.has(t)).sort();
      const topicFailures = new Map<string, string>();
      const [topicOffsets, retentionMsByTopic] = await Promise.all([
        mapWithConcurrency(topicNames, this.options.maxConcurrentRequests, (topic) =>
          this.fetchTopicOffsets(topic).catch((error: unknown) => {
            // A topic deleted between ListTopics and ListOffsets, or a partition moving: that topic's
            // pipelines are a gap this cycle, the rest of the cluster is still reported.
            topicFailures.set(topic, `offsets of topic ${JSON.stringify(topic)} not read: ${messageOf(error)}`);
            return null;
          }),
        ),
        // Retention is context, not lag: without it headroom is unknown this cycle, nothing else.
        this.fetchRetention(topicNames).catch(() => new Map<string, number | null>()),
      ]);
      // Stamped when the log-end offsets arrived, not when the cycle began: on a large cluster the
      // two are seconds apart, and lag in seconds reads the offsets at this time.
      const takenAtMs = this.nowMs();
      // A topic that failed may have been deleted: the next cycle starts with a fresh client (see sample).
      if (topicFailures.size > 0) await this.renewAdmin();

      const groups = groupIds.map((groupId, index): GroupSample => {
        const description = descriptions.get(groupId) ?? { kind: 'failed', reason: 'not described' };
        return {
          groupId,
          ...toGroupShape(description),
          // Offsets of deleted topics linger in __consumer_offsets until they expire; they are not lag.
          committed: committed[index]!.filter((c) => allTopics.has(c.topic)),
        };
      });
      return {
        takenAtMs,
        brokerCount: cluster.brokers.length,
        topics: new Map(topicNames.flatMap((topic, index) => (topicOffsets[index] ? [[topic, topicOffsets[index]] as const] : []))),
        retentionMsByTopic,
        groups,
        roundTrips: this.requests - requestsBefore,
        ...(topicFailures.size > 0 || groupFailures.size > 0 ? { failures: { topics: topicFailures, groups: groupFailures } } : {}),
      };
    } catch (error) {
      // Let the next cycle start from a fresh client; kafkajs keeps a broken connection, and the
      // metadata of deleted topics, otherwise.
      await this.renewAdmin();
      throw error;
    }
  }

  private async renewAdmin(): Promise<void> {
    const old = this.admin;
    this.connected = null;
    this.admin = this.newAdmin();
    await old.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.connected = null;
    await this.admin.disconnect();
  }

  private connect(): Promise<void> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = null;
      throw error;
    });
    return this.connected;
  }

  /**
   * One DescribeGroups per coordinator for all groups; when that fails (one group the classic API
   * cannot describe fails the whole call in kafkajs), each group is described alone so the others
   * still show.
   */
  private async describeGroups(groupIds: string[]): Promise<Map<string, GroupDescriptionOutcome>> {
    const result = new Map<string, GroupDescriptionOutcome>();
    if (groupIds.length === 0) return result;
    try {
      const { groups } = await this.admin.describeGroups(groupIds);
      for (const group of groups) result.set(group.groupId, parseGroupDescription(group));
    } catch {
      await mapWithConcurrency(groupIds, this.options.maxConcurrentRequests, async (groupId) => {
        try {
          const { groups } = await this.admin.describeGroups([groupId]);
          const group = groups[0];
          result.set(groupId, group ? parseGroupDescription(group) : { kind: 'failed', reason: 'the coordinator returned no description' });
        } catch (error) {
          result.set(groupId, parseDescribeGroupsFailure(error));
        }
      });
    }
    return result;
  }

  private async fetchCommitted(groupId: string): Promise<CommittedOffset[]> {
    const topics = await this.admin.fetchOffsets({ groupId });
    const committed: CommittedOffset[] = [];
    for (const { topic, partitions } of topics) {
      for (const { partition, offset } of partitions) {
        const parsed = parseOffset(offset);
        if (!parsed.ok) throw new Error(`group ${groupId}: committed offset ${JSON.stringify(offset)} on ${topic}[${partition}] is not an offset`);
        committed.push({ topic, partition, offset: parsed.offset });
      }
    }
    return committed;
  }

  /** One DescribeConfigs for every topic: how long each keeps records, to tell how close lag is to data loss. */
  private async fetchRetention(topics: string[]): Promise<Map<string, number | null>> {
    const retention = new Map<string, number | null>();
    if (topics.length === 0) return retention;
    const { resources } = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
    });
    for (const resource of resources) {
      const value = resource.configEntries.find((e) => e.configName === 'retention.ms')?.configValue;
      const ms = value === undefined ? NaN : Number(value);
      if (Number.isFinite(ms)) retention.set(resource.resourceName, ms < 0 ? null : ms);
    }
    return retention;
  }

  private async fetchTopicOffsets(topic: string): Promise<PartitionOffsets[]> {
    const partitions = await this.admin.fetchTopicOffsets(topic);
    return partitions
      .map(({ partition, low, high }) => ({ partition, logStartOffset: BigInt(low), logEndOffset: BigInt(high) }))
      .sort((a, b) => a.partition - b.partition);
  }
}

/**
 * Consumer groups only: Kafka Connect workers ('connect') and Schema Registry ('sr') coordinate
 * through groups too, but consume nothing. Kafka 4 lists consumer-protocol groups as 'consumer'.
 */
const CONSUMER_PROTOCOL_TYPES = new Set(['consumer', '']);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
