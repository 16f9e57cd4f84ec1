import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { readLabConfig } from '../lab-config';
import { startPipeline, type PipelineOptions, type RunningPipeline } from './pipeline';
import { registerScrapeTarget, unregisterScrapeTarget } from '../stack/prometheus';
import { connectAdmin } from './kafka-admin';

export interface TestPipeline {
  pipeline: RunningPipeline;
  topic: string;
  dlqTopic: string;
  group: string;
  faultLogPath: string;
  /** Starts (or, with name 'healthy', ends) a fault through the control API, as `npm run lab:fault` does. */
  fault(body: Record<string, unknown>): Promise<void>;
  /** Stops the pipeline, unregisters its scrape target, and deletes its topics and groups (plus `extraGroups`). */
  stop(extraGroups?: string[]): Promise<void>;
}

/**
 * A demo pipeline of a test's own on the lab broker: unique topic and group, free ports, its own
 * fault log, scraped by the lab's Prometheus. Leaves nothing behind after `stop()`.
 */
export async function startTestPipeline(
  name: string,
  options: Partial<Pick<PipelineOptions, 'members' | 'ratePerSecond' | 'outageAfterMs'>> = {},
): Promise<TestPipeline> {
  const lab = readLabConfig();
  const suffix = randomUUID().slice(0, 8);
  const topic = `it-${name}-${suffix}`;
  const group = `it-${name}-group-${suffix}`;
  const scrapeJob = `it-${name}-${suffix}`;
  const faultLogPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `pipewatch-${name}-`)), 'faults.jsonl');
  const pipeline = await startPipeline({
    brokers: lab.brokers,
    topic,
    groupId: group,
    members: options.members ?? 2,
    ratePerSecond: options.ratePerSecond ?? 40,
    outageAfterMs: options.outageAfterMs,
    controlPort: 0,
    sinkPort: 0,
    faultLogPath,
    log: () => {},
  });
  registerScrapeTarget(lab, scrapeJob, new URL(pipeline.metricsUrl).host);
  return {
    pipeline,
    topic,
    dlqTopic: `${topic}.dlq`,
    group,
    faultLogPath,
    async fault(body) {
      const response = await fetch(`${pipeline.controlUrl}/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 200) throw new Error(`fault ${JSON.stringify(body)} refused: ${response.status} ${await response.text()}`);
    },
    async stop(extraGroups = []) {
      unregisterScrapeTarget(lab, scrapeJob);
      await pipeline.stop();
      const admin = await connectAdmin(lab.brokers);
      await admin.deleteGroups([group, ...extraGroups]).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
      await admin.disconnect();
    },
  };
}
