import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadConfig, formatConfigErrors } from '../collectors/config/load-config';
import type { PipewatchConfig } from '../lib/config/pipewatch-config';
import { ensureNextBuild } from '../server/next/ensure-next-build';
import { startPipewatch } from '../server/start-pipewatch';
import { createDemoFaultControl } from './demo-fault-control';
import type { LabConfig } from './lab-config';
import { registerScrapeTarget, unregisterScrapeTarget } from './stack/prometheus';
import { pipelineUrl } from './stack/lab';
import type { Logger } from '../lib/log/logger';

const PIPEWATCH_TARGET = 'pipewatch';
/** The demo diagnoses faster than the 5 s default so a fault shows within seconds. */
const DEMO_INTERVAL_MS = 2_000;

/** Pipewatch pointed at the lab: its brokers and Prometheus, its own incident store, the fault panel on, its own /metrics scraped. */
export function demoConfig(lab: LabConfig, env: NodeJS.ProcessEnv = process.env): PipewatchConfig {
  const loaded = loadConfig({ env });
  if (!loaded.ok) throw new Error(`the configuration is not valid:\n${formatConfigErrors(loaded.errors)}`);
  const config = loaded.config;
  return {
    ...config,
    kafka: { ...config.kafka, brokers: lab.brokers },
    prometheus: { ...config.prometheus, url: lab.prometheusUrl },
    collection: { ...config.collection, intervalMs: DEMO_INTERVAL_MS, backoff: { initialMs: DEMO_INTERVAL_MS, maxMs: 30_000 } },
    server: {
      ...config.server,
      port: lab.ports.dashboard,
      // Links in notifications follow the port the demo moved the dashboard to, unless set by hand.
      publicUrl: config.server.publicUrl === `http://${config.server.host}:${config.server.port}` ? `http://${config.server.host}:${lab.ports.dashboard}` : config.server.publicUrl,
    },
    // Each lab keeps its own incidents: two labs' pipelines share ids (fraud-features) but not history.
    store: config.store.kind === 'postgres' ? config.store : { kind: 'sqlite', path: path.join(lab.dir, 'pipewatch.sqlite') },
  };
}

export interface DemoDashboard {
  url: string;
  close(): Promise<void>;
}

export async function startDemoDashboard(lab: LabConfig, log: Logger): Promise<DemoDashboard> {
  const config = demoConfig(lab);
  const dir = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
  // The demo runs from a checkout: it builds the dashboard when the build is missing or stale, where `pipewatch serve` would refuse.
  await ensureNextBuild(dir, (line) => log.info(line));
  const server = await startPipewatch({ config, log, dashboard: { dir, faults: createDemoFaultControl(pipelineUrl(lab)) } });
  registerScrapeTarget(lab, PIPEWATCH_TARGET, `${config.server.host}:${config.server.port}`);
  return {
    url: server.url,
    async close() {
      unregisterScrapeTarget(lab, PIPEWATCH_TARGET);
      await server.close();
    },
  };
}
