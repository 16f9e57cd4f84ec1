import { Kafka, type Admin, type KafkaConfig } from 'kafkajs';

/**
 * A kafkajs admin for KafkajsClusterSource's `createAdmin` seam that records what a cycle costs:
 * requests by API (from kafkajs's own REQUEST instrumentation events) and how long each phase of
 * the source's cycle takes (the wall time from the first call of an admin method to the last
 * answer). Nothing is changed in what the source sends.
 */

export interface ApiTally {
  requests: number;
  /** Summed time from send to answer; requests overlap, so this exceeds wall time under concurrency. */
  durationMs: number;
  /** Summed time spent queued in kafkajs before being sent (its per-connection in-flight limit). */
  pendingMs: number;
  bytes: number;
}

export type Phase = 'listGroups' | 'listTopics' | 'describeCluster' | 'describeGroups' | 'fetchOffsets' | 'fetchTopicOffsets' | 'describeConfigs';

export const PHASES: readonly Phase[] = ['listGroups', 'listTopics', 'describeCluster', 'describeGroups', 'fetchOffsets', 'fetchTopicOffsets', 'describeConfigs'];

export interface CycleRecord {
  byApi: Map<string, ApiTally>;
  /** Wall ms from the first call to the last answer of each admin method in the cycle. */
  phaseMs: Map<Phase, number>;
  /** When each phase's first call went out, in ms after the record was started (just before sample()). */
  phaseStartMs: Map<Phase, number>;
  calls: Map<Phase, number>;
}

export class AdminRecorder {
  private current = emptyRecord();
  private readonly spans = new Map<Phase, { startMs: number; endMs: number }>();
  private originMs = performance.now();

  /** Starts a new cycle's record and returns the previous one. */
  takeRecord(): CycleRecord {
    const record = this.current;
    for (const [phase, span] of this.spans) {
      record.phaseMs.set(phase, span.endMs - span.startMs);
      record.phaseStartMs.set(phase, span.startMs - this.originMs);
    }
    this.current = emptyRecord();
    this.spans.clear();
    this.originMs = performance.now();
    return record;
  }

  createAdmin = (config: KafkaConfig): Admin => {
    const admin = new Kafka(config).admin();
    admin.on(admin.events.REQUEST, ({ payload }) => {
      const tally = this.current.byApi.get(payload.apiName) ?? { requests: 0, durationMs: 0, pendingMs: 0, bytes: 0 };
      tally.requests++;
      tally.durationMs += payload.duration;
      tally.pendingMs += payload.pendingDuration;
      tally.bytes += payload.size;
      this.current.byApi.set(payload.apiName, tally);
    });
    // kafkajs's admin is a plain object of closures, so a spread copy with wrapped methods behaves the same.
    return {
      ...admin,
      listGroups: this.timed('listGroups', admin.listGroups),
      listTopics: this.timed('listTopics', admin.listTopics),
      describeCluster: this.timed('describeCluster', admin.describeCluster),
      describeGroups: this.timed('describeGroups', admin.describeGroups),
      fetchOffsets: this.timed('fetchOffsets', admin.fetchOffsets),
      fetchTopicOffsets: this.timed('fetchTopicOffsets', admin.fetchTopicOffsets),
      describeConfigs: this.timed('describeConfigs', admin.describeConfigs),
    };
  };

  private timed<A extends unknown[], R>(phase: Phase, method: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      const startMs = performance.now();
      const span = this.spans.get(phase);
      if (span === undefined) this.spans.set(phase, { startMs, endMs: startMs });
      this.current.calls.set(phase, (this.current.calls.get(phase) ?? 0) + 1);
      try {
        return await method(...args);
      } finally {
        const s = this.spans.get(phase);
        if (s) s.endMs = Math.max(s.endMs, performance.now());
      }
    };
  }
}

function emptyRecord(): CycleRecord {
  return { byApi: new Map(), phaseMs: new Map(), phaseStartMs: new Map(), calls: new Map() };
}
