import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { expect } from '@playwright/test';
import { committedTotal, connectAdmin } from '../../../lab/pipeline/kafka-admin';

const RECORDS = 3;

export const HOSTILE_TOPIC_PREFIX = 'it-ui-hostile-';

export interface CommittingGroups {
  topic: string;
  groupIds: string[];
  /** Stops the consumers and deletes the groups; the topic goes in the global teardown (deleteHostileTopics). */
  remove(): Promise<void>;
}

/**
 * Consumer groups with the given ids, each with a member that consumed and committed a few
 * records of `topic`, as a real pipeline would. Kafka allows any string as a group id (topic
 * names are limited to [a-zA-Z0-9._-]), so hostile text reaches the dashboard this way.
 */
export async function startCommittingGroups(brokers: string[], groupIds: string[]): Promise<CommittingGroups> {
  const topic = `${HOSTILE_TOPIC_PREFIX}${randomUUID().slice(0, 8)}`;
  const kafka = new Kafka({ clientId: 'pipewatch-ui-test', brokers, logLevel: logLevel.NOTHING });
  const admin = await connectAdmin(brokers);
  const consumers: Consumer[] = [];
  const remove = async () => {
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await admin.deleteGroups(groupIds).catch(() => undefined);
    await admin.disconnect();
  };
  try {
    await admin.deleteGroups(groupIds).catch(() => undefined);
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: RECORDS }, (_, i) => ({ value: `record ${i}` })) });
    await producer.disconnect();
    for (const groupId of groupIds) {
      const consumer = kafka.consumer({ groupId });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async () => {} });
    }
    for (const groupId of groupIds) {
      await expect
        .poll(() => committedTotal(admin, groupId, topic), { message: `group ${JSON.stringify(groupId)} commits`, timeout: 30_000 })
        .toBe(BigInt(RECORDS));
    }
    return { topic, groupIds, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/**
 * Deleted only once Pipewatch has stopped: a kafkajs admin client keeps every topic it has read
 * in its metadata set, and a topic deleted behind its back fails each later request with "This
 * server does not host this topic-partition" (tulios/kafkajs#252), which would take Kafka
 * sampling down for the specs that follow.
 */
export async function deleteHostileTopics(brokers: string[]): Promise<void> {
  const admin = await connectAdmin(brokers);
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(HOSTILE_TOPIC_PREFIX));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
