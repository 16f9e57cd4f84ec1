import type { AlertMatchLabels } from '../alerting/match-alert-to-pipeline';
import type { SlackTargetSettings, WebhookTargetSettings } from '../notify/notify-targets';
import type { PipelineDefinition } from '../pipelines/pipeline-definition';
import type { SignalName } from '../signals/signals';

/**
 * Pipewatch's settings after parsing: every default filled in, every duration in milliseconds.
 * docs/configuration.md describes each key as written in pipewatch.yaml.
 */
export interface PipewatchConfig {
  kafka: KafkaSettings;
  prometheus: PrometheusSettings;
  collection: CollectionSettings;
  history: HistorySettings;
  discovery: DiscoverySettings;
  /** Configured pipelines, in file order; every other included group is discovered. */
  pipelines: PipelineDefinition[];
  server: ServerSettings;
  store: StoreSettings;
  alertmanager: AlertmanagerSettings;
  notifications: NotificationSettings;
  metrics: MetricsSettings;
}

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  /** null: plaintext. */
  ssl: KafkaSslSettings | null;
  sasl: KafkaSaslSettings | null;
}

/** File paths, resolved against the config file's folder; null: the system's CAs / no client certificate. */
export interface KafkaSslSettings {
  caPath: string | null;
  certPath: string | null;
  keyPath: string | null;
  rejectUnauthorized: boolean;
}

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface KafkaSaslSettings {
  mechanism: SaslMechanism;
  username: string;
  password: string;
}

export type PrometheusAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string };

export interface PrometheusSettings {
  /** null: Prometheus signals are disabled; Kafka-only diagnosis. */
  url: string | null;
  /** Per query; also sent to Prometheus as the query's own `timeout`. */
  timeoutMs: number;
  auth: PrometheusAuth;
  /** The label that carries the consumer group id in the signals' series. */
  groupLabel: string;
  /** The range of `rate()` in the default signal queries. */
  rateWindowMs: number;
  /** PromQL that replaces a signal's default query. */
  signals: Partial<Record<SignalName, string>>;
}

export interface CollectionSettings {
  intervalMs: number;
  /** Budget for one whole Kafka sample (many requests), unlike kafka.requestTimeoutMs. */
  kafkaTimeoutMs: number;
  /** Budget for all signal queries of one cycle, unlike prometheus.timeoutMs. */
  prometheusTimeoutMs: number;
  maxConcurrentRequests: number;
  /** After failures a source is retried after initialMs, doubling up to maxMs. */
  backoff: { initialMs: number; maxMs: number };
}

export interface HistorySettings {
  maxSnapshots: number;
  maxAgeMs: number;
}

/** Group patterns: see lib/config/match-group.ts. DLQ templates: see lib/config/dlq-topics.ts. */
export interface DiscoverySettings {
  /** Empty: every group. */
  includeGroups: string[];
  excludeGroups: string[];
  internalGroups: string[];
  dlqTopicPatterns: string[];
  /** An inactive group (stopped before Pipewatch first saw it) whose position is older than this is abandoned. */
  inactiveAfterMs: number;
}

export interface ServerSettings {
  host: string;
  port: number;
  /** Where people reach Pipewatch, for links in notifications; no trailing slash. */
  publicUrl: string;
  /**
   * Host names that may reach Pipewatch besides IP addresses, localhost and publicUrl's host:
   * `name` (any port) or `name:port`, lower case. See docs/security.md.
   */
  allowedHosts: string[];
  /** From PIPEWATCH_TOKEN only, never the file; null: no token. */
  token: string | null;
  /** From PIPEWATCH_INGEST_TOKEN only: may POST /api/alertmanager and nothing else; null: none. */
  ingestToken: string | null;
  /** How long a SIGTERM's graceful shutdown may take before what is left is given up. */
  shutdownTimeoutMs: number;
}

/** Pipewatch's own /metrics. */
export interface MetricsSettings {
  /**
   * Per-partition series (pipewatch_partition_*) are left out while the pipelines have more
   * partitions than this: they are the cardinality risk at fleet size. 0: always left out.
   */
  maxPartitionSeries: number;
}

/** Incidents and history on disk: SQLite by default, PostgreSQL when DATABASE_URL is set. */
export type StoreSettings = (
  /** Relative to the working directory. */
  | { kind: 'sqlite'; path: string }
  /** From DATABASE_URL only; may hold a password. */
  | { kind: 'postgres'; url: string }
) & {
  /**
   * Resolved incidents (by resolvedAtMs), and alerts and mutes that ended, older than this are
   * deleted. The parser always sets it; a config built in code without it keeps DEFAULT_STORE_RETENTION_MS.
   */
  retentionMs?: number;
};

/** `store.retention` when the file does not set it. */
export const DEFAULT_STORE_RETENTION_MS = 90 * 24 * 60 * 60 * 1_000;

export interface AlertmanagerSettings {
  /** Labels that tie an incoming alert to a pipeline; see lib/alerting/match-alert-to-pipeline.ts. */
  matchLabels: AlertMatchLabels;
}

export interface NotificationSettings {
  /** URLs may hold secrets (Slack's do): redacted by redactConfig. */
  webhooks: WebhookTargetSettings[];
  slack: SlackTargetSettings[];
  rateLimitPerMinute: number;
  /** Attempts per notification, the first included. */
  maxAttempts: number;
  attemptTimeoutMs: number;
  /** Full-jitter backoff: a random wait up to initialBackoffMs, doubling per attempt up to maxBackoffMs. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Notifications waiting per target; past it the oldest is dropped. */
  maxQueuedPerTarget: number;
}
