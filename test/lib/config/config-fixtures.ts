import type { Env } from '../../../lib/config/env-overrides';
import { parseConfigText } from '../../../lib/config/parse-config';
import type { PipewatchConfig } from '../../../lib/config/pipewatch-config';

/** The configuration with no file and no environment: what every case below departs from. */
export const DEFAULTS: PipewatchConfig = {
  kafka: { brokers: ['127.0.0.1:19092'], clientId: 'pipewatch', connectionTimeoutMs: 3_000, requestTimeoutMs: 5_000, ssl: null, sasl: null },
  prometheus: {
    url: 'http://127.0.0.1:19090',
    timeoutMs: 5_000,
    auth: { kind: 'none' },
    groupLabel: 'consumer_group',
    rateWindowMs: 10_000,
    signals: {},
  },
  collection: { intervalMs: 5_000, kafkaTimeoutMs: 10_000, prometheusTimeoutMs: 10_000, maxConcurrentRequests: 16, backoff: { initialMs: 5_000, maxMs: 60_000 } },
  history: { maxSnapshots: 720, maxAgeMs: 3_600_000 },
  discovery: {
    includeGroups: [],
    excludeGroups: [],
    internalGroups: ['_*', 'console-consumer-*'],
    dlqTopicPatterns: [
      '{topic}.dlq',
      '{topic}-dlq',
      '{topic}_dlq',
      'dlq.{topic}',
      'dlq-{topic}',
      '{topic}.DLT',
      '{topic}-dlt',
      '{topic}.dead-letter',
      '{topic}.deadletter',
      '{topic}-dead-letter',
      'error.{topic}.{group}',
    ],
    inactiveAfterMs: 86_400_000,
  },
  pipelines: [],
  server: { host: '127.0.0.1', port: 19_300, publicUrl: 'http://127.0.0.1:19300', allowedHosts: [], token: null, ingestToken: null, shutdownTimeoutMs: 10_000 },
  store: { kind: 'sqlite', path: 'data/pipewatch.sqlite', retentionMs: 7_776_000_000 },
  alertmanager: { matchLabels: { pipeline: ['pipeline'], group: ['consumer_group', 'consumergroup', 'group'], topic: ['topic'] } },
  notifications: {
    webhooks: [],
    slack: [],
    rateLimitPerMinute: 10,
    maxAttempts: 5,
    attemptTimeoutMs: 10_000,
    initialBackoffMs: 1_000,
    maxBackoffMs: 60_000,
    maxQueuedPerTarget: 100,
  },
  metrics: { maxPartitionSeries: 10_000 },
};

export function parse(text: string, env: Env = {}) {
  return parseConfigText(text, { file: 'pipewatch.yaml', env });
}
