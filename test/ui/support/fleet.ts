import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from '@platformatic/kafka';
import type { LabConfig } from '../../../lab/lab-config';
import { serviceFiles, startDetached, stopService, waitUntil } from '../../../lab/stack/processes';
import { mapWithConcurrency } from '../../../lib/collection/map-with-concurrency';
import { createPlatformaticAdmin } from '../../../lab/bench/ui-fleet';
import { REPO_ROOT } from './ui-lab';

/**
 * A fleet of thousands of pipelines on the UI lab's broker for the overview at fleet size:
 * groups `uifleet-<team>-<n>` committed on one small topic, no consumer running (one OffsetCommit
 * each), watched by a Pipewatch of their own (includeGroups `uifleet-*`, on base+301) so the
 * other specs' Pipewatch and its shared pipeline are not disturbed. Every group starts caught up.
 */

export const FLEET_GROUP_PATTERN = 'uifleet-*';
const TEAMS = ['payments', 'orders', 'clicks', 'fraud'];
const TOPIC = 'uifleet-topic';
export const FLEET_PARTITIONS = 2;
export const FLEET_END_OFFSET = 20;

export interface Fleet {
  groups: string[];
  url: string;
  /** Commits the group `lagPerPartition` behind the log end on each of its FLEET_PARTITIONS partitions. */
  setLag(groupId: string, lagPerPartition: number): Promise<void>;
  stop(): Promise<void>;
}

export function fleetGroupId(n: number): string {
  return `uifleet-${TEAMS[n % TEAMS.length]}-${String(n).padStart(4, '0')}`;
}

export async function startFleet(lab: LabConfig, size: number, log: (line: string) => void): Promise<Fleet> {
  const kafka = new Kafka({ brokers: lab.brokers, clientId: 'pipewatch-ui-fleet', logLevel: logLevel.NOTHING });
  const kafkajs = kafka.admin();
  await kafkajs.connect();
  if (!(await kafkajs.listTopics()).includes(TOPIC)) {
    await kafkajs.createTopics({ topics: [{ topic: TOPIC, numPartitions: FLEET_PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, acks: -1, messages: Array.from({ length: FLEET_PARTITIONS * FLEET_END_OFFSET }, (_, n) => ({ partition: n % FLEET_PARTITIONS, value: 'fleet' })) });
    await producer.disconnect();
  }
  const admin = createPlatformaticAdmin(lab.brokers);
  const groups = Array.from({ length: size }, (_, n) => fleetGroupId(n));
  const setLag = (groupId: string, lagPerPartition: number) => commit(admin, groupId, lagPerPartition);
  // One record behind at first: the commit that catches each group up once Pipewatch has seen it
  // is commit progress, so these are pipelines it saw consuming, not inactive groups.
  await mapWithConcurrency(groups, 32, (groupId) => setLag(groupId, 1));
  log(`fleet: ${size} groups committed`);

  const files = serviceFiles(lab.dir, 'pipewatch-ui-fleet');
  await stopService(files);
  const port = lab.ports.dashboard + 1;
  const store = path.join(lab.dir, 'pipewatch-ui-fleet.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${store}${suffix}`, { force: true });
  const configFile = path.join(lab.dir, 'pipewatch-ui-fleet.yaml');
  const config = {
    kafka: { brokers: lab.brokers },
    prometheus: { url: false },
    collection: { interval: '1s' },
    discovery: { includeGroups: [FLEET_GROUP_PATTERN] },
    server: { host: '127.0.0.1', port },
    store: { path: store },
  };
  fs.writeFileSync(configFile, `# Written by test/ui/support/fleet.ts.\n${JSON.stringify(config, null, 2)}\n`);
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const name of ['PIPEWATCH_CONFIG', 'PIPEWATCH_HOST', 'PIPEWATCH_PORT', 'PIPEWATCH_TOKEN', 'DATABASE_URL', 'KAFKA_BROKERS', 'PROMETHEUS_URL']) delete env[name];
  startDetached(files, process.execPath, [path.join('server', 'cli', 'pipewatch.mjs'), 'serve', '--config', configFile], { cwd: REPO_ROOT, env });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(`the fleet's Pipewatch at ${url}`, async () => (await fetch(`${url}/readyz`)).status === 200, { timeoutMs: 180_000, intervalMs: 500, files });
  await waitUntil(`the fleet's Pipewatch to see all ${size} groups`, async () => (await fleetRows(url)).total === size, { timeoutMs: 120_000, intervalMs: 500, files });
  await mapWithConcurrency(groups, 32, (groupId) => setLag(groupId, 0));
  await waitUntil(
    `the fleet's ${size} groups to count as consuming once`,
    async () => (await fleetRows(url)).rows.every((row) => row.activity.state !== 'inactive'),
    { timeoutMs: 120_000, intervalMs: 500, files },
  );
  log(`fleet: ${size} groups caught up and seen consuming`);

  return {
    groups,
    url,
    setLag,
    async stop() {
      await stopService(files);
      await kafkajs.deleteGroups(groups).catch(() => undefined);
      await kafkajs.disconnect();
      await admin.close();
    },
  };
}

async function commit(admin: Admin, groupId: string, lagPerPartition: number): Promise<void> {
  const offset = BigInt(FLEET_END_OFFSET - lagPerPartition);
  await admin.alterConsumerGroupOffsets({ groupId, topics: [{ name: TOPIC, partitionOffsets: Array.from({ length: FLEET_PARTITIONS }, (_, partition) => ({ partition, offset })) }] });
}

/** The fleet Pipewatch's rows in its order, worst first (GET /api/pipelines). */
type FleetRow = { pipelineId: string; lagMessages: number | null; status: { kind: string }; activity: { state: string } };

export async function fleetRows(url: string, query = ''): Promise<{ rows: FleetRow[]; total: number; needingAttention: number }> {
  const answer = await fetch(`${url}/api/pipelines?limit=5000${query}`);
  const body = (await answer.json()) as { pipelines: FleetRow[]; total: number; needingAttention: number };
  return { rows: body.pipelines, total: body.total, needingAttention: body.needingAttention };
}
