import type { Producer } from 'kafkajs';

/**
 * Writes records to partition 0 of one topic and remembers each record's timestamp by offset: the
 * ground truth for lag in seconds. A record's timestamp is its CreateTime, set here; by default
 * the moment it is sent, or a chosen past time for a backfilled history.
 */
export class GroundTruthProducer {
  /** timestampsMs[offset]: offsets are dense, as one producer writes the partition alone. */
  private readonly timestampsMs: number[] = [];
  private readonly value = Buffer.from('{"bench":"timelag"}');

  constructor(
    private readonly producer: Producer,
    readonly topic: string,
  ) {}

  /** Records so far: the partition's log end offset once the last send has returned. */
  get produced(): number {
    return this.timestampsMs.length;
  }

  timestampAtMs(offset: number): number | undefined {
    return this.timestampsMs[offset];
  }

  /** Offsets whose record's timestamp is at most `atMs`; timestamps never decrease. */
  countProducedBy(atMs: number): number {
    let low = 0;
    let high = this.timestampsMs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.timestampsMs[middle]! <= atMs) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** One Produce request for `timestampsMs.length` records, timestamped as given. */
  async send(timestampsMs: readonly number[]): Promise<void> {
    if (timestampsMs.length === 0) return;
    const [metadata] = await this.producer.send({
      topic: this.topic,
      messages: timestampsMs.map((timestampMs) => ({ partition: 0, value: this.value, timestamp: String(Math.round(timestampMs)) })),
    });
    const baseOffset = Number(metadata?.baseOffset ?? NaN);
    if (baseOffset !== this.timestampsMs.length) {
      throw new Error(`${this.topic}: records landed at offset ${metadata?.baseOffset}, expected ${this.timestampsMs.length}; is another producer writing here?`);
    }
    this.timestampsMs.push(...timestampsMs.map(Math.round));
  }

  /** `count` records now, in batches of `batchSize`: the cheap way to fill a topic. */
  async sendNow(count: number, batchSize = 500): Promise<void> {
    for (let sent = 0; sent < count; sent += batchSize) {
      const nowMs = Date.now();
      await this.send(Array.from({ length: Math.min(batchSize, count - sent) }, () => nowMs));
    }
  }
}
