import type { Admin, Producer } from 'kafkajs';
import { mapWithConcurrency } from '../../lib/collection/map-with-concurrency';
import type { BenchSize } from './bench-args';

/**
 * The topics and consumer groups one benchmark size needs, created once and reused: topics
 * `bench-t<size>-<i>` with a few records per partition, groups `bench-g<size>-<i>` with committed
 * offsets and no running consumer. Each group commits on one or two topics, as a pipeline reading
 * a topic (and sometimes its retry topic) does.
 */

export interface FixtureLayout {
  size: BenchSize;
  groupPrefix: string;
  /** Topic name → partition count. */
  topics: ReadonlyMap<string, number>;
  /** Group id → the topics it commits on (every partition of each). */
  groupTopics: ReadonlyMap<string, readonly string[]>;
}

export interface FixtureOptions {
  partitionsPerTopic: number;
  recordsPerPartition: number;
  /** The offset every group commits on every partition it reads. */
  committedOffset: number;
  setupConcurrency: number;
  log: (line: string) => void;
}

export interface SetupReport {
  createdTopics: number;
  reusedTopics: number;
  createdGroups: number;
  reusedGroups: number;
  topicsMs: number;
  produceMs: number;
  groupsMs: number;
}

// About 1,000 partitions per CreateTopics request keeps each one well inside its timeout on a small broker.
const CREATE_BATCH_PARTITIONS = 1_000;
const PRODUCE_BATCH_TOPICS = 50;

export function layoutOf(size: BenchSize, partitionsPerTopic: number): FixtureLayout {
  const topics = new Map<string, number>();
  const topicCount = Math.ceil(size.partitions / partitionsPerTopic);
  for (let i = 0; i < topicCount; i++) {
    topics.set(`bench-t${size.label}-${i}`, Math.min(partitionsPerTopic, size.partitions - i * partitionsPerTopic));
  }
  const names = [...topics.keys()];
  const groupPrefix = `bench-g${size.label}-`;
  const groupTopics = new Map<string, string[]>();
  for (let i = 0; i < size.groups; i++) {
    const first = names[i % names.length]!;
    // Every other group also reads a second topic half the list away, so topics are shared unevenly.
    const second = names[(i + Math.ceil(names.length / 2)) % names.length]!;
    groupTopics.set(`${groupPrefix}${i}`, i % 2 === 1 && second !== first ? [first, second] : [first]);
  }
  return { size, groupPrefix, topics, groupTopics };
}

/** Topics some group commits on: what a cycle samples, since extraTopics is empty. */
export function consumedTopics(layout: FixtureLayout): Set<string> {
  return new Set([...layout.groupTopics.values()].flat());
}

export async function ensureFixture(admin: Admin, producer: Producer, layout: FixtureLayout, options: FixtureOptions): Promise<SetupReport> {
  const { log } = options;
  const existing = new Set(await admin.listTopics());
  const wanted = [...layout.topics.keys()];
  const reused = wanted.filter((t) => existing.has(t));
  await checkPartitionCounts(admin, layout, reused);
  const missing = wanted.filter((t) => !existing.has(t));

  let startMs = performance.now();
  if (missing.length > 0) log(`creating ${missing.length} topics (${sumPartitions(layout, missing).toLocaleString('en-US')} partitions); ${reused.length} exist`);
  await createTopicsInBatches(admin, layout, missing, log);
  const topicsMs = performance.now() - startMs;

  startMs = performance.now();
  await produceFewRecords(producer, layout, missing, options, log);
  const produceMs = performance.now() - startMs;

  startMs = performance.now();
  const listed = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
  const missingGroups = [...layout.groupTopics.keys()].filter((g) => !listed.has(g));
  if (missingGroups.length > 0) log(`creating ${missingGroups.length} consumer groups with committed offsets (admin.setOffsets, no consumer runs)`);
  await commitGroups(admin, layout, missingGroups, options);
  const groupsMs = performance.now() - startMs;

  return {
    createdTopics: missing.length,
    reusedTopics: reused.length,
    createdGroups: missingGroups.length,
    reusedGroups: layout.groupTopics.size - missingGroups.length,
    topicsMs,
    produceMs,
    groupsMs,
  };
}

/**
 * Commits `committedOffset` on every partition of each group's topics. kafkajs's setOffsets joins
 * the group with a throwaway consumer and waits out one fetch wait (5 s), so groups go in parallel.
 */
