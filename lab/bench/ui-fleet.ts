import { Admin } from '@platformatic/kafka';
import type { Admin as KafkajsAdmin, Producer } from 'kafkajs';
import { mapWithConcurrency } from '../../lib/collection/map-with-concurrency';

/**
 * The `bench:ui` fleet: N consumer groups `benchui-g<N>-<i>` committed on a few small topics
 * (`benchui-t-<i>`), no consumer running. Thousands of groups cost the broker little: each is one
 * OffsetCommit by the admin client (generation -1, as `kafka-consumer-groups --reset-offsets`
 * does), not a consumer joining. Every group starts caught up (committed at the log end), so a
 * row changes only when the committer moves it.
 */

export interface UiFleet {
  groupPrefix: string;
  groups: string[];
  /** Topic of each group (index i reads topics[i % topics.length]). */
  topics: string[];
  partitionsPerTopic: number;
  /** Records per partition: the log end every caught-up group is committed at. */
  endOffset: number;
}

const CONCURRENCY = 32;

export function uiFleetOf(pipelines: number, topicCount: number, partitionsPerTopic: number, endOffset: number): UiFleet {
  const groupPrefix = `benchui-g${pipelines}-`;
  return {
    groupPrefix,
    groups: Array.from({ length: pipelines }, (_, i) => `${groupPrefix}${i}`),
    topics: Array.from({ length: topicCount }, (_, i) => `benchui-t${partitionsPerTopic}x${endOffset}-${i}`),
    partitionsPerTopic,
    endOffset,
  };
}

/** Creates the topics with `endOffset` records per partition (once) and commits every group at the end. */
export async function ensureUiFleet(kafkajs: KafkajsAdmin, producer: Producer, admin: Admin, fleet: UiFleet, log: (line: string) => void): Promise<void> {
  const existing = new Set(await kafkajs.listTopics());
  const missing = fleet.topics.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    log(`creating ${missing.length} topics × ${fleet.partitionsPerTopic} partitions with ${fleet.endOffset} records each`);
    await kafkajs.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: fleet.partitionsPerTopic, replicationFactor: 1 })), waitForLeaders: true });
    const value = Buffer.from('{"bench":"ui"}');
    for (const topic of missing) {
      const messages = Array.from({ length: fleet.partitionsPerTopic * fleet.endOffset }, (_, n) => ({ partition: n % fleet.partitionsPerTopic, value }));
      await producer.send({ topic, messages, acks: -1 });
    }
  }
  const startMs = performance.now();
  await commitGroups(admin, fleet, fleet.groups.map((groupId) => ({ groupId, lagMessages: 0 })));
  log(`committed ${fleet.groups.length} groups at the log end in ${((performance.now() - startMs) / 1000).toFixed(1)} s`);
}

/** Commits each group `lagMessages` behind the log end on every partition of its topic. */
export async function commitGroups(admin: Admin, fleet: UiFleet, moves: readonly { groupId: string; lagMessages: number }[]): Promise<void> {
  await mapWithConcurrency(moves, CONCURRENCY, async ({ groupId, lagMessages }) => {
    const index = Number(groupId.slice(fleet.groupPrefix.length));
    const topic = fleet.topics[index % fleet.topics.length]!;
    const offset = BigInt(Math.max(0, fleet.endOffset - lagMessages));
    await admin.alterConsumerGroupOffsets({
      groupId,
      topics: [{ name: topic, partitionOffsets: Array.from({ length: fleet.partitionsPerTopic }, (_, partition) => ({ partition, offset })) }],
    });
  });
}

/**
 * Each cycle, a share of the fleet changes: half of it falls a few records behind, and the half
 * that fell behind the cycle before catches up again. A group left behind would change every
 * cycle (its lag in seconds grows), so none is left behind for longer than a cycle.
 */
export function createFleetCommitter(admin: Admin, fleet: UiFleet, changeShare: number) {
  const perCycle = Math.max(1, Math.round((fleet.groups.length * changeShare) / 2));
  let next = 0;
  let behind: string[] = [];
  let cycle = 0;
  return {
    async step(): Promise<number> {
      cycle++;
      const falling = Array.from({ length: perCycle }, (_, k) => fleet.groups[(next + k) % fleet.groups.length]!);
      next = (next + perCycle) % fleet.groups.length;
      const moves = [...behind.map((groupId) => ({ groupId, lagMessages: 0 })), ...falling.map((groupId) => ({ groupId, lagMessages: 1 + (cycle % 5) }))];
      await commitGroups(admin, fleet, moves);
      behind = falling;
      return moves.length;
    },
  };
}

export function createPlatformaticAdmin(brokers: readonly string[]): Admin {
  return new Admin({ clientId: 'pipewatch-bench-ui', bootstrapBrokers: [...brokers] });
}
