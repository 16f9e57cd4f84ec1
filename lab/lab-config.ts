import path from 'node:path';

/**
 * Where the lab lives and which ports it takes. Every port is LAB_PORT_BASE plus a fixed offset,
 * so a second lab (the Kafka 4 compatibility run) moves out of the way with one variable.
 */
export interface LabConfig {
  /** Folder holding jars, data, logs, pid files and the fault log; ignored by git. */
  dir: string;
  /** LAB_PORT_BASE: every port below is relative to it; passed on to the lab's child processes. */
  portBase: number;
  kafkaVersion: string;
  ports: {
    kafka: number;
    kafkaController: number;
    prometheus: number;
    /** Demo pipeline: fault control endpoint and its /metrics. */
    pipeline: number;
    /** Demo pipeline's sink, the HTTP "online feature store". */
    sink: number;
    /** Prometheus JMX exporter agent on the broker. */
    kafkaJmx: number;
    /** The Pipewatch dashboard that `npm run demo` starts. */
    dashboard: number;
  };
  /** Brokers to use; from KAFKA_BROKERS when set (then the lab starts no broker). */
  brokers: string[];
  /** Prometheus to use; from PROMETHEUS_URL when set (then the lab starts no Prometheus). */
  prometheusUrl: string;
  external: { kafka: boolean; prometheus: boolean };
  /** Ground-truth log of injected faults, one JSON object per line. */
  faultLogPath: string;
  /** Folder of Prometheus file_sd target files; a file dropped here is scraped within seconds. */
  scrapeTargetsDir: string;
}

export const DEFAULT_KAFKA_VERSION = '3.9.2';
export const DEFAULT_PORT_BASE = 19000;
export const MAX_PORT_BASE = 32_000;

export function readLabConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): LabConfig {
  const portBase = parsePortBase(env.LAB_PORT_BASE);
  const dir = path.resolve(cwd, env.LAB_DIR ?? '.lab');
  const ports = {
    kafka: portBase + 92,
    kafkaController: portBase + 93,
    prometheus: portBase + 90,
    pipeline: portBase + 110,
    sink: portBase + 111,
    kafkaJmx: portBase + 120,
    dashboard: portBase + 300,
  };
  const brokersFromEnv = env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean);
  const prometheusFromEnv = env.PROMETHEUS_URL?.trim().replace(/\/+$/, '');
  return {
    dir,
    portBase,
    kafkaVersion: env.KAFKA_VERSION?.trim() || DEFAULT_KAFKA_VERSION,
    ports,
    brokers: brokersFromEnv?.length ? brokersFromEnv : [`127.0.0.1:${ports.kafka}`],
    prometheusUrl: prometheusFromEnv || `http://127.0.0.1:${ports.prometheus}`,
    external: { kafka: Boolean(brokersFromEnv?.length), prometheus: Boolean(prometheusFromEnv) },
    faultLogPath: path.join(dir, 'faults.jsonl'),
    scrapeTargetsDir: path.join(dir, 'prometheus', 'targets'),
  };
}

function parsePortBase(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PORT_BASE;
  const base = Number(raw);
  // Above 32768 lies Linux's ephemeral range: outgoing connections take local ports there, and a
  // listener that finds its port taken by one fails to start (seen with the broker's JMX agent).
  if (!Number.isInteger(base) || base < 1024 || base > MAX_PORT_BASE) {
    throw new Error(
      `LAB_PORT_BASE=${JSON.stringify(raw)} is not a usable port base: give a whole number from 1024 to ${MAX_PORT_BASE} (default ${DEFAULT_PORT_BASE}); the lab uses base+90 to base+120, which must stay below the kernel's ephemeral ports (32768 and up).`,
    );
  }
  return base;
}
