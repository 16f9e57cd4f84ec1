import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabConfig } from '../lab-config';
import { isKafkaReady, kafkaFiles, startKafka, stopKafka } from './kafka';
import { runningPid, serviceFiles, startDetached, stopService, waitUntil } from './processes';
import {
  isPrometheusReady,
  prometheusFiles,
  registerScrapeTarget,
  startPrometheus,
  stopPrometheus,
  unregisterScrapeTarget,
} from './prometheus';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PIPELINE_TARGET = 'demo-pipeline';

export const pipelineFiles = (config: LabConfig) => serviceFiles(config.dir, 'demo-pipeline');

export interface ServiceStatus {
  name: string;
  address: string;
  /** Started by this lab, pid known; `external` when KAFKA_BROKERS / PROMETHEUS_URL point elsewhere. */
  process: { kind: 'running'; pid: number } | { kind: 'stopped' } | { kind: 'external' };
  healthy: boolean;
}

/** Starts Kafka and Prometheus (unless external ones are configured); idempotent. */
export async function upStack(config: LabConfig, log: (line: string) => void): Promise<void> {
  if (config.external.kafka) {
    log(`using Kafka at ${config.brokers.join(',')} (KAFKA_BROKERS)`);
    await waitUntil(`Kafka at ${config.brokers.join(',')} (KAFKA_BROKERS)`, () => isKafkaReady(config.brokers), { timeoutMs: 15_000 });
  } else {
    const outcome = await startKafka(config, log);
    if (outcome === 'running') log(`Kafka already running on ${config.brokers.join(',')}`);
  }
  if (config.external.prometheus) {
    log(`using Prometheus at ${config.prometheusUrl} (PROMETHEUS_URL)`);
    await waitUntil(`Prometheus at ${config.prometheusUrl} (PROMETHEUS_URL)`, () => isPrometheusReady(config.prometheusUrl), { timeoutMs: 15_000 });
  } else {
    const outcome = await startPrometheus(config, log);
    if (outcome === 'running') log(`Prometheus already running on ${config.prometheusUrl}`);
  }
}

/** Starts the demo ingestion pipeline as a background process and has Prometheus scrape it. */
export async function upPipeline(config: LabConfig, log: (line: string) => void, args: string[] = []): Promise<void> {
  const files = pipelineFiles(config);
  const healthy = () => isHttpOk(`${pipelineUrl(config)}/healthz`);
  if (runningPid(files) === undefined) {
    log('starting the demo pipeline (producer, consumer group, feature-store sink)');
    startDetached(files, process.execPath, ['--import', 'tsx', path.join('lab', 'pipeline', 'main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, LAB_DIR: config.dir, LAB_PORT_BASE: String(config.portBase) },
    });
  } else {
    log('demo pipeline already running');
  }
  await waitUntil('the demo pipeline', healthy, { timeoutMs: 60_000, files });
  if (!config.external.prometheus) {
    registerScrapeTarget(config, PIPELINE_TARGET, `127.0.0.1:${config.ports.pipeline}`);
  }
}

export async function downLab(config: LabConfig, log: (line: string) => void): Promise<void> {
  unregisterScrapeTarget(config, PIPELINE_TARGET);
  if (await stopService(pipelineFiles(config))) log('stopped the demo pipeline');
  if (await stopPrometheus(config)) log('stopped Prometheus');
  if (await stopKafka(config)) log('stopped Kafka');
}

export async function labStatus(config: LabConfig): Promise<ServiceStatus[]> {
  const processOf = (files: ReturnType<typeof serviceFiles>, external: boolean): ServiceStatus['process'] => {
    if (external) return { kind: 'external' };
    const pid = runningPid(files);
    return pid === undefined ? { kind: 'stopped' } : { kind: 'running', pid };
  };
  const [kafka, prometheus, pipeline] = await Promise.all([
    isKafkaReady(config.brokers),
    isPrometheusReady(config.prometheusUrl),
    isHttpOk(`${pipelineUrl(config)}/healthz`),
  ]);
  return [
    { name: 'kafka', address: config.brokers.join(','), process: processOf(kafkaFiles(config), config.external.kafka), healthy: kafka },
    { name: 'prometheus', address: config.prometheusUrl, process: processOf(prometheusFiles(config), config.external.prometheus), healthy: prometheus },
    { name: 'demo-pipeline', address: pipelineUrl(config), process: processOf(pipelineFiles(config), false), healthy: pipeline },
  ];
}

export function pipelineUrl(config: LabConfig): string {
  return `http://127.0.0.1:${config.ports.pipeline}`;
}

async function isHttpOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}
