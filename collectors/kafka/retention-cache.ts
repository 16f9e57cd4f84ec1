import { ConfigResourceTypes } from '@platformatic/kafka';
import { parseRetention } from './parse-platformatic-offsets';
import type { KafkaRequests } from './platformatic-requests';

/**
 * retention.ms per topic, read in one DescribeConfigs for all topics and kept for `maxAgeMs`:
 * a topic's retention changes by hand, rarely. Topics new to the sample are read at once, in the
 * same single request.
 */
export class RetentionCache {
  private readonly values = new Map<string, number | null>();
  private readAtMs = -Infinity;

  constructor(
    private readonly maxAgeMs: number,
    private readonly nowMs: () => number,
  ) {}

  /** Retention of each of `topics` known; a failed read leaves what was known (retention is context, not lag). */
  async read(requests: KafkaRequests, topics: readonly string[]): Promise<Map<string, number | null>> {
    const expired = this.nowMs() - this.readAtMs >= this.maxAgeMs;
    const toRead = expired ? [...topics] : topics.filter((t) => !this.values.has(t));
    if (toRead.length > 0) {
      try {
        const resources = toRead.map((name) => ({ resourceType: ConfigResourceTypes.TOPIC, resourceName: name, configurationKeys: ['retention.ms'] }));
        const read = parseRetention(await requests.send('DescribeConfigs', 'any', [resources, false, false]));
        if (expired) {
          this.values.clear();
          this.readAtMs = this.nowMs();
        }
        for (const [topic, ms] of read) this.values.set(topic, ms);
      } catch {
        // Unread this cycle: headroom is unknown, nothing else.
      }
    }
    return new Map(topics.flatMap((t) => (this.values.has(t) ? [[t, this.values.get(t)!] as const] : [])));
  }
}
