import type { ConfigKeyPath } from './config-error';
import { ENV_ONLY_KEYS } from './env-only-keys';

export type Env = Readonly<Record<string, string | undefined>>;

/** A key path the environment set, and by which variable; errors about it name the variable. */
export interface EnvOrigin {
  path: ConfigKeyPath;
  variables: string[];
}

export interface EnvOverrideResult {
  raw: unknown;
  origins: EnvOrigin[];
}

/**
 * Addresses, secrets and the store's retention from the environment, over the file's values, before validation (so a bad
 * value is reported against its variable). An empty variable counts as unset, as in the lab.
 * PIPEWATCH_CONFIG is read by load-config.ts: it names the file rather than a key in it.
 * Env-only keys (env-only-keys.ts) are taken out of the file's values: parse-config reports them.
 */
export function applyEnvOverrides(raw: unknown, env: Env): EnvOverrideResult {
  if (!isMapping(raw)) return { raw, origins: [] };
  const root = structuredClone(raw);
  const origins: EnvOrigin[] = [];
  for (const { path } of ENV_ONLY_KEYS) {
    const parent = existingMappingAt(root, path.slice(0, -1));
    if (parent !== null) delete parent[path[path.length - 1]!];
  }
  const read = (variable: string) => {
    const value = env[variable]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const set = (path: string[], value: unknown, variable: string) => {
    const parent = mappingAt(root, path.slice(0, -1));
    if (parent === null) return;
    parent[path[path.length - 1]!] = value;
    origins.push({ path, variables: [variable] });
  };

  const brokers = read('KAFKA_BROKERS');
  if (brokers !== undefined) set(['kafka', 'brokers'], brokers.split(',').map((b) => b.trim()).filter(Boolean), 'KAFKA_BROKERS');

  const saslVariables = (['MECHANISM', 'USERNAME', 'PASSWORD'] as const).filter((part) => read(`KAFKA_SASL_${part}`) !== undefined);
  if (saslVariables.length > 0) {
    const kafka = mappingAt(root, ['kafka']);
    // Without a sasl mapping in the file, any missing part is the environment's to supply.
    if (kafka !== null && !isMapping(kafka.sasl)) {
      kafka.sasl = {};
      origins.push({ path: ['kafka', 'sasl'], variables: saslVariables.map((part) => `KAFKA_SASL_${part}`) });
    }
    for (const part of saslVariables) set(['kafka', 'sasl', part.toLowerCase()], read(`KAFKA_SASL_${part}`), `KAFKA_SASL_${part}`);
  }

  const prometheusUrl = read('PROMETHEUS_URL');
  if (prometheusUrl !== undefined) set(['prometheus', 'url'], prometheusUrl, 'PROMETHEUS_URL');
  const bearerToken = read('PROMETHEUS_BEARER_TOKEN');
  if (bearerToken !== undefined) {
    // One kind of auth at a time: the environment's token replaces the file's basicAuth.
    delete mappingAt(root, ['prometheus'])?.basicAuth;
    set(['prometheus', 'bearerToken'], bearerToken, 'PROMETHEUS_BEARER_TOKEN');
  }

  const host = read('PIPEWATCH_HOST');
  if (host !== undefined) set(['server', 'host'], host, 'PIPEWATCH_HOST');
  const port = read('PIPEWATCH_PORT');
  if (port !== undefined) set(['server', 'port'], /^\d+$/.test(port) ? Number(port) : port, 'PIPEWATCH_PORT');
  const publicUrl = read('PIPEWATCH_PUBLIC_URL');
  if (publicUrl !== undefined) set(['server', 'publicUrl'], publicUrl, 'PIPEWATCH_PUBLIC_URL');
  const token = read('PIPEWATCH_TOKEN');
  if (token !== undefined) set(['server', 'token'], token, 'PIPEWATCH_TOKEN');
  const ingestToken = read('PIPEWATCH_INGEST_TOKEN');
  if (ingestToken !== undefined) set(['server', 'ingestToken'], ingestToken, 'PIPEWATCH_INGEST_TOKEN');
  const shutdownTimeout = read('PIPEWATCH_SHUTDOWN_TIMEOUT');
  if (shutdownTimeout !== undefined) set(['server', 'shutdownTimeout'], shutdownTimeout, 'PIPEWATCH_SHUTDOWN_TIMEOUT');
  const maxPartitionSeries = read('PIPEWATCH_METRICS_MAX_PARTITION_SERIES');
  if (maxPartitionSeries !== undefined) set(['metrics', 'maxPartitionSeries'], /^\d+$/.test(maxPartitionSeries) ? Number(maxPartitionSeries) : maxPartitionSeries, 'PIPEWATCH_METRICS_MAX_PARTITION_SERIES');
  const allowedHosts = read('PIPEWATCH_ALLOWED_HOSTS');
  if (allowedHosts !== undefined) set(['server', 'allowedHosts'], allowedHosts.split(',').map((h) => h.trim()).filter(Boolean), 'PIPEWATCH_ALLOWED_HOSTS');

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined) set(['store', 'url'], databaseUrl, 'DATABASE_URL');
  const retention = read('PIPEWATCH_STORE_RETENTION');
  if (retention !== undefined) set(['store', 'retention'], retention, 'PIPEWATCH_STORE_RETENTION');

  // The secret URL of the first target; the file can keep the rest of its entry (channel, events).
  for (const [list, variable] of [
    ['webhooks', 'PIPEWATCH_WEBHOOK_URL'],
    ['slack', 'PIPEWATCH_SLACK_WEBHOOK_URL'],
  ] as const) {
    const url = read(variable);
    const notifications = url === undefined ? null : mappingAt(root, ['notifications']);
    const targets: unknown = notifications?.[list] ?? [];
    if (notifications === null || !Array.isArray(targets)) continue;
    if (targets.length === 0) targets.push({});
    const first: unknown = targets[0];
    if (!isMapping(first)) continue;
    notifications[list] = targets;
    first.url = url;
    origins.push({ path: ['notifications', list, 0, 'url'], variables: [variable] });
  }

  return { raw: root, origins };
}

/** The variables behind `path`, if the environment set it or a mapping above it. */
export function envOriginOf(path: ConfigKeyPath, origins: readonly EnvOrigin[]): string[] | null {
  let best: EnvOrigin | null = null;
  for (const origin of origins) {
    const isPrefix = origin.path.length <= path.length && origin.path.every((segment, i) => segment === path[i]);
    if (isPrefix && (best === null || origin.path.length > best.path.length)) best = origin;
  }
  return best?.variables ?? null;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The mapping at `path` if there is one, creating nothing. */
function existingMappingAt(root: Record<string, unknown>, path: readonly string[]): Record<string, unknown> | null {
  let current: unknown = root;
  for (const key of path) current = isMapping(current) ? current[key] : undefined;
  return isMapping(current) ? current : null;
}

/** The mapping at `path`, creating absent (or empty, null) sections; null when a non-mapping is in the way. */
function mappingAt(root: Record<string, unknown>, path: readonly string[]): Record<string, unknown> | null {
  let current = root;
  for (const key of path) {
    const next = current[key];
    if (next === undefined || next === null) current[key] = {};
    else if (!isMapping(next)) return null;
    current = current[key] as Record<string, unknown>;
  }
  return current;
}
