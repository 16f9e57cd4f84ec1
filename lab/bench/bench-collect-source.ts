import { KafkajsClusterSource } from '../../collectors/kafka/kafkajs-cluster-source';
import { PlatformaticClusterSource } from '../../collectors/kafka/platformatic-cluster-source';
import type { ClusterSource } from '../../lib/cluster/cluster-source';
import { AdminRecorder, type CycleRecord } from './recording-admin';

/** The cluster sources bench:collect compares, by the name its --source flag takes. */
export type CollectSourceKind = 'kafkajs' | 'platformatic';

export const COLLECT_SOURCE_KINDS: readonly CollectSourceKind[] = ['kafkajs', 'platformatic'];

export interface BenchSourceOptions {
  brokers: string[];
  groupPrefix: string;
  maxConcurrentRequests: number;
}

export interface BenchSource {
  source: ClusterSource;
  /** What the cycle since the last call sent, by API; starts a new record. */
  takeRecord(): CycleRecord;
}

export function parseSourceKinds(text: string): CollectSourceKind[] {
  const kinds = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const kind of kinds) {
    if (!(COLLECT_SOURCE_KINDS as readonly string[]).includes(kind)) throw new Error(`--source ${JSON.stringify(kind)}: expected ${COLLECT_SOURCE_KINDS.join(' or ')}`);
  }
  if (kinds.length === 0) throw new Error(`--source needs at least one of ${COLLECT_SOURCE_KINDS.join(', ')}`);
  return kinds as CollectSourceKind[];
}

export function createBenchSource(kind: CollectSourceKind, options: BenchSourceOptions): BenchSource {
  const common = {
    includeGroup: (id: string) => id.startsWith(options.groupPrefix),
    extraTopics: () => [],
    maxConcurrentRequests: options.maxConcurrentRequests,
  };
  switch (kind) {
    case 'kafkajs': {
      const recorder = new AdminRecorder();
      const source = new KafkajsClusterSource({
        ...common,
        kafka: { brokers: options.brokers, clientId: 'pipewatch-bench', requestTimeout: 30_000 },
        createAdmin: recorder.createAdmin,
      });
      return { source, takeRecord: () => recorder.takeRecord() };
    }
    case 'platformatic': {
      const source = new PlatformaticClusterSource({ ...common, kafka: { brokers: options.brokers, clientId: 'pipewatch-bench', requestTimeoutMs: 30_000 } });
      // The source counts its own requests (the client's diagnostics channel); no timings per request.
      return {
        source,
        takeRecord: () => ({
          byApi: new Map([...source.lastRoundTripsByApi].map(([api, requests]) => [api, { requests, durationMs: NaN, pendingMs: NaN, bytes: NaN }])),
          phaseMs: new Map(),
          phaseStartMs: new Map(),
          calls: new Map(),
        }),
      };
    }
  }
}
