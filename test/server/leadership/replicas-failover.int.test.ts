import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readLabConfig } from '../../../lab/lab-config';
import { startTestPipeline, type TestPipeline } from '../../../lab/pipeline/test-pipeline';
import { eventually } from '../../support/eventually';
import { createTestDatabase, liveOpenIncidents, startReplica, startWebhookReceiver, type ReplicaProcess } from '../../../lab/replicas/replica-process';

/**
 * Two `pipewatch serve` processes on one real PostgreSQL, the lab's broker and Prometheus, a demo
 * pipeline with a real fault and a real webhook receiver: one replica leads, the other follows,
 * and a leader killed or cut off from the database hands over without losing or doubling an
 * incident or a notification.
 */
const lab = readLabConfig();
/** Detection, failover (≤ 15 s) and verified recovery on a loaded machine: the limits, not the expectations. */
const INCIDENT_LIMIT_MS = 120_000;
const FAILOVER_LIMIT_MS = 30_000;
const RESOLVE_LIMIT_MS = 180_000;
/** Two replicas start (tsx and Next each), an incident opens, fails over and resolves. */
const TEST_LIMIT_MS = 600_000;
const progress = (line: string) => console.log(`[replicas] ${new Date().toISOString().slice(11, 19)} ${line}`);
/** After a port's replica died, the next one takes the next port (nothing waits for TIME_WAIT). */
let nextPort = lab.portBase + 310;

let pipeline: TestPipeline;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  pipeline = await startTestPipeline('replicas');
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});
afterAll(async () => {
  await pipeline?.stop();
});

async function setUp(names: string[]) {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const receiver = await startWebhookReceiver();
  cleanups.push(() => receiver.close());
  const start = (name: string) => {
    const port = nextPort++;
    const configYaml = `
kafka: { brokers: ['${lab.brokers.join("','")}'] }
prometheus: { url: '${lab.prometheusUrl}' }
collection: { interval: 1s }
discovery: { includeGroups: ['${pipeline.group}'] }
server: { port: ${port} }
notifications: { webhooks: [{ name: hook, url: '${receiver.url}' }] }
`;
    return startReplica(name, { configYaml, env: { DATABASE_URL: database.url } });
  };
  const replicas = await Promise.all(names.map(start));
  for (const replica of replicas) cleanups.push(() => replica.kill('SIGKILL'));
  progress(`replicas serving: ${replicas.map((r) => `${r.name} ${r.url} (log ${r.logPath})`).join(', ')}`);
  return { database, receiver, replicas };
}

async function leaders(replicas: readonly ReplicaProcess[]): Promise<ReplicaProcess[]> {
  const figures = await Promise.all(replicas.map((r) => r.leader()));
  return replicas.filter((_, i) => figures[i] === 1);
}

async function waitForOneLeader(replicas: readonly ReplicaProcess[], timeoutMs = FAILOVER_LIMIT_MS): Promise<ReplicaProcess> {
  return eventually(
    async () => {
      const leading = await leaders(replicas);
      expect(leading.map((r) => r.name)).toHaveLength(1);
      return leading[0]!;
    },
    { timeoutMs, intervalMs: 250 },
  );
}

type Row = { id: string; status: string; acknowledged_by: string | null };
const incidentsOf = (database: Awaited<ReturnType<typeof createTestDatabase>>) =>
  database.query<Row>('select id, status, acknowledged_by from incidents where pipeline_id = $1 order by opened_at_ms', [pipeline.group]);

async function openIncident(database: Awaited<ReturnType<typeof createTestDatabase>>, receiver: Awaited<ReturnType<typeof startWebhookReceiver>>, seenBy: ReplicaProcess): Promise<string> {
  await pipeline.fault({ name: 'slow-sink', latencyMs: 1_000 });
  const [incident] = await eventually(
    async () => {
      const rows = (await incidentsOf(database)).filter((r) => r.status !== 'resolved');
      expect(rows, `no incident yet; ${seenBy.name} sees the pipeline as ${await describePipeline(seenBy)}`).toHaveLength(1);
      return rows;
    },
    { timeoutMs: INCIDENT_LIMIT_MS, intervalMs: 1_000 },
  );
  await eventually(() => expect(receiver.bodies.filter((b) => b.event === 'opened').map((b) => b.incident.id)).toEqual([incident!.id]), { timeoutMs: 30_000 });
  progress(`incident ${incident!.id} open, its opened notification received`);
  return incident!.id;
}

