import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';

/**
 * Reads the timestamp of the record at one offset, the way a record-timestamp lag method must:
 * a consumer of its own (kafkajs has no group-less assign) that seeks, takes one fetch and pauses.
 * Counts what that costs: Fetch requests, bytes, and time from asking to answer.
 */

export interface RecordRead {
  timestampMs: number;
  readMs: number;
}

export interface ReaderCost {
  reads: number;
  readMs: number[];
  fetchRequests: number;
  fetchBytes: number;
  /** Summed send-to-answer time of those Fetch requests: the broker round trip without kafkajs's loop. */
  fetchMs: number;
}

interface Pending {
  offset: bigint;
  resolve: (timestampMs: number) => void;
}

// Paused, kafkajs sleeps this long between checks; a short wait keeps a read from idling.
const MAX_WAIT_MS = 50;
const READ_TIMEOUT_MS = 5_000;

export class RecordTimestampReader {
  private pending: Pending | null = null;
  private readonly cost: ReaderCost = { reads: 0, readMs: [], fetchRequests: 0, fetchBytes: 0, fetchMs: 0 };

  private constructor(
    private readonly consumer: Consumer,
    private readonly topic: string,
  ) {}

  static async start(kafka: Kafka, groupId: string, topic: string): Promise<RecordTimestampReader> {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: MAX_WAIT_MS, allowAutoTopicCreation: false, maxBytesPerPartition: 64 * 1024 });
    const reader = new RecordTimestampReader(consumer, topic);
    consumer.on(consumer.events.REQUEST, ({ payload }) => {
      if (payload.apiName !== 'Fetch') return;
      reader.cost.fetchRequests++;
      reader.cost.fetchBytes += payload.size;
      reader.cost.fetchMs += payload.duration;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => reader.onBatch(payload) });
    consumer.pause([{ topic }]);
    await joined;
    // Fetches made while joining are not the method's cost.
    reader.cost.fetchRequests = 0;
    reader.cost.fetchBytes = 0;
    reader.cost.fetchMs = 0;
    return reader;
  }

  get costSoFar(): ReaderCost {
    return this.cost;
  }

  async read(offset: bigint): Promise<RecordRead> {
    const startMs = performance.now();
    const timestampMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        reject(new Error(`no record at ${this.topic}[0]@${offset} within ${READ_TIMEOUT_MS} ms`));
      }, READ_TIMEOUT_MS);
      this.pending = {
        offset,
        resolve: (ts) => {
          clearTimeout(timer);
          resolve(ts);
        },
      };
      this.consumer.seek({ topic: this.topic, partition: 0, offset: String(offset) });
      this.consumer.resume([{ topic: this.topic }]);
    });
    const readMs = performance.now() - startMs;
    this.cost.reads++;
    this.cost.readMs.push(readMs);
    return { timestampMs, readMs };
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async onBatch({ batch, pause }: EachBatchPayload): Promise<void> {
    const pending = this.pending;
    // Whatever arrives when nothing is asked (or from before a seek) is not an answer.
    const message = pending ? batch.messages.find((m) => BigInt(m.offset) === pending.offset) : undefined;
    if (pending && message) {
      this.pending = null;
      pending.resolve(Number(message.timestamp));
    }
    if (this.pending === null) pause();
  }
}
