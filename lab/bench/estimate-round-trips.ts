/**
 * Requests one KafkajsClusterSource cycle should send with kafkajs 2.2.4, counted from how kafkajs
 * implements each admin call (node_modules/kafkajs/src/admin/index.js, cluster/brokerPool.js), so
 * the measured total can be checked against a model: what grows with brokers, topics, groups.
 *
 * The surprise: kafka.admin() builds its cluster without metadataMaxAge, so brokerPool's
 * metadataMaxAge is 0 and every "refresh if necessary" refreshes. listTopics and describeCluster
 * each send two Metadata requests, and every fetchTopicOffsets refreshes metadata unless another
 * refresh is in flight at that moment (kafkajs shares one in-flight refresh): between one and one
 * per topic, depending on timing.
 */

export interface ClusterShape {
  brokers: number;
  groups: number;
  /** Topics the cycle reads end offsets for. */
  topics: number;
  /** Brokers coordinating at least one of the groups: one DescribeGroups each. */
  coordinators: number;
  /** Sum over sampled topics of the distinct leaders of their partitions (= topics on one broker). */
  topicLeaders: number;
  /** Whether the source reads topic configs (retention) with one describeConfigs call per cycle. */
  readsTopicConfigs: boolean;
}

export interface RoundTripRange {
  min: number;
  max: number;
}

const exactly = (n: number): RoundTripRange => ({ min: n, max: n });

/** Keyed by kafkajs's apiName ('GroupCoordinator' is FindCoordinator on the wire). */
export function estimateKafkajsRoundTrips(shape: ClusterShape): Map<string, RoundTripRange> {
  // listGroups: one refresh; listTopics, describeCluster: a refresh and their own request each;
  // describeConfigs: one refresh.
  const fixedMetadata = 1 + 2 + 2 + (shape.readsTopicConfigs ? 1 : 0);
  return new Map([
    ['Metadata', { min: fixedMetadata + Math.min(1, shape.topics), max: fixedMetadata + shape.topics }],
    ['ListGroups', exactly(shape.brokers)],
    // Not cached by kafkajs: one lookup per group for describeGroups, another for fetchOffsets.
    ['GroupCoordinator', exactly(2 * shape.groups)],
    ['DescribeGroups', exactly(shape.coordinators)],
    // No multi-group OffsetFetch in kafkajs (KIP-709).
    ['OffsetFetch', exactly(shape.groups)],
    // fetchTopicOffsets: latest, then earliest, per topic, one request per leader each.
    ['ListOffsets', exactly(2 * shape.topicLeaders)],
    // Topic resources all go to the controller in one request.
    ['DescribeConfigs', exactly(shape.readsTopicConfigs ? 1 : 0)],
  ]);
}

export function formatRange(range: RoundTripRange): string {
  return range.min === range.max ? String(range.min) : `${range.min}-${range.max}`;
}

/**
 * Requests one warm PlatformaticClusterSource cycle should send (collectors/kafka/
 * platformatic-cluster-source.ts): nothing grows with groups except by `groupsPerRequest` chunks.
 * Metadata, FindCoordinator and DescribeConfigs are cached and sent only when stale or new; log
 * starts are read every `logStartEveryCycles` cycles, so ListOffsets is leaders or twice that.
 */
export function estimatePlatformaticRoundTrips(shape: ClusterShape & { groupsPerRequest: number }): Map<string, RoundTripRange> {
  const perCoordinator = shape.coordinators * Math.max(1, Math.ceil(shape.groups / shape.coordinators / shape.groupsPerRequest));
  const leaders = Math.min(shape.brokers, shape.topicLeaders);
  return new Map([
    ['Metadata', { min: 0, max: 1 }],
    ['ListGroups', exactly(shape.brokers)],
    ['FindCoordinator', exactly(0)],
    ['DescribeGroups', exactly(shape.groups === 0 ? 0 : perCoordinator)],
    ['OffsetFetch', exactly(shape.groups === 0 ? 0 : perCoordinator)],
    ['ListOffsets', { min: leaders, max: 2 * leaders }],
    ['DescribeConfigs', { min: 0, max: shape.readsTopicConfigs ? 1 : 0 }],
  ]);
}
