import { Admin } from '@platformatic/kafka';

/**
 * Consumer groups that stopped long before Pipewatch started, on the scored topic: committed at
 * offset 0 while records keep arriving, so their lag grows for the whole run. Committed outside any
 * generation (no member ever joins), as Kafka keeps the offsets of a group gone for good.
 */
export interface InactiveGroups {
  groupIds: string[];
  remove(): Promise<void>;
}

export async function createInactiveGroups(brokers: string[], topic: string, count: number, prefix: string): Promise<InactiveGroups> {
  const admin = new Admin({ clientId: 'pipewatch-score', bootstrapBrokers: brokers });
  const groupIds = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  try {
    const partitions = (await admin.metadata({ topics: [topic] })).topics.get(topic)?.partitionsCount ?? 0;
    if (partitions === 0) throw new Error(`topic ${topic} has no partitions in the broker's metadata`);
    for (const groupId of groupIds) {
      await admin.alterConsumerGroupOffsets({ groupId, topics: [{ name: topic, partitionOffsets: Array.from({ length: partitions }, (_, partition) => ({ partition, offset: 0n })) }] });
    }
  } catch (error) {
    await admin.close();
    throw error;
  }
  return {
    groupIds,
    async remove() {
      if (groupIds.length > 0) await admin.deleteGroups({ groups: groupIds }).catch(() => undefined);
      await admin.close();
    },
  };
}
