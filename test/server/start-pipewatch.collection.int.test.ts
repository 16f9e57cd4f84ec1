import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection } from '../../lib/collection/collection-loop';
import { createCollectionFromConfig, startPipewatch } from '../../server/start-pipewatch';
import type { SnapshotJson } from '../../lib/api/pipeline-json';
import { parseConfigText } from '../../lib/config/parse-config';
import { createPipewatchMetrics } from '../../collectors/metrics/pipewatch-metrics';
import type { KafkaView, PipelineSnapshot, SignalReading } from '../../lib/pipelines/pipeline-snapshot';
import { readLabConfig } from '../../lab/lab-config';
import { eventually } from '../support/eventually';
import { startTestPipeline, type TestPipeline } from '../../lab/pipeline/test-pipeline';
import { SILENT_LOGGER } from '../../lib/log/logger';

/**
 * The whole collection path on the real stack: config → Kafka and Prometheus sources → collection
 * loop → pipeline snapshots → /metrics and the CLI, watching a real pipeline under faults.
 */
const lab = readLabConfig();
const env = { KAFKA_BROKERS: lab.brokers.join(','), PROMETHEUS_URL: lab.prometheusUrl };
const configFor = (group: string) => `
collection:
  interval: 1s
discovery:
  includeGroups: ['${group}']
`;

function view(snapshot: PipelineSnapshot | undefined): { kafka: KafkaView; signal: (name: string) => SignalReading | undefined } {
  if (!snapshot || snapshot.kafka.kind !== 'sampled') throw new Error(`no sampled snapshot: ${JSON.stringify(snapshot?.kafka)}`);
  const signals = snapshot.signals;
  return { kafka: snapshot.kafka, signal: (name) => (signals.kind === 'sampled' ? signals.readings[name as keyof typeof signals.readings] : undefined) };
}
const value = (reading: SignalReading | undefined) => (reading?.kind === 'value' ? reading.value : undefined);

describe('collection from config on the real stack', () => {
  let test: TestPipeline;
  let pipeline: TestPipeline['pipeline'];
  let topic: string;
  let group: string;
  let collection: Collection;
  const metrics = createPipewatchMetrics();
  let latest: PipelineSnapshot | undefined;

  beforeAll(async () => {
    test = await startTestPipeline('pipeline');
    ({ pipeline, topic, group } = test);
    const parsed = parseConfigText(configFor(group), { file: 'inline.yaml', env });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    collection = createCollectionFromConfig(parsed.config, SILENT_LOGGER);
    collection.subscribe((cycle) => {
      metrics.record(cycle);
      latest = cycle.snapshots.find((s) => s.groupId === group);
    });
  });

  afterAll(async () => {
    await collection?.stop();
    await test?.stop();
  });

  it('sees the healthy pipeline: members, rates, lag in seconds, its DLQ and its sink signals', async () => {
    await eventually(() => {
      const { kafka, signal } = view(latest);
      expect(kafka.group.state).toBe('Stable');
      expect(kafka.partitions).toHaveLength(6);
      expect(kafka.partitions.every((p) => p.owner !== null)).toBe(true);
      expect(kafka.totals.consumeRatePerSec).toBeGreaterThan(10);
      expect(kafka.totals.produceRatePerSec).toBeGreaterThan(10);
      expect(value(signal('recordsProcessedPerSec'))).toBeGreaterThan(10);
      expect(value(signal('consumersPaused'))).toBe(0);
    }, { timeoutMs: 45_000 });
    const { kafka } = view(latest);
    expect(latest!.dlqTopics).toEqual([`${topic}.dlq`]);
    expect(['caught-up', 'estimated']).toContain(kafka.totals.maxLagSeconds.kind);
    expect(kafka.totals.retentionHeadroomSeconds).toBeGreaterThan(600_000);
    expect(collection.latest()!.sources.kafka.health).toBe('ok');
    expect(collection.latest()!.sources.prometheus.health).toBe('ok');
  });

  it('poison: DLQ depth and growth, DLQ publishes and permanent errors', async () => {
    pipeline.faults.start({ name: 'poison', rate: 0.3 });
    await eventually(() => {
      const { kafka, signal } = view(latest);
      expect(kafka.dlq.depthMessages).toBeGreaterThan(0);
      expect(kafka.dlq.growthPerSec).toBeGreaterThan(0);
      expect(value(signal('dlqPublishesPerSec'))).toBeGreaterThan(0);
    }, { timeoutMs: 30_000 });
    pipeline.faults.healthy();
  });

  it('slow sink: lag in messages and seconds grows, time to drain says so, sink p99 rises', async () => {
    pipeline.faults.start({ name: 'slow-sink', latencyMs: 800 });
    await eventually(() => {
      const { kafka, signal } = view(latest);
      expect(kafka.totals.lagMessages).toBeGreaterThan(100);
      expect(kafka.totals.maxLagSeconds).toMatchObject({ kind: 'estimated', confidence: 'interpolated' });
      expect((kafka.totals.maxLagSeconds as { seconds: number }).seconds).toBeGreaterThan(2);
      expect(kafka.totals.timeToDrain.kind).toBe('not-draining');
      expect(value(signal('sinkLatencyP99Seconds'))).toBeGreaterThan(0.5);
    }, { timeoutMs: 40_000 });
    pipeline.faults.healthy();
    await eventually(() => expect(view(latest).kafka.totals.lagMessages).toBeLessThan(50), { timeoutMs: 60_000 });
  });

  it("exposes the pipeline's figures on Pipewatch's /metrics", async () => {
    const text = await metrics.registry.metrics();
    expect(text).toMatch(new RegExp(`pipewatch_pipeline_lag_seconds\\{pipeline="${group}",consumer_group="${group}"\\} [0-9.e+-]+`));
    expect(text).toContain('pipewatch_source_up{source="kafka"} 1');
  });

  it('runs as pipewatch collect: the same wiring without the dashboard serves /metrics only', async () => {
    const parsed = parseConfigText(configFor(group), { file: 'inline.yaml', env });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const collector = await startPipewatch({ config: { ...parsed.config, server: { ...parsed.config.server, port: 0 } }, log: SILENT_LOGGER, dashboard: null });
    try {
      await eventually(async () => expect(await (await fetch(`${collector.url}/metrics`)).text()).toContain(`pipewatch_pipeline_lag_messages{pipeline="${group}"`));
      for (const other of ['/api/pipelines', '/', '/readyz']) {
        const answer = await fetch(`${collector.url}${other}`);
        expect(answer.status).toBe(404);
        expect(await answer.text()).toBe('Pipewatch collect serves /metrics only\n');
      }
    } finally {
      await collector.close();
    }
  });

  it('prints the same pipeline with npx pipewatch snapshot --json', async () => {
    const configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-cli-')), 'pipewatch.yaml');
    fs.writeFileSync(configFile, configFor(group));
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['server/cli/pipewatch.mjs', 'snapshot', '--json', '--sample', '2s', '--config', configFile],
        { env: { ...process.env, ...env }, timeout: 60_000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      ),
    );
    const json = JSON.parse(stdout) as SnapshotJson;
    expect(json.pipelines.map((p) => p.groupId)).toEqual([group]);
    const kafka = json.pipelines[0]!.kafka;
    if (kafka.kind !== 'sampled') throw new Error('not sampled');
    expect(kafka.partitions).toHaveLength(6);
    expect(typeof kafka.partitions[0]!.logEndOffset).toBe('string');
    expect(json.sources.kafka.health).toBe('ok');
  });
});
