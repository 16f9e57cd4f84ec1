import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../lib/config/parse-config';
import type { PipelineSnapshot } from '../../lib/pipelines/pipeline-snapshot';
import { startPipewatch, type RunningPipewatch } from '../../server/start-pipewatch';
import { readLabConfig } from '../../lab/lab-config';
import { startTestPipeline, type TestPipeline } from '../../lab/pipeline/test-pipeline';
import { eventually } from '../support/eventually';
import { SILENT_LOGGER } from '../../lib/log/logger';

/**
 * First contact with a cluster full of groups that stopped long ago, on the real broker: Empty
 * groups with lag on an idle topic and on a live one, one whose offsets fell below the log start,
 * a live lab consumer and a declared pipeline that does not run. Only what Pipewatch saw running
 * (or was told should run) pages; a restart keeps the incident, same id.
 */
const lab = readLabConfig();
const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const suffix = randomUUID().slice(0, 8);
const idleTopic = `it-inactive-idle-${suffix}`;
const retentionTopic = `it-inactive-retention-${suffix}`;
const groups = {
  idle: `it-old-idle-${suffix}`,
  hostile: `<img src=x onerror=alert(1)>-${suffix}`,
  onLive: `it-old-live-${suffix}`,
  lost: `it-old-lost-${suffix}`,
  declared: `it-declared-${suffix}`,
};

interface Received {
  event: string;
  incident: { id: string; pipelineId: string };
}