export async function commitGroups(admin: Admin, layout: FixtureLayout, groupIds: readonly string[], options: FixtureOptions): Promise<void> {
  let done = 0;
  let lastLogMs = performance.now();
  await mapWithConcurrency(groupIds, options.setupConcurrency, async (groupId) => {
    // One group's topics go one after the other: setOffsets needs the group empty.
    for (const topic of layout.groupTopics.get(groupId) ?? []) {
      const partitions = Array.from({ length: layout.topics.get(topic)! }, (_, partition) => ({ partition, offset: String(options.committedOffset) }));
      await admin.setOffsets({ groupId, topic, partitions });
    }
    done++;
    if (performance.now() - lastLogMs > 10_000 || done === groupIds.length) {
      lastLogMs = performance.now();
      options.log(`  groups ${done}/${groupIds.length}`);
    }
  });
}

async function checkPartitionCounts(admin: Admin, layout: FixtureLayout, topics: string[]): Promise<void> {
  if (topics.length === 0) return;
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
  const wrong = metadata.filter((t) => t.partitions.length !== layout.topics.get(t.name));
  if (wrong.length > 0) {
    const example = wrong[0]!;
    throw new Error(
      `${wrong.length} existing topics of size ${layout.size.label} have another partition count (e.g. ${example.name}: ${example.partitions.length}, wanted ${layout.topics.get(example.name)}). ` +
        `Run with the --partitions-per-topic they were made with, or delete the lab's data (lab down, then remove its kafka/data folder).`,
    );
  }
}

async function createTopicsInBatches(admin: Admin, layout: FixtureLayout, topics: string[], log: (line: string) => void): Promise<void> {
  const batches: string[][] = [];
  for (const topic of topics) {
    const last = batches.at(-1);
    if (last && sumPartitions(layout, last) + layout.topics.get(topic)! <= CREATE_BATCH_PARTITIONS) last.push(topic);
    else batches.push([topic]);
  }
  let created = 0;
  const startMs = performance.now();
  for (const batch of batches) {
    const batchStartMs = performance.now();
    await createWithRetry(admin, layout, batch);
    created += batch.length;
    log(
      `  topics ${created}/${topics.length}: batch of ${sumPartitions(layout, batch)} partitions in ${((performance.now() - batchStartMs) / 1000).toFixed(1)} s ` +
        `(${((performance.now() - startMs) / 1000).toFixed(1)} s so far)`,
    );
  }
}

/** A slow broker may time out a batch it still completes; the retry creates only what is missing. */
async function createWithRetry(admin: Admin, layout: FixtureLayout, batch: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const existing = new Set(await admin.listTopics());
    const missing = batch.filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: layout.topics.get(topic)!, replicationFactor: 1 })),
        waitForLeaders: true,
        timeout: 60_000,
      });
      return;
    } catch (error) {
      if (attempt >= 3) throw new Error(`creating ${missing.length} topics failed ${attempt} times; last: ${(error as Error).message}`);
    }
  }
}

async function produceFewRecords(producer: Producer, layout: FixtureLayout, topics: string[], options: FixtureOptions, log: (line: string) => void): Promise<void> {
  if (topics.length === 0 || options.recordsPerPartition === 0) return;
  const value = Buffer.from('{"bench":true}');
  for (let i = 0; i < topics.length; i += PRODUCE_BATCH_TOPICS) {
    const chunk = topics.slice(i, i + PRODUCE_BATCH_TOPICS);
    // One batch per topic: every partition's records travel in one Produce request.
    const send = () =>
      producer.sendBatch({
        topicMessages: chunk.map((topic) => ({
          topic,
          messages: Array.from({ length: layout.topics.get(topic)! * options.recordsPerPartition }, (_, n) => ({
            partition: n % layout.topics.get(topic)!,
            value,
          })),
        })),
      });
    // On a loaded broker the producer's metadata can name no leader yet for partitions just created
    // (NOT_LEADER_OR_FOLLOWER past its retries): wait and send again. A retried batch may add a few
    // records to some partitions; only the commits are checked.
    for (let attempt = 1; ; attempt++) {
      try {
        await send();
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
        log(`  producing to ${chunk.length} new topics failed (${(error as Error).message}); again in ${attempt} s`);
        await new Promise((resolve) => setTimeout(resolve, attempt * 1_000));
      }
    }
  }
  log(`  produced ${options.recordsPerPartition} records per partition to ${topics.length} topics`);
}

function sumPartitions(layout: FixtureLayout, topics: readonly string[]): number {
  return topics.reduce((total, t) => total + (layout.topics.get(t) ?? 0), 0);
}
