import { Admin, type AdminOptions, type SASLOptions } from '@platformatic/kafka';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { ClusterSample, CommittedOffset, GroupSample } from '../../lib/cluster/cluster-sample';
import type { ClusterSource } from '../../lib/cluster/cluster-source';
import { mapWithConcurrency } from '../../lib/collection/map-with-concurrency';
import { countPlatformaticRoundTrips, type RoundTripCounter } from './count-platformatic-round-trips';
import { toGroupShapeWith } from './group-description-outcome';
import { LogStartCache } from './log-start-cache';
import { parseListGroups, type Coordinator } from './parse-platformatic-groups';
import { parseMetadata, type ClusterLayout } from './parse-platformatic-offsets';
import { createKafkaRequests, type KafkaRequestObserver, type KafkaRequests } from './platformatic-requests';
import { readGroups } from './read-groups';
import { readTopicOffsets } from './read-topic-offsets';
import { RetentionCache } from './retention-cache';
import { routePlatformaticEvents } from './route-platformatic-events';
import type { Logger } from '../../lib/log/logger';

export interface PlatformaticClusterSourceOptions {
  kafka: { brokers: string[]; clientId: string; connectionTimeoutMs?: number; requestTimeoutMs?: number; tls?: TlsOptions; sasl?: SASLOptions };
  /** Which consumer groups are pipelines (include/exclude patterns applied by the caller). */
  includeGroup: (groupId: string) => boolean;
  /**
   * Topics to read besides those the groups consume, e.g. their DLQs; given what each group
   * consumes and every topic in the cached metadata. Names not in it are looked up by name, and
   * one found missing is not asked for again within `missingTopicRecheckMs`.
   */
  extraTopics: (consumedByGroup: ReadonlyMap<string, ReadonlySet<string>>, allTopics: ReadonlySet<string>) => Iterable<string>;
  /** Requests in flight at once; there are a few per broker and coordinator whatever the groups. */
  maxConcurrentRequests: number;
  /** Groups per FindCoordinator, DescribeGroups and OffsetFetch request. */
  groupsPerRequest?: number;
  /** The whole cluster's metadata is read again after this, or at once when an answer says it is stale. */
  metadataMaxAgeMs?: number;
  /** Log start offsets are read every this many cycles (and at once near a committed offset). */
  logStartEveryCycles?: number;
  retentionMaxAgeMs?: number;
  /**
   * A topic named (a DLQ candidate of a naming convention, most of which do not exist) but not in
   * the cluster is looked up again after this: a DLQ created since is seen within it.
   */
  missingTopicRecheckMs?: number;
  nowMs?: () => number;
  /** The client's own warnings (a broker it cannot reach) go here. */
  log?: Logger;
  /** Every request as it finished, by API: for /metrics. */
  observeRequest?: KafkaRequestObserver;
  createAdmin?: (options: AdminOptions) => Admin;
}

const DEFAULTS = { groupsPerRequest: 250, metadataMaxAgeMs: 5 * 60_000, logStartEveryCycles: 12, retentionMaxAgeMs: 10 * 60_000, missingTopicRecheckMs: 60_000 };

/**
 * Samples a cluster with @platformatic/kafka, in requests that grow with brokers and
 * coordinators, not with groups or topics. Per cycle: one ListGroups per broker, one DescribeGroups
 * and one OffsetFetch per coordinator (per `groupsPerRequest` groups), one ListOffsets per leader;
 * metadata, coordinators, log starts and retention are cached and read again when stale. Every
 * request is counted from the client's diagnostics channel (`lastRoundTripsByApi`).
 */
export class PlatformaticClusterSource implements ClusterSource {
  private admin!: Admin;
  private requests!: KafkaRequests;
  private counter!: RoundTripCounter;
  private layout: { value: ClusterLayout; readAtMs: number } | null = null;
  private layoutSuspect = false;
  private readonly coordinators = new Map<string, Coordinator>();
  /** Topic names the cluster did not have when last looked up, and when. */
  private readonly missingTopics = new Map<string, number>();
  private readonly logStarts = new LogStartCache();
  private readonly retention: RetentionCache;
  private readonly nowMs: () => number;
  private readonly settings: typeof DEFAULTS;
  private cycle = 0;
  /** Brokers the client could not connect to, across renewed clients: warned about once. */
  private readonly failingBrokers = new Set<string>();
  /** Requests of the last sample, by API name (Metadata, ListGroups, FindCoordinator, …). */
  lastRoundTripsByApi: ReadonlyMap<string, number> = new Map();

  constructor(private readonly options: PlatformaticClusterSourceOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    this.settings = {
      groupsPerRequest: options.groupsPerRequest ?? DEFAULTS.groupsPerRequest,
      metadataMaxAgeMs: options.metadataMaxAgeMs ?? DEFAULTS.metadataMaxAgeMs,
      logStartEveryCycles: options.logStartEveryCycles ?? DEFAULTS.logStartEveryCycles,
      retentionMaxAgeMs: options.retentionMaxAgeMs ?? DEFAULTS.retentionMaxAgeMs,
      missingTopicRecheckMs: options.missingTopicRecheckMs ?? DEFAULTS.missingTopicRecheckMs,
    };
    this.retention = new RetentionCache(this.settings.retentionMaxAgeMs, this.nowMs);
    this.openClient();
  }

