import fs from 'node:fs';
import type { KafkaConfig } from 'kafkajs';
import { compileGroupFilter, isGroupIncluded } from '../lib/config/match-group';
import { dlqTopicNames } from '../lib/config/dlq-topics';
import type { PipewatchConfig } from '../lib/config/pipewatch-config';
import type { Incident } from '../lib/incidents/incident';
import type { DlqNamer } from '../lib/pipelines/resolve-pipelines';
import { createCollection, type Collection } from '../lib/collection/collection-loop';
import { KafkajsClusterSource } from '../collectors/kafka/kafkajs-cluster-source';
import { HttpPrometheusClient } from '../collectors/prometheus/http-prometheus-client';
import type { PrometheusClient } from '../lib/signals/prometheus-client';
import { PrometheusSignalsSource } from '../collectors/prometheus/prometheus-signals-source';

/** Builds the collectors a config describes: the one place that knows which technology backs each source. */
/** Prometheus as a config describes it: the client, and the signal source that runs its queries. null: not configured. */
export function createPrometheusFromConfig(config: PipewatchConfig): { client: PrometheusClient; signals: PrometheusSignalsSource } | null {
  const { prometheus } = config;
  if (prometheus.url === null) return null;
  const client = new HttpPrometheusClient({
    baseUrl: prometheus.url,
    timeoutMs: prometheus.timeoutMs,
    auth: prometheus.auth.kind === 'none' ? undefined : prometheus.auth,
  });
  const signals = new PrometheusSignalsSource({
    client,
    queries: prometheus.signals,
    rateWindowSeconds: prometheus.rateWindowMs / 1000,
    groupLabel: prometheus.groupLabel,
    maxConcurrentQueries: config.collection.maxConcurrentRequests,
  });
  return { client, signals };
}

export interface CollectionExtras {
  /** Incidents still open when Pipewatch last stopped (from the store). */
  openIncidents?: readonly Incident[];
  /** Prometheus built once by a caller that also queries it (the server's long ranges); built here when absent. */
  prometheus?: ReturnType<typeof createPrometheusFromConfig>;
}

export function createCollectionFromConfig(config: PipewatchConfig, log: (line: string) => void, shared: CollectionExtras = {}): Collection {
  const filter = compileGroupFilter(config.discovery);
  // The config loader has already rejected bad patterns; this guards programmatic configs.
  if (!filter.ok) throw new Error(`discovery patterns: ${filter.errors.join('; ')}`);
  const configuredGroups = new Set(config.pipelines.map((p) => p.groupId));
  const dlqNames: DlqNamer = (topic, groupId) => dlqTopicNames(topic, config.discovery.dlqTopicPatterns, groupId);
  const configuredDlqs = config.pipelines.flatMap((p) => p.dlqTopics ?? []);
  const configuredTopics = config.pipelines.flatMap((p) => p.topics ?? []);

  const cluster = new KafkajsClusterSource({
    kafka: kafkaClientConfig(config),
    // A configured pipeline is watched whatever the discovery patterns say.
    includeGroup: (groupId) => configuredGroups.has(groupId) || isGroupIncluded(groupId, filter.filter),
    extraTopics: (consumedByGroup) => [
      ...configuredTopics,
      ...configuredDlqs,
      ...[...consumedByGroup].flatMap(([groupId, topics]) => [...topics].flatMap((topic) => dlqNames(topic, groupId))),
    ],
    maxConcurrentRequests: config.collection.maxConcurrentRequests,
  });
  const signals = shared.prometheus === undefined ? createPrometheusFromConfig(config)?.signals ?? null : (shared.prometheus?.signals ?? null);
  return createCollection({
    cluster,
    signals,
    intervalMs: config.collection.intervalMs,
    kafkaTimeoutMs: config.collection.kafkaTimeoutMs,
    prometheusTimeoutMs: config.collection.prometheusTimeoutMs,
    backoff: config.collection.backoff,
    pipelines: config.pipelines,
    dlqNames,
    history: { maxEntries: config.history.maxSnapshots, maxAgeMs: config.history.maxAgeMs },
    openIncidents: shared.openIncidents,
    log,
  });
}

function kafkaClientConfig(config: PipewatchConfig): KafkaConfig {
  const { kafka } = config;
  const read = (file: string | null) => (file === null ? undefined : fs.readFileSync(file, 'utf8'));
  return {
    brokers: kafka.brokers,
    clientId: kafka.clientId,
    connectionTimeout: kafka.connectionTimeoutMs,
    requestTimeout: kafka.requestTimeoutMs,
    ssl: kafka.ssl === null ? undefined : { ca: read(kafka.ssl.caPath), cert: read(kafka.ssl.certPath), key: read(kafka.ssl.keyPath), rejectUnauthorized: kafka.ssl.rejectUnauthorized },
    sasl: kafka.sasl === null ? undefined : { mechanism: kafka.sasl.mechanism, username: kafka.sasl.username, password: kafka.sasl.password } as KafkaConfig['sasl'],
  };
}