/** What a replica's API says of the test pipeline: its status and lag, for a failure message. */
async function describePipeline(replica: ReplicaProcess): Promise<string> {
  const answer = await fetch(`${replica.url}/api/pipelines/${encodeURIComponent(pipeline.group)}`).catch((error: Error) => error);
  if (answer instanceof Error) return `(no answer: ${answer.message})`;
  const body = (await answer.json()) as { detail?: { diagnosis?: { status?: { pipeline?: unknown } }; kafka?: { kind: string; totals?: { lagMessages: number } } } };
  return JSON.stringify({ status: body.detail?.diagnosis?.status?.pipeline ?? null, kafka: body.detail?.kafka?.kind ?? null, lag: body.detail?.kafka?.totals?.lagMessages ?? null });
}

async function healAndCount(database: Awaited<ReturnType<typeof createTestDatabase>>, receiver: Awaited<ReturnType<typeof startWebhookReceiver>>, survivor: ReplicaProcess, incidentId: string) {
  await pipeline.fault({ name: 'healthy' });
  await eventually(async () => expect((await incidentsOf(database)).map((r) => r.status)).toEqual(['resolved']), { timeoutMs: RESOLVE_LIMIT_MS, intervalMs: 1_000 });
  progress(`incident ${incidentId} resolved`);
  await eventually(() => expect(receiver.bodies.filter((b) => b.event === 'resolved').length).toBeGreaterThanOrEqual(1), { timeoutMs: 30_000 });
  // Long enough for a second copy of anything to arrive: the outbox is drained every cycle.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  expect(receiver.bodies.map((b) => `${b.event} ${b.incident.id}`).sort()).toEqual([`opened ${incidentId}`, `resolved ${incidentId}`]);
  expect((await incidentsOf(database)).map((r) => r.id)).toEqual([incidentId]);
  expect(await database.query('select target_id, notification_key from notification_outbox where settled_at_ms is null')).toEqual([]);
  const detail = (await (await fetch(`${survivor.url}/api/incidents/${encodeURIComponent(incidentId)}`)).json()) as { timeline: { kind: string }[] };
  const kinds = detail.timeline.map((e) => e.kind);
  expect(kinds[0]).toBe('opened');
  expect(kinds).toContain('recovering');
  expect(kinds.at(-1)).toBe('resolved');
  expect(kinds.filter((k) => k === 'opened')).toHaveLength(1);
  expect(kinds.filter((k) => k === 'resolved')).toHaveLength(1);
  return kinds;
}

