import { Kafka, logLevel, type Admin } from 'kafkajs';

export async function connectAdmin(brokers: string[]): Promise<Admin> {
  const admin = new Kafka({ clientId: 'pipewatch-test', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  return admin;
}

/** Sum of the group's committed offsets on a topic; partitions without a commit count as 0. */
export async function committedTotal(admin: Admin, groupId: string, topic: string): Promise<bigint> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (offsets?.partitions ?? []).reduce((sum, p) => sum + (p.offset === '-1' ? 0n : BigInt(p.offset)), 0n);
}

/** Sum of the topic's log end offsets. */
export async function endOffsetTotal(admin: Admin, topic: string): Promise<bigint> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + BigInt(p.high), 0n);
}