  async sample(): Promise<ClusterSample> {
    this.counter.take();
    try {
      return await this.sampleOnce();
    } catch (error) {
      this.lastRoundTripsByApi = this.counter.take();
      // Start the next cycle from a fresh client and fresh metadata: a broker that went away may
      // come back elsewhere, and its connections are dead.
      await this.renewClient();
      throw error;
    }
  }

  async close(): Promise<void> {
    this.counter.close();
    await this.admin.close();
  }

  private async sampleOnce(): Promise<ClusterSample> {
    this.cycle++;
    let layout = await this.currentLayout();
    const listed = (
      await mapWithConcurrency([...layout.brokers.values()], this.options.maxConcurrentRequests, async (broker) =>
        parseListGroups(await this.requests.send('ListGroups', { host: broker.host, port: broker.port }, [[], []])),
      )
    ).flat();
    const groupIds = [...new Set(listed.filter((g) => CONSUMER_PROTOCOL_TYPES.has(g.protocolType) && this.options.includeGroup(g.groupId)).map((g) => g.groupId))].sort();
    const listedIds = new Set(listed.map((g) => g.groupId));
    for (const groupId of this.coordinators.keys()) if (!listedIds.has(groupId)) this.coordinators.delete(groupId);

    const groupsRead = await readGroups(this.requests, this.coordinators, groupIds, {
      groupsPerRequest: this.settings.groupsPerRequest,
      maxConcurrentRequests: this.options.maxConcurrentRequests,
    });
    const committedOf = (groupId: string): CommittedOffset[] => groupsRead.committed.get(groupId) ?? [];
    const consumedByGroup = new Map(groupIds.map((groupId) => [groupId, new Set(committedOf(groupId).map((c) => c.topic))]));
    for (const [groupId, description] of groupsRead.descriptions) {
      if (description.kind !== 'described' && description.kind !== 'consumer-described') continue;
      for (const m of description.members) for (const a of m.assignment) consumedByGroup.get(groupId)?.add(a.topic);
    }
    const consumed = [...consumedByGroup.values()].flatMap((topics) => [...topics]);
    const extra = [...this.options.extraTopics(consumedByGroup, new Set(layout.topics.keys()))];
    layout = await this.lookUpUnknownTopics(layout, [...new Set([...consumed, ...extra])], groupIds.flatMap(committedOf));

    const topicNames = [...new Set([...consumed, ...extra])].filter((t) => layout.topics.has(t)).sort();
    const committedByPartition = new Map<string, (bigint | null)[]>();
    for (const c of groupIds.flatMap(committedOf)) {
      const k = `${c.topic}/${c.partition}`;
      const offsets = committedByPartition.get(k) ?? [];
      offsets.push(c.offset);
      committedByPartition.set(k, offsets);
    }
    const [offsets, retentionMsByTopic] = await Promise.all([
      readTopicOffsets({
        requests: this.requests,
        layout,
        refreshLayout: () => this.readLayout(),
        topics: topicNames,
        committedByPartition,
        logStarts: this.logStarts,
        cycle: this.cycle,
        logStartEveryCycles: this.settings.logStartEveryCycles,
        maxConcurrentRequests: this.options.maxConcurrentRequests,
      }),
      this.retention.read(this.requests, topicNames),
    ]);
    // Stamped when the log-end offsets arrived, not when the cycle began (see KafkajsClusterSource).
    const takenAtMs = this.nowMs();
    this.layoutSuspect = offsets.layoutSuspect;
    layout = offsets.layout;

    const topicFailures = new Map([...offsets.failures].map(([topic, reason]) => [topic, `offsets of topic ${JSON.stringify(topic)} not read: ${reason}`]));
    const groupFailures = new Map(
      [...groupsRead.committedFailures].map(([groupId, reason]) => [groupId, `committed offsets of group ${JSON.stringify(groupId)} not read: ${reason}`]),
    );
    const groups = groupIds.map(
      (groupId): GroupSample => ({
        groupId,
        ...toGroupShapeWith(groupsRead.descriptions.get(groupId) ?? { kind: 'failed', reason: 'not described' }, CONSUMER_PROTOCOL_REASON),
        // Offsets of deleted topics linger in __consumer_offsets until they expire; they are not lag.
        committed: committedOf(groupId).filter((c) => layout.topics.has(c.topic)),
      }),
    );
    const sampledTopics = topicNames.filter((t) => !offsets.gone.has(t));
    return {
      takenAtMs,
      brokerCount: layout.brokers.size,
      topics: new Map(sampledTopics.flatMap((topic) => (offsets.offsets.has(topic) ? [[topic, offsets.offsets.get(topic)!] as const] : []))),
      retentionMsByTopic: new Map([...retentionMsByTopic].filter(([topic]) => !offsets.gone.has(topic))),
      groups,
      roundTrips: this.takeRoundTrips(),
      ...(topicFailures.size > 0 || groupFailures.size > 0 ? { failures: { topics: topicFailures, groups: groupFailures } } : {}),
    };
  }

