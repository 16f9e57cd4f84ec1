import fs from 'node:fs';
import path from 'node:path';
import type { LabConfig } from '../lab-config';
import { isPortOpen, runningPid, serviceFiles, startDetached, stopService, waitUntil } from './processes';
import { ensureInstalled, PROMETHEUS } from './requirements';

export const prometheusFiles = (config: LabConfig) => serviceFiles(config.dir, 'prometheus');

/**
 * Everything the lab runs is scraped every second. Scrape targets come from files in
 * `scrapeTargetsDir` (file-based service discovery), so the demo pipeline, a test's own
 * pipeline or Pipewatch itself appear in Prometheus by dropping a file, without a reload.
 */
function writePrometheusConfig(config: LabConfig): string {
  const dir = path.join(config.dir, 'prometheus');
  fs.mkdirSync(config.scrapeTargetsDir, { recursive: true });
  const file = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    file,
    [
      '# Written by the Pipewatch lab; edits are overwritten on the next lab:up.',
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: kafka-broker',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${config.ports.kafkaJmx}']`,
      '  - job_name: lab',
      '    file_sd_configs:',
      `      - files: ['${path.join(config.scrapeTargetsDir, '*.json')}']`,
      '        refresh_interval: 1s',
      '',
    ].join('\n'),
  );
  return file;
}

/** Adds (or replaces) a scrape target; Prometheus picks it up within a couple of seconds. */
export function registerScrapeTarget(
  config: LabConfig,
  name: string,
  address: string,
  labels: Record<string, string> = {},
): void {
  fs.mkdirSync(config.scrapeTargetsDir, { recursive: true });
  const file = path.join(config.scrapeTargetsDir, `${name}.json`);
  // Write then rename, so Prometheus never reads half a file.
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify([{ targets: [address], labels: { job: name, ...labels } }], null, 2));
  fs.renameSync(temporary, file);
}

export function unregisterScrapeTarget(config: LabConfig, name: string): void {
  fs.rmSync(path.join(config.scrapeTargetsDir, `${name}.json`), { force: true });
}

export async function isPrometheusReady(url: string, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetchImpl(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function startPrometheus(config: LabConfig, log: (line: string) => void): Promise<'started' | 'running'> {
  const files = prometheusFiles(config);
  const ready = () => isPrometheusReady(config.prometheusUrl);
  if (runningPid(files) !== undefined) {
    await waitUntil(`Prometheus at ${config.prometheusUrl}`, ready, { timeoutMs: 30_000, files });
    return 'running';
  }
  if (await isPortOpen(config.ports.prometheus)) {
    throw new Error(
      `Port ${config.ports.prometheus} on 127.0.0.1 is taken by a process the lab did not start. Stop it, or move the lab with LAB_PORT_BASE=<base>.`,
    );
  }
  ensureInstalled([PROMETHEUS], log);
  const configFile = writePrometheusConfig(config);
  log(`starting Prometheus on ${config.prometheusUrl}`);
  startDetached(files, 'prometheus', [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${path.join(config.dir, 'prometheus', 'data')}`,
    '--storage.tsdb.retention.time=7d',
    `--web.listen-address=127.0.0.1:${config.ports.prometheus}`,
    '--web.enable-lifecycle',
    '--log.level=warn',
  ]);
  await waitUntil(`Prometheus at ${config.prometheusUrl}`, ready, { timeoutMs: 30_000, files });
  return 'started';
}

export function stopPrometheus(config: LabConfig): Promise<boolean> {
  return stopService(prometheusFiles(config));
}
