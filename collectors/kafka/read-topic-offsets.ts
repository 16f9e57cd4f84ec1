import { FetchIsolationLevels, ListOffsetTimestamps } from '@platformatic/kafka';
import type { PartitionOffsets } from '../../lib/cluster/cluster-sample';
import { mapWithConcurrency } from '../../lib/collection/map-with-concurrency';
import { describeErrorCode, ERROR, isStaleMetadata } from './describe-error-code';
import { isLogStartDue, key, type LogStartCache } from './log-start-cache';
import { parseListOffsets, type ClusterLayout } from './parse-platformatic-offsets';
import { messageOf } from './read-groups';
import type { KafkaRequests } from './platformatic-requests';

export interface ReadTopicOffsetsInput {
  requests: KafkaRequests;
  layout: ClusterLayout;
  /** Reads the whole cluster's metadata again: called at most once, when an answer says the layout is stale. */
  refreshLayout: () => Promise<ClusterLayout>;
  topics: readonly string[];
  /** Committed offsets of every sampled group, by `topic/partition`. */
  committedByPartition: ReadonlyMap<string, (bigint | null)[]>;
  logStarts: LogStartCache;
  cycle: number;
  logStartEveryCycles: number;
  maxConcurrentRequests: number;
}

export interface TopicOffsetsRead {
  offsets: Map<string, PartitionOffsets[]>;
  failures: Map<string, string>;
  /** Topics the refreshed layout no longer has: deleted since the cached layout was read. */
  gone: Set<string>;
  /** The layout the offsets were read with: the refreshed one when the cached one was stale. */
  layout: ClusterLayout;
  /** A leader did not answer at all: read the layout afresh next cycle. */
  layoutSuspect: boolean;
}

interface Ask {
  topic: string;
  partition: number;
  timestamp: bigint;
}

type Outcome = { ok: true; offset: bigint } | { ok: false; reason: string; stale: boolean };

/**
 * End offsets of every partition of `topics`, and log starts where due (see log-start-cache.ts),
 * in one ListOffsets per leader for each kind. Partitions whose leader moved or whose topic is
 * gone are asked again once after one metadata refresh; a topic with a partition still unread is
 * that topic's failure.
 */
export async function readTopicOffsets(input: ReadTopicOffsetsInput): Promise<TopicOffsetsRead> {
  let layout = input.layout;
  const asks: Ask[] = [];
  for (const topic of input.topics) {
    const known = layout.topics.get(topic);
    if (!known) continue;
    known.leaders.forEach((_, partition) => {
      asks.push({ topic, partition, timestamp: ListOffsetTimestamps.LATEST });
      const cached = input.logStarts.get(known.topicId, partition);
      const committed = input.committedByPartition.get(`${topic}/${partition}`) ?? [];
      const due = isLogStartDue({ cached, logEndOffset: cached?.logEndOffset, committed, cycle: input.cycle, everyCycles: input.logStartEveryCycles });
      if (due) asks.push({ topic, partition, timestamp: ListOffsetTimestamps.EARLIEST });
    });
  }

  const outcomes = new Map<string, Outcome>();
  let layoutSuspect = false;
  const gone = new Set<string>();
  let pending = asks;
  for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
    const answered = await askLeaders(input, layout, pending);
    layoutSuspect ||= answered.leaderFailed;
    for (const [k, outcome] of answered.outcomes) outcomes.set(k, outcome);
    const stale = pending.filter((a) => {
      const outcome = outcomes.get(askKey(a));
      return outcome !== undefined && !outcome.ok && outcome.stale;
    });
    if (stale.length === 0 || attempt === 1) break;
    try {
      layout = await input.refreshLayout();
    } catch {
      break;
    }
    for (const topic of input.topics) if (!layout.topics.has(topic)) gone.add(topic);
    pending = stale.filter((a) => !gone.has(a.topic));
  }

  const read: TopicOffsetsRead = { offsets: new Map(), failures: new Map(), gone, layout, layoutSuspect };
  for (const topic of input.topics) {
    const known = layout.topics.get(topic);
    if (gone.has(topic) || !known) continue;
    const partitions: PartitionOffsets[] = [];
    const problems: string[] = [];
    known.leaders.forEach((_, partition) => {
      const end = outcomes.get(askKey({ topic, partition, timestamp: ListOffsetTimestamps.LATEST }));
      const start = outcomes.get(askKey({ topic, partition, timestamp: ListOffsetTimestamps.EARLIEST }));
      if (start?.ok) input.logStarts.setLogStart(known.topicId, partition, start.offset, input.cycle);
      const cachedStart = input.logStarts.get(known.topicId, partition);
      if (!end?.ok || (start !== undefined && !start.ok) || cachedStart === undefined) {
        const failed = [end, start].find((o): o is Extract<Outcome, { ok: false }> => o !== undefined && !o.ok);
        problems.push(`partition ${partition}: ${failed?.reason ?? 'not asked (the partition appeared with the metadata refresh)'}`);
        return;
      }
      input.logStarts.setLogEnd(known.topicId, partition, end.offset);
      partitions.push({ partition, logStartOffset: cachedStart.logStartOffset, logEndOffset: end.offset });
    });
    if (problems.length > 0) read.failures.set(topic, problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : ''));
    else read.offsets.set(topic, partitions);
  }
  input.logStarts.retain(new Set([...read.offsets].flatMap(([topic, ps]) => ps.map((p) => key(layout.topics.get(topic)!.topicId, p.partition)))));
  return read;
}