/** A webhook target that keeps every notification it gets. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body) as Received);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('inactive and abandoned groups on the real broker', () => {
  let admin: Admin;
  let producer: Producer;
  let live: TestPipeline;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: RunningPipewatch | null = null;
  let dataDir: string;
  let config: Parameters<typeof startPipewatch>[0]['config'];

  const snapshotOf = (groupId: string): PipelineSnapshot | undefined => server?.collection.latest()?.snapshots.find((s) => s.groupId === groupId);
  const openIncidents = () => server?.collection.latest()?.openIncidents ?? [];
  const start = async () => {
    server = await startPipewatch({ config, log: SILENT_LOGGER, dashboard: { dir: root } });
  };

  beforeAll(async () => {
    const kafka = new Kafka({ clientId: 'pipewatch-inactive-test', brokers: lab.brokers, logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
    // Small segments, so deleting records really moves the log start.
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: idleTopic, numPartitions: 2 },
        { topic: retentionTopic, numPartitions: 1, configEntries: [{ name: 'segment.bytes', value: '1048576' }] },
      ],
    });
    const records = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `record-${i}` }));
    await producer.send({ topic: idleTopic, messages: records(20) });
    await producer.send({ topic: retentionTopic, messages: records(100) });

    live = await startTestPipeline('inactive-live', { members: 1, ratePerSecond: 20 });
    await eventually(async () => expect((await admin.fetchOffsets({ groupId: live.group, topics: [live.topic] }))[0]!.partitions.some((p) => Number(p.offset) > 0)).toBe(true), { timeoutMs: 60_000 });

    // Groups that stopped long ago: committed offsets, no member.
    const commit = (groupId: string, topic: string, partitions: number[], offset: number) => admin.setOffsets({ groupId, topic, partitions: partitions.map((partition) => ({ partition, offset: String(offset) })) });
    await commit(groups.idle, idleTopic, [0, 1], 3);
    await commit(groups.hostile, idleTopic, [0, 1], 5);
    await commit(groups.declared, idleTopic, [0, 1], 2);
    await commit(groups.lost, retentionTopic, [0], 10);
    const liveTopicPartitions = (await admin.fetchTopicOffsets(live.topic)).map((p) => p.partition);
    await commit(groups.onLive, live.topic, liveTopicPartitions, 0);
    await admin.deleteTopicRecords({ topic: retentionTopic, partitions: [{ partition: 0, offset: '50' }] });

    receiver = await startReceiver();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-inactive-'));
    const parsed = parseConfigText(
      `
kafka: { brokers: ['${lab.brokers.join("','")}'] }
collection: { interval: 1s }
discovery:
  includeGroups: ['${[groups.idle, groups.onLive, groups.lost, live.group].join("','")}', '<img*']
  inactiveAfter: 1h
pipelines:
  - id: declared
    group: '${groups.declared}'
notifications:
  webhooks: [{ url: '${receiver.url}' }]
`,
      { file: 'inactive-test.yaml', env: {} },
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    config = { ...parsed.config, prometheus: { ...parsed.config.prometheus, url: null }, server: { ...parsed.config.server, port: 0 }, store: { kind: 'sqlite' as const, path: path.join(dataDir, 'pipewatch.sqlite') } };
    await start();
  });

  afterAll(async () => {
    await server?.close();
    await live?.stop([groups.idle, groups.hostile, groups.onLive, groups.lost, groups.declared]);
    await admin?.deleteTopics({ topics: [idleTopic, retentionTopic] }).catch(() => undefined);
    await producer?.disconnect();
    await admin?.disconnect();
    await receiver?.close();
  });

  it('pages for the declared pipeline only: the inactive and abandoned groups are no incident and no notification', async () => {
    await eventually(() => expect(openIncidents().map((i) => i.pipelineId)).toEqual(['declared']), { timeoutMs: 60_000 });
    expect(snapshotOf(groups.declared)?.activity).toMatchObject({ state: 'stopped', declared: true });
    expect(snapshotOf(groups.idle)?.activity).toMatchObject({ state: 'inactive', positionBound: 'at-least' });
    expect(snapshotOf(groups.hostile)?.activity.state).toBe('inactive');
    expect(snapshotOf(groups.onLive)?.activity.state).toBe('inactive');
    expect(snapshotOf(groups.lost)?.activity).toMatchObject({ state: 'abandoned', belowLogStart: true });
    expect(snapshotOf(live.group)?.activity.state).toBe('active');
    const onLive = snapshotOf(groups.onLive)!;
    // The abandoned consumer's lag on the live topic grows, and still nobody is paged.
    const lagBefore = onLive.kafka.kind === 'sampled' ? onLive.kafka.totals.lagMessages : 0;
    await eventually(() => {
      const later = snapshotOf(groups.onLive)!;
      expect(later.kafka.kind === 'sampled' ? later.kafka.totals.lagMessages : 0).toBeGreaterThan(lagBefore + 20);
    });
    await eventually(() => expect(receiver.received.map((n) => n.incident.pipelineId)).toContain('declared'));
    expect(openIncidents().map((i) => i.pipelineId)).toEqual(['declared']);
    expect(new Set(receiver.received.map((n) => n.incident.pipelineId))).toEqual(new Set(['declared']));
  });

  it('a consumer it saw running that stops is an incident, and a restart while it is down keeps that incident, same id', async () => {
    await live.fault({ name: 'consumer-stop' });
    await eventually(() => expect(openIncidents().map((i) => i.pipelineId).sort()).toEqual(['declared', live.group].sort()), { timeoutMs: 90_000 });
    const stoppedIncident = openIncidents().find((i) => i.pipelineId === live.group)!;
    expect(stoppedIncident.type).toBe('consumer-stopped');
    expect(snapshotOf(live.group)?.activity.state).toBe('stopped');
    // The store has written that the live group was active before this point.
    await server!.close();
    server = null;

    await start();
    await eventually(() => expect(snapshotOf(live.group)?.activity).toMatchObject({ state: 'stopped' }), { timeoutMs: 30_000 });
    // Held through a few cycles after the restart: the incident continues, it does not reopen, and nothing else pages.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const after = openIncidents();
    expect(after.map((i) => i.pipelineId).sort()).toEqual(['declared', live.group].sort());
    expect(after.find((i) => i.pipelineId === live.group)!.id).toBe(stoppedIncident.id);
    expect(snapshotOf(groups.idle)?.activity.state).toBe('inactive');
    expect(new Set(receiver.received.map((n) => n.incident.pipelineId))).toEqual(new Set(['declared', live.group]));
    expect(receiver.received.filter((n) => n.event === 'opened').map((n) => n.incident.pipelineId).sort()).toEqual(['declared', live.group].sort());
  });
});