describe('replicas on one PostgreSQL', () => {
  it('started at once, exactly one leads, and it stays so', async () => {
    const { database, replicas } = await setUp(['a', 'b']);
    const leader = await waitForOneLeader(replicas);
    progress(`${leader.name} leads`);
    for (let check = 0; check < 3; check++) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect((await leaders(replicas)).map((r) => r.name)).toEqual([leader.name]);
    }
    const [lease] = await database.query<{ holder: string; token: string }>('select holder, token from leader_lease');
    expect(lease!.holder).toContain(`:${leader.child.pid}:`);
    expect(Number(lease!.token)).toBe(1);
  }, TEST_LIMIT_MS);

  it('kill -9 of the leader: the other takes over within 15 s and the incident opens once and resolves once', async () => {
    const { database, receiver, replicas } = await setUp(['a', 'b']);
    const leader = await waitForOneLeader(replicas);
    const follower = replicas.find((r) => r !== leader)!;
    const incidentId = await openIncident(database, receiver, leader);
    // The follower shows the leader's incident, read from the store.
    await eventually(async () => expect((await liveOpenIncidents(follower.url)).map((i) => i.id)).toEqual([incidentId]), { timeoutMs: 15_000 });

    const killedAtMs = Date.now();
    await leader.kill('SIGKILL');
    expect(await waitForOneLeader([follower])).toBe(follower);
    const failoverMs = Date.now() - killedAtMs;
    progress(`failover after kill -9: ${failoverMs} ms`);
    expect(failoverMs).toBeLessThan(FAILOVER_LIMIT_MS);

    await healAndCount(database, receiver, follower, incidentId);
  }, TEST_LIMIT_MS);

  it("the leader's database connections cut while it holds an incident: it steps down, the other takes over, an acknowledgement made on the follower holds", async () => {
    const { database, receiver, replicas } = await setUp(['a', 'b']);
    const leader = await waitForOneLeader(replicas);
    const follower = replicas.find((r) => r !== leader)!;
    const incidentId = await openIncident(database, receiver, leader);

    const acknowledged = await fetch(`${follower.url}/api/incidents/${encodeURIComponent(incidentId)}/acknowledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ by: 'ana', note: 'on it, from the follower' }),
    });
    expect(acknowledged.status).toBe(200);
    // The leader's reducer has it within a cycle: its live view shows the acknowledgement.
    await eventually(async () => expect((await liveOpenIncidents(leader.url)).map((i) => i.acknowledged)).toEqual([true]), { timeoutMs: 15_000 });

    const [{ holder }] = (await database.query<{ holder: string }>('select holder from leader_lease')) as [{ holder: string }];
    // This database's connections only: another run on the same server may name its replicas alike.
    const cut = await database.query<{ pid: number }>('select pg_terminate_backend(pid) as cut, pid from pg_stat_activity where application_name like $1 and datname = $2', [
      `pipewatch ${holder} %`,
      database.name,
    ]);
    expect(cut.length).toBeGreaterThanOrEqual(2);
    expect(await waitForOneLeader(replicas)).toBe(follower);
    expect(await leader.leader()).toBe(0);
    progress(`${follower.name} took over after the cut`);

    const kinds = await healAndCount(database, receiver, follower, incidentId);
    expect(kinds.filter((k) => k === 'acknowledged')).toHaveLength(1);
    expect((await incidentsOf(database))[0]!.acknowledged_by).toBe('ana');
    // The old leader came back as a follower.
    expect(await leader.leader()).toBe(0);
  }, TEST_LIMIT_MS);

  it('the database goes away under both replicas and comes back, as a restart looks to them: one leader again, nothing lost or doubled', async () => {
    const { database, receiver, replicas } = await setUp(['a', 'b']);
    const leader = await waitForOneLeader(replicas);
    const incidentId = await openIncident(database, receiver, leader);

    // Every connection of both replicas dropped and new ones refused for 10 s: longer than the lease.
    const [{ pid: ownPid }] = (await database.query<{ pid: number }>('select pg_backend_pid() as pid')) as [{ pid: number }];
    await database.adminQuery(`alter database "${database.name}" allow_connections false`);
    const cut = await database.adminQuery('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> $2', [database.name, ownPid]);
    expect(cut.length).toBeGreaterThanOrEqual(4);
    progress(`database away: ${cut.length} connections cut, new ones refused`);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await eventually(async () => expect(await leaders(replicas)).toEqual([]), { timeoutMs: 5_000, intervalMs: 250 });
    await database.adminQuery(`alter database "${database.name}" allow_connections true`);

    const back = await waitForOneLeader(replicas);
    progress(`database back: ${back.name} leads`);
    await healAndCount(database, receiver, back, incidentId);
  }, TEST_LIMIT_MS);

  it('a resolve by hand on the follower: the leader drops the incident within a cycle and sends its one resolved notification', async () => {
    const { database, receiver, replicas } = await setUp(['a', 'b']);
    const leader = await waitForOneLeader(replicas);
    const follower = replicas.find((r) => r !== leader)!;
    const incidentId = await openIncident(database, receiver, leader);
    try {
      const resolved = await fetch(`${follower.url}/api/incidents/${encodeURIComponent(incidentId)}/resolve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ by: 'ana', reason: 'sink scaled up' }),
      });
      expect(resolved.status).toBe(200);
      await eventually(async () => expect((await liveOpenIncidents(leader.url)).map((i) => i.id)).not.toContain(incidentId), { timeoutMs: 15_000 });
      await eventually(() => expect(receiver.bodies.filter((b) => b.incident.id === incidentId).map((b) => b.event)).toEqual(['opened', 'resolved']), { timeoutMs: 15_000 });
    } finally {
      await pipeline.fault({ name: 'healthy' });
    }
    // Sent by the leader alone, once: a few more cycles add nothing for this incident.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(receiver.bodies.filter((b) => b.incident.id === incidentId).map((b) => b.event)).toEqual(['opened', 'resolved']);
    expect((await incidentsOf(database)).find((r) => r.id === incidentId)?.status).toBe('resolved');
    // Later incidents (the fault may outlast the resolve) must not be left open for the next test.
    await eventually(async () => expect((await incidentsOf(database)).filter((r) => r.status !== 'resolved')).toEqual([]), { timeoutMs: RESOLVE_LIMIT_MS, intervalMs: 1_000 });
  }, TEST_LIMIT_MS);
});