/** One ListOffsets per leader and timestamp kind, all partitions of that leader in it. */
async function askLeaders(input: ReadTopicOffsetsInput, layout: ClusterLayout, asks: Ask[]): Promise<{ outcomes: Map<string, Outcome>; leaderFailed: boolean }> {
  const outcomes = new Map<string, Outcome>();
  const byRequest = new Map<string, { leader: number; timestamp: bigint; asks: Ask[] }>();
  for (const ask of asks) {
    const leader = layout.topics.get(ask.topic)?.leaders[ask.partition] ?? -1;
    if (leader < 0 || !layout.brokers.has(leader)) {
      outcomes.set(askKey(ask), { ok: false, reason: describeErrorCode(ERROR.LEADER_NOT_AVAILABLE), stale: true });
      continue;
    }
    const requestKey = `${leader}/${ask.timestamp}`;
    const entry = byRequest.get(requestKey) ?? { leader, timestamp: ask.timestamp, asks: [] };
    entry.asks.push(ask);
    byRequest.set(requestKey, entry);
  }
  let leaderFailed = false;
  await mapWithConcurrency([...byRequest.values()], input.maxConcurrentRequests, async ({ leader, timestamp, asks: group }) => {
    const topics = new Map<string, { partitionIndex: number; currentLeaderEpoch: number; timestamp: bigint }[]>();
    // Leader epoch -1: not fenced by epoch; a stale leader answers NOT_LEADER_OR_FOLLOWER instead.
    for (const a of group) {
      const partitions = topics.get(a.topic) ?? [];
      partitions.push({ partitionIndex: a.partition, currentLeaderEpoch: -1, timestamp });
      topics.set(a.topic, partitions);
    }
    const broker = layout.brokers.get(leader)!;
    try {
      // READ_COMMITTED, as kafkajs asks: the end of a transactional topic is its last stable offset.
      const response = await input.requests.send('ListOffsets', { host: broker.host, port: broker.port }, [
        -1,
        FetchIsolationLevels.READ_COMMITTED,
        [...topics].map(([name, partitions]) => ({ name, partitions })),
      ]);
      for (const listed of parseListOffsets(response as Parameters<typeof parseListOffsets>[0])) {
        const k = askKey({ topic: listed.topic, partition: listed.partition, timestamp });
        outcomes.set(k, listed.ok ? { ok: true, offset: listed.offset } : { ok: false, reason: describeErrorCode(listed.errorCode), stale: isStaleMetadata(listed.errorCode) });
      }
    } catch (error) {
      leaderFailed = true;
      for (const a of group) outcomes.set(askKey(a), { ok: false, reason: `ListOffsets to broker ${leader} failed: ${messageOf(error)}`, stale: false });
    }
  });
  return { outcomes, leaderFailed };
}

function askKey(ask: Ask): string {
  return `${ask.topic}/${ask.partition}/${ask.timestamp}`;
}