  private takeRoundTrips(): number {
    this.lastRoundTripsByApi = this.counter.take();
    return [...this.lastRoundTripsByApi.values()].reduce((total, n) => total + n, 0);
  }

  /** The cached layout, read again when it is older than metadataMaxAgeMs or a leader did not answer. */
  private async currentLayout(): Promise<ClusterLayout> {
    if (this.layout && !this.layoutSuspect && this.nowMs() - this.layout.readAtMs < this.settings.metadataMaxAgeMs) return this.layout.value;
    return this.readLayout();
  }

  private async readLayout(): Promise<ClusterLayout> {
    // topics null: every topic of the cluster, in one answer.
    const value = parseMetadata(await this.requests.send('Metadata', 'any', [null, false, false]));
    if (value.brokers.size === 0) throw new Error('Metadata named no broker');
    this.layout = { value, readAtMs: this.nowMs() };
    this.layoutSuspect = false;
    return value;
  }

  /**
   * Topics named this cycle that the cached layout lacks (a new topic, a DLQ created since), or
   * whose committed partitions it lacks (partitions added), are looked up by name in one Metadata
   * request and added to it. Names the cluster does not have are asked again only after
   * missingTopicRecheckMs: the naming conventions name a dozen DLQ candidates per topic, and the
   * client builds an error object for each missing one in the answer.
   */
  private async lookUpUnknownTopics(layout: ClusterLayout, names: string[], committed: CommittedOffset[]): Promise<ClusterLayout> {
    const nowMs = this.nowMs();
    const named = new Set(names);
    for (const name of this.missingTopics.keys()) if (!named.has(name)) this.missingTopics.delete(name);
    const recheckDue = (name: string) => nowMs - (this.missingTopics.get(name) ?? -Infinity) >= this.settings.missingTopicRecheckMs;
    const unknown = new Set(names.filter((t) => !layout.topics.has(t) && recheckDue(t)));
    for (const c of committed) {
      const known = layout.topics.get(c.topic);
      if (known && c.partition >= known.leaders.length) unknown.add(c.topic);
    }
    if (unknown.size === 0) return layout;
    const found = parseMetadata(await this.requests.send('Metadata', 'any', [[...unknown].sort(), false, false]));
    for (const [topic, topicLayout] of found.topics) layout.topics.set(topic, topicLayout);
    for (const [nodeId, broker] of found.brokers) layout.brokers.set(nodeId, broker);
    for (const name of unknown) {
      if (found.topics.has(name)) this.missingTopics.delete(name);
      else this.missingTopics.set(name, nowMs);
    }
    return layout;
  }

  private openClient(): void {
    const { kafka } = this.options;
    const adminOptions: AdminOptions = {
      clientId: kafka.clientId,
      bootstrapBrokers: kafka.brokers,
      // One cycle's failure is reported by the collector and retried next cycle.
      retries: 0,
      // The client merges options over its defaults: an undefined timeout would replace its default.
      ...(kafka.connectionTimeoutMs === undefined ? {} : { connectTimeout: kafka.connectionTimeoutMs }),
      ...(kafka.requestTimeoutMs === undefined ? {} : { requestTimeout: kafka.requestTimeoutMs }),
      ...(kafka.tls ? { tls: kafka.tls } : {}),
      ...(kafka.sasl ? { sasl: kafka.sasl } : {}),
    };
    this.admin = (this.options.createAdmin ?? ((o) => new Admin(o)))(adminOptions);
    if (this.options.log) routePlatformaticEvents(this.admin, this.options.log, this.failingBrokers);
    this.requests = createKafkaRequests(this.admin, this.options.observeRequest);
    this.counter = countPlatformaticRoundTrips(this.admin.instanceId);
  }

  private async renewClient(): Promise<void> {
    const old = this.admin;
    this.counter.close();
    this.layout = null;
    this.coordinators.clear();
    this.openClient();
    await old.close().catch(() => undefined);
  }
}

/**
 * Consumer groups only: Kafka Connect workers ('connect') and Schema Registry ('sr') coordinate
 * through groups too, but consume nothing. Kafka 4 lists consumer-protocol groups as 'consumer'.
 */
const CONSUMER_PROTOCOL_TYPES = new Set(['consumer', '']);

/** Said of a consumer-protocol group only when ConsumerGroupDescribe gave no answer for it. */
const CONSUMER_PROTOCOL_REASON =
  'the group uses the Kafka 4 consumer protocol (KIP-848) and ConsumerGroupDescribe did not describe it this cycle; lag and commits are still read';

