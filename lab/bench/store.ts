import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { IncidentStore } from '../../lib/incidents/incident-store';
import { EVIDENCE_METRICS, type EvidencePoint } from '../../lib/incidents/evidence-point';
import { MAX_EVIDENCE_POINTS } from '../../lib/incidents/downsample-evidence';
import { openStore, type StoreOptions } from '../../collectors/store/open-store';
import { parseWholeNumber } from './bench-args';
import { median, percentile, sum } from './bench-stats';
import { formatNumber, formatTable } from './format-table';
import { buildStoreWorkload, type StoreWorkload } from './store-workload';

const HELP = `Benchmark of the incident store: a burst of incidents written and read back, on SQLite and PostgreSQL.

Usage: npm run bench:store [-- options]      (or: npx tsx lab/bench/store.ts [options])

--incidents pipelines fault at once, relapse and recover, through the real incident reducer; each
cycle's changes are written with recordChanges in calls of --batch changes (a server writes one
call per cycle), then --points evidence points per incident with recordEvidence, then all the
changes again (a restart replaying them: must add nothing). Reads: the whole listing page by page,
and getIncident on --reads random incidents. Then one incident gets --long-points evidence points
(a day at 5 s: 17,280) to measure the evidence cap: getIncident's answer size with every point and
capped, and thinEvidence. Last, retention: a clock a year on, pruneExpired with a 90-day retention
in batches of --prune-batch until every incident of the burst is deleted. CPU is this process's (process.cpuUsage); for a
local PostgreSQL the server's processes are read from /proc as well.

Options:
  --incidents 1000       incidents in the burst
  --entries 10           timeline entries per incident, about (opened, relapses, resolved)
  --points 60            evidence points per incident
  --batch 50             changes per recordChanges call
  --reads 200            getIncident calls
  --page 50              listIncidents page size
  --long-points 17280    evidence points of the one long incident
  --prune-batch 200      incidents per pruneExpired call
  --backends sqlite,postgres
  --sqlite-path PATH     default: a new file in the temp directory, deleted afterwards
  --postgres-url URL     default: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test;
                         the run uses its own schema pipewatch_bench_<random>, dropped afterwards
  --keep                 keep the SQLite file and the PostgreSQL schema
  --help
`;

const OPTIONS = {
  help: { type: 'boolean' },
  incidents: { type: 'string', default: '1000' },
  entries: { type: 'string', default: '10' },
  points: { type: 'string', default: '60' },
  batch: { type: 'string', default: '50' },
  reads: { type: 'string', default: '200' },
  page: { type: 'string', default: '50' },
  'long-points': { type: 'string', default: '17280' },
  'prune-batch': { type: 'string', default: '200' },
  backends: { type: 'string', default: 'sqlite,postgres' },
  'sqlite-path': { type: 'string' },
  'postgres-url': { type: 'string' },
  keep: { type: 'boolean' },
} as const;

const log = (line: string) => console.log(`[bench] ${line}`);

interface Phase {
  name: string;
  latenciesMs: number[];
  cpuMs: number;
  serverCpuMs: number | undefined;
  rssMb: number;
}

interface Settings {
  batch: number;
  reads: number;
  page: number;
  longPoints: number;
  pruneBatch: number;
}

