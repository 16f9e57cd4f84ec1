import type { Consumer, Kafka } from 'kafkajs';

/**
 * A consumer group whose committed offset is whatever the scenario says, when it says it: one
 * kafkajs consumer joins the group, stays paused (it reads nothing) and commits chosen offsets.
 * Deterministic where a real consumer's position would wander, and one OffsetCommit per move,
 * where admin.setOffsets would rejoin the group each time.
 */
export class OffsetCommitter {
  private committed: number | null = null;

  private constructor(
    private readonly consumer: Consumer,
    readonly groupId: string,
    private readonly topic: string,
  ) {}

  static async start(kafka: Kafka, groupId: string, topic: string): Promise<OffsetCommitter> {
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, retry: { retries: 3 } });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    consumer.pause([{ topic }]);
    await joined;
    return new OffsetCommitter(consumer, groupId, topic);
  }

  get committedOffset(): number | null {
    return this.committed;
  }

  async commit(offset: number): Promise<void> {
    if (offset === this.committed) return;
    await this.consumer.commitOffsets([{ topic: this.topic, partition: 0, offset: String(offset) }]);
    this.committed = offset;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