async function main(argv: string[]): Promise<number> {
  const { values: flags } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const incidents = parseWholeNumber(flags.incidents, 'incidents');
  const entries = parseWholeNumber(flags.entries, 'entries', 3);
  const points = parseWholeNumber(flags.points, 'points', 0);
  const settings: Settings = {
    batch: parseWholeNumber(flags.batch, 'batch'),
    reads: parseWholeNumber(flags.reads, 'reads', 0),
    page: parseWholeNumber(flags.page, 'page'),
    longPoints: parseWholeNumber(flags['long-points'], 'long-points', 0),
    pruneBatch: parseWholeNumber(flags['prune-batch'], 'prune-batch'),
  };
  if (settings.page > 500) throw new Error('--page is at most 500, the listing limit.');
  const backends = flags.backends.split(',').map((b) => b.trim()).filter(Boolean);
  for (const b of backends) if (b !== 'sqlite' && b !== 'postgres') throw new Error(`--backends: no backend '${b}'; there are sqlite and postgres.`);

  log(`machine: ${new Date().toISOString()} · ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}) · Node ${process.versions.node} · load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  const started = performance.now();
  const workload = buildStoreWorkload(incidents, Math.max(0, Math.round((entries - 3) / 2)), points);
  const changes = sum(workload.cycles.map((c) => c.length));
  log(`workload: ${incidents} incidents × ${workload.entriesPerIncident} timeline entries × ${points} evidence points; ${workload.cycles.length} cycles, ${changes} changes (${formatNumber((performance.now() - started) / 1000, 1)} s to build)`);

  const results: { backend: string; location: string; phases: Phase[]; sizeMb: number | undefined }[] = [];
  for (const backend of backends) {
    const target = backend === 'sqlite' ? sqliteTarget(flags['sqlite-path']) : postgresTarget(flags['postgres-url']);
    const opened = await openStore(target.options);
    if (!opened.ok) throw new Error(`${backend}: ${opened.error.message}${backend === 'postgres' ? ' (start it with: pg_ctlcluster 15 main start)' : ''}`);
    log(`${backend}: ${opened.location}`);
    try {
      const phases = await runPhases(opened.store, workload, settings, backend === 'postgres');
      await opened.store.close();
      // After closing: SQLite has checkpointed its WAL into the file.
      results.push({ backend, location: opened.location, phases, sizeMb: await target.sizeMb() });
    } finally {
      await opened.store.close();
      if (!flags.keep) await target.remove();
    }
  }

  console.log(`\nLatency per call, ms (${incidents} incidents; recordChanges in calls of ${settings.batch} changes)`);
  console.log(
    formatTable(
      ['backend', 'operation', 'calls', 'median ms', 'p95 ms', 'max ms', 'total s'],
      results.flatMap(({ backend, phases }) =>
        phases.map((p) => [backend, p.name, p.latenciesMs.length, ms(median(p.latenciesMs)), ms(percentile(p.latenciesMs, 95)), ms(Math.max(...p.latenciesMs)), formatNumber(sum(p.latenciesMs) / 1000, 2)]),
      ),
    ),
  );
  console.log('\nCPU per phase (user + system) and resident memory after it');
  console.log(
    formatTable(
      ['backend', 'operation', 'bench CPU ms', 'server CPU ms', 'RSS MB'],
      results.flatMap(({ backend, phases }) => phases.map((p) => [backend, p.name, Math.round(p.cpuMs), p.serverCpuMs === undefined ? '-' : Math.round(p.serverCpuMs), Math.round(p.rssMb)])),
    ),
  );
  for (const r of results) if (r.sizeMb !== undefined) log(`${r.backend} size on disk: ${formatNumber(r.sizeMb, 1)} MB`);
  return 0;
}

async function runPhases(store: IncidentStore, workload: StoreWorkload, settings: Settings, postgres: boolean): Promise<Phase[]> {
  const phases: Phase[] = [];
  const batches = workload.cycles.flatMap((cycle) => chunk(cycle, settings.batch));
  let added = 0;
  phases.push(await measure('recordChanges', postgres, batches, async (batch) => void (added += (await store.recordChanges(batch)).timelineEntriesAdded)));
  const expected = workload.incidentIds.length * workload.entriesPerIncident;
  if (added !== expected) throw new Error(`recordChanges added ${added} timeline entries, expected ${expected}`);

  phases.push(await measure('recordEvidence', postgres, workload.incidentIds, async (id) => {
    const result = await store.recordEvidence(id, workload.evidenceOf(id));
    if (!result.ok) throw new Error(result.error.message);
  }));

  let replayed = 0;
  phases.push(await measure('recordChanges replay', postgres, batches, async (batch) => void (replayed += (await store.recordChanges(batch)).timelineEntriesAdded)));
  if (replayed !== 0) throw new Error(`replaying the changes added ${replayed} timeline entries`);

  const cursors: (string | undefined)[] = [];
  let cursor: string | undefined;
  do {
    cursors.push(cursor);
    const page = await store.listIncidents({ limit: settings.page, ...(cursor === undefined ? {} : { cursor }) });
    if (!page.ok) throw new Error(page.error.message);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  phases.push(await measure(`listIncidents page of ${settings.page}`, postgres, cursors, async (c) => {
    const page = await store.listIncidents({ limit: settings.page, ...(c === undefined ? {} : { cursor: c }) });
    if (!page.ok) throw new Error(page.error.message);
  }));

  const picks = Array.from({ length: settings.reads }, () => workload.incidentIds[Math.floor(Math.random() * workload.incidentIds.length)]!);
  phases.push(await measure('getIncident', postgres, picks, async (id) => {
    const got = await store.getIncident(id);
    if (!got.ok || got.detail.timeline.length !== workload.entriesPerIncident) throw new Error(`getIncident ${id}: ${got.ok ? `${got.detail.timeline.length} entries` : got.error.message}`);
  }));
  phases.push(await measure('incidentFigures', postgres, [undefined], async () => void (await store.incidentFigures())));

  if (settings.longPoints > 0) phases.push(...(await measureEvidenceCap(store, workload.incidentIds[0]!, workload.evidenceOf(workload.incidentIds[0]!), settings.longPoints, postgres)));

  // Every incident of the burst resolved at T0 + a few cycles; a year on, with 90 days kept, all are expired.
  const nowMs = (workload.evidenceOf(workload.incidentIds[0]!)[0]?.atMs ?? Date.now()) + 365 * DAY_MS;
  const calls = Math.ceil(workload.incidentIds.length / settings.pruneBatch);
  let pruned = 0;
  let more = true;
  phases.push(await measure(`pruneExpired batch of ${settings.pruneBatch}`, postgres, Array.from({ length: calls }, (_, i) => i), async () => {
    const batch = await store.pruneExpired(nowMs, { retentionMs: 90 * DAY_MS, batchSize: settings.pruneBatch });
    pruned += batch.incidents;
    more = batch.more;
  }));
  if (pruned !== workload.incidentIds.length || more) throw new Error(`pruneExpired deleted ${pruned} of ${workload.incidentIds.length} incidents${more ? ', and says more is left' : ''}`);
  const left = await store.listIncidents({ limit: 1 });
  if (!left.ok || left.incidents.length !== 0) throw new Error('incidents left after pruning');
  return phases;
}

const DAY_MS = 86_400_000;

/** One incident with a day of evidence: the answer's size before and after the cap, and the cost of thinning it. */
async function measureEvidenceCap(store: IncidentStore, incidentId: string, stored: readonly EvidencePoint[], count: number, postgres: boolean): Promise<Phase[]> {
  const startMs = 1_800_000_000_000 - 20 * DAY_MS;
  const points: EvidencePoint[] = Array.from({ length: count }, (_, i) => {
    const point = { atMs: startMs + i * 5_000 } as EvidencePoint;
    EVIDENCE_METRICS.forEach((metric, m) => {
      point[metric] = Math.round((1_000 + 800 * Math.sin(i / (50 + m * 9))) * 1_000) / 1_000;
    });
    return point;
  });
  const phases: Phase[] = [];
  phases.push(await measure(`recordEvidence, ${count} points`, postgres, [points], async (p) => {
    const result = await store.recordEvidence(incidentId, p);
    if (!result.ok) throw new Error(result.error.message);
  }));
  const json = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  let capped = 0;
  phases.push(await measure(`getIncident, ${count} points stored`, postgres, Array.from({ length: 20 }, (_, i) => i), async () => {
    const got = await store.getIncident(incidentId);
    if (!got.ok) throw new Error(got.error.message);
    capped = Buffer.byteLength(json(got.detail));
    if (got.detail.evidence.length > MAX_EVIDENCE_POINTS || !got.detail.evidenceDownsampled) throw new Error(`getIncident answered ${got.detail.evidence.length} points`);
  }));
  const got = await store.getIncident(incidentId);
  if (!got.ok) throw new Error(got.error.message);
  const uncapped = Buffer.byteLength(json({ ...got.detail, evidence: [...new Map([...stored, ...points].map((p) => [p.atMs, p])).values()].sort((a, b) => a.atMs - b.atMs) }));
  log(`evidence cap: the incident detail's JSON with all ${count} points is ${formatNumber(uncapped / 1024, 0)} KiB; capped at ${got.detail.evidence.length} points it is ${formatNumber(capped / 1024, 0)} KiB`);
  phases.push(await measure(`thinEvidence ${count} → ${MAX_EVIDENCE_POINTS}`, postgres, [undefined], async () => {
    const thinned = await store.thinEvidence(incidentId, MAX_EVIDENCE_POINTS);
    if (!thinned.ok) throw new Error(thinned.error.message);
    log(`thinEvidence kept ${thinned.kept}, removed ${thinned.removed}`);
  }));
  return phases;
}

async function measure<T>(name: string, postgres: boolean, items: readonly T[], run: (item: T) => Promise<void>): Promise<Phase> {
  const cpuBefore = process.cpuUsage();
  const serverBefore = postgres ? postgresServerCpuMs() : undefined;
  const latenciesMs: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await run(item);
    latenciesMs.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = postgres ? postgresServerCpuMs() : undefined;
  return {
    name,
    latenciesMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    serverCpuMs: serverBefore === undefined || serverAfter === undefined ? undefined : serverAfter - serverBefore,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
}

function sqliteTarget(given: string | undefined) {
  const dir = given === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-bench-')) : null;
  const file = given ?? path.join(dir!, 'bench.sqlite');
  const files = () => [file, `${file}-wal`, `${file}-shm`];
  return {
    options: { kind: 'sqlite', path: file } satisfies StoreOptions,
    sizeMb: async () => sum(files().map((f) => (fs.existsSync(f) ? fs.statSync(f).size : 0))) / 2 ** 20,
    remove: async () => {
      if (dir !== null) fs.rmSync(dir, { recursive: true, force: true });
      else for (const f of files()) fs.rmSync(f, { force: true });
    },
  };
}

function postgresTarget(given: string | undefined) {
  const url = given ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `pipewatch_bench_${randomBytes(4).toString('hex')}`;
  const query = async <R extends pg.QueryResultRow>(text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await client.query<R>(text);
    } finally {
      await client.end();
    }
  };
  return {
    options: { kind: 'postgres', url, schema } satisfies StoreOptions,
    sizeMb: async () => {
      const { rows } = await query<{ bytes: string }>(
        `select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '${schema}' and c.relkind = 'r'`,
      );
      return Number(rows[0]?.bytes ?? 0) / 2 ** 20;
    },
    remove: async () => void (await query(`drop schema if exists "${schema}" cascade`)),
  };
}

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU of every local process named postgres, from /proc; undefined when none is readable. */
function postgresServerCpuMs(): number | undefined {
  let ticks = 0;
  let found = false;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      found = true;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return found ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : undefined;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function ms(value: number): string {
  return formatNumber(value, value < 10 ? 2 : 1);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[bench] ${error.message}`);
    process.exit(1);
  },
);
