import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { upStack } from '../stack/lab';
import { serviceFiles, sleep, startDetached, stopService, waitUntil, runningPid } from '../stack/processes';
import { CHROMIUM, ensureInstalled } from '../stack/requirements';
import { loadAverageText, machineText, processCpuMs, readBenchLabConfig, stopCommand } from './bench-lab';
import { parseBenchDurationMs, parseWholeNumberList } from './bench-args';
import { formatNumber, formatTable } from './format-table';
import { measureOverviewTab, type OverviewTabFigures } from './ui-browser';
import { createFleetCommitter, createPlatformaticAdmin, ensureUiFleet, uiFleetOf } from './ui-fleet';

const HELP = `Benchmark of the overview in a browser at fleet size: Chromium on a real \`pipewatch serve\`.

Usage: npm run bench:ui [-- options]      (or: npx tsx lab/bench/ui.ts [options])

For each fleet size it makes N consumer groups on the bench lab's broker (LAB_PORT_BASE, default
25000), all caught up, starts \`pipewatch serve\` on them (no Prometheus), and while a committer
moves a share of the groups every cycle (half fall a few records behind, the half behind catches
up), opens the overview in Chromium and watches it. It prints the time to the first rows, DOM
nodes and rows in the DOM, JS heap (after a GC), long tasks during the updates (count, total,
worst), the overview's websocket bytes per cycle, rows per delta, and the time from a cycle to
its frame on screen; then the sizes of GET /api/pipelines.

Options:
  --pipelines 500,5000   fleet sizes, run in turn
  --seconds 60           time watched per size, after the first rows
  --interval 5s          Pipewatch's collection interval (and the committer's)
  --change-share 0.1     share of the groups moved each cycle
  --checkout .           the Pipewatch checkout to serve from (built: npm run build), e.g. one of
                         another branch to measure before and after
  --help
`;

const OPTIONS = {
  help: { type: 'boolean' },
  pipelines: { type: 'string', default: '500,5000' },
  seconds: { type: 'string', default: '60' },
  interval: { type: 'string', default: '5s' },
  'change-share': { type: 'string', default: '0.1' },
  checkout: { type: 'string', default: '.' },
} as const;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOPICS = 10;
const PARTITIONS_PER_TOPIC = 4;
const RECORDS_PER_PARTITION = 20;
const START_TIMEOUT_MS = 300_000;
const log = (line: string) => console.log(`[bench] ${line}`);

interface Run {
  pipelines: number;
  tab: OverviewTabFigures;
  serverCpuMsPerSec: number;
  api: { label: string; bytes: number; ms: number }[];
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: OPTIONS });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const sizes = parseWholeNumberList(values.pipelines, 'pipelines');
  const watchMs = parseBenchDurationMs(values.seconds, 'seconds');
  const intervalMs = parseBenchDurationMs(values.interval, 'interval');
  const changeShare = Number(values['change-share']);
  if (!(changeShare > 0 && changeShare <= 1)) throw new Error(`--change-share ${values['change-share']} must be a share above 0 and at most 1, e.g. 0.1.`);
  const checkout = path.resolve(values.checkout);
  const cli = path.join(checkout, 'server', 'cli', 'pipewatch.mjs');
  if (!fs.existsSync(path.join(checkout, '.next', 'BUILD_ID'))) throw new Error(`${checkout} has no dashboard build: run npm run build there first.`);

  ensureInstalled([CHROMIUM], log);
  const lab = readBenchLabConfig();
  await upStack(lab, (line) => log(`lab: ${line}`));
  console.log(machineText(lab));
  const kafka = new Kafka({ brokers: lab.brokers, clientId: 'pipewatch-bench-ui-setup', logLevel: logLevel.NOTHING, requestTimeout: 60_000 });
  const kafkajs = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await Promise.all([kafkajs.connect(), producer.connect()]);
  const admin = createPlatformaticAdmin(lab.brokers);
  const runs: Run[] = [];
  try {
    for (const pipelines of sizes) {
      const fleet = uiFleetOf(pipelines, TOPICS, PARTITIONS_PER_TOPIC, RECORDS_PER_PARTITION);
      await ensureUiFleet(kafkajs, producer, admin, fleet, log);
      runs.push(await runSize(lab, cli, checkout, fleet, { watchMs, intervalMs, changeShare, admin }));
    }
  } finally {
    await Promise.all([kafkajs.disconnect(), producer.disconnect(), admin.close()]).catch(() => undefined);
  }
  printReport(runs, { checkout, watchMs, intervalMs, changeShare });
  console.log(`\nThe lab is left running. Stop it with:\n  ${stopCommand(lab)}`);
  return 0;
}

async function runSize(
  lab: ReturnType<typeof readBenchLabConfig>,
  cli: string,
  checkout: string,
  fleet: ReturnType<typeof uiFleetOf>,
  options: { watchMs: number; intervalMs: number; changeShare: number; admin: ReturnType<typeof createPlatformaticAdmin> },
): Promise<Run> {
  const pipelines = fleet.groups.length;
  const url = `http://127.0.0.1:${lab.ports.dashboard}`;
  const files = serviceFiles(lab.dir, `pipewatch-bench-ui`);
  const configFile = path.join(lab.dir, `bench-ui-${pipelines}.yaml`);
  const store = path.join(lab.dir, `bench-ui-${pipelines}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${store}${suffix}`, { force: true });
  const config = {
    kafka: { brokers: lab.brokers },
    prometheus: { url: false },
    collection: { interval: `${options.intervalMs}ms` },
    discovery: { includeGroups: [`${fleet.groupPrefix}*`] },
    server: { host: '127.0.0.1', port: lab.ports.dashboard },
    store: { path: store },
  };
  fs.writeFileSync(configFile, `# Written by lab/bench/ui.ts.\n${JSON.stringify(config, null, 2)}\n`);
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const name of ['PIPEWATCH_CONFIG', 'PIPEWATCH_HOST', 'PIPEWATCH_PORT', 'PIPEWATCH_TOKEN', 'DATABASE_URL', 'KAFKA_BROKERS', 'PROMETHEUS_URL']) delete env[name];

  log(`${pipelines} pipelines: starting pipewatch serve from ${checkout} on ${url}`);
  startDetached(files, process.execPath, [cli, 'serve', '--config', configFile], { cwd: checkout, env });
  const committer = createFleetCommitter(options.admin, fleet, options.changeShare);
  let committing = true;
  try {
    await waitUntil(`pipewatch serve (GET ${url}/readyz)`, async () => (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) })).status === 200, { timeoutMs: START_TIMEOUT_MS, intervalMs: 1_000, files });
    // The first cycle, then two more: the rows, their rates and a delta exist before the tab opens,
    // so "first rows" is the page's time, not the collector's first cycle.
    const serveStartedMs = performance.now();
    await waitUntil(`the first cycle of ${pipelines} pipelines (GET ${url}/api/pipelines)`, async () => (await fetch(`${url}/api/pipelines?limit=1`, { signal: AbortSignal.timeout(30_000) })).status === 200, { timeoutMs: START_TIMEOUT_MS, intervalMs: 1_000, files });
    log(`first cycle served ${((performance.now() - serveStartedMs) / 1000).toFixed(1)} s after readiness`);
    await sleep(2 * options.intervalMs);
    const commits = (async () => {
      while (committing) {
        const startedMs = Date.now();
        await committer.step();
        await sleep(Math.max(0, options.intervalMs - (Date.now() - startedMs)));
      }
    })();
    const pid = runningPid(files);
    const cpuBefore = processCpuMs(pid);
    const startedMs = performance.now();
    const tab = await measureOverviewTab(url, options.watchMs, log);
    const cpuAfter = processCpuMs(pid);
    const serverCpuMsPerSec = cpuBefore !== undefined && cpuAfter !== undefined ? ((cpuAfter - cpuBefore) * 1000) / (performance.now() - startedMs) : NaN;
    committing = false;
    await commits;
    const api = [];
    for (const [label, query] of [
      ['GET /api/pipelines', ''],
      ['?limit=5000', '?limit=5000'],
      ['?include=partitions', '?include=partitions'],
    ] as const) {
      const startedMs = performance.now();
      try {
        const answer = await fetch(`${url}/api/pipelines${query}`, { signal: AbortSignal.timeout(120_000) });
        api.push({ label, bytes: (await answer.arrayBuffer()).byteLength, ms: performance.now() - startedMs });
      } catch (error) {
        log(`GET /api/pipelines${query} failed: ${(error as Error).message}${(error as Error).cause ? ` (${String((error as Error).cause)})` : ''}`);
        api.push({ label, bytes: NaN, ms: NaN });
      }
    }
    log(`${pipelines} pipelines done; load ${loadAverageText()}`);
    return { pipelines, tab, serverCpuMsPerSec, api };
  } finally {
    committing = false;
    await stopService(files);
  }
}

function printReport(runs: Run[], options: { checkout: string; watchMs: number; intervalMs: number; changeShare: number }): void {
  const kib = (bytes: number) => `${formatNumber(bytes / 1024, 1)} KiB`;
  console.log(`\nOverview in Chromium, ${options.checkout}: ${options.watchMs / 1000} s watched, cycles every ${options.intervalMs / 1000} s, ${options.changeShare * 100}% of groups moved per cycle`);
  console.log(
    formatTable(
      ['pipelines', 'first rows ms', 'rows in DOM', 'DOM nodes', 'JS heap MB', 'long tasks', 'long total ms', 'worst ms', 'deltas', 'rows/delta', 'delta median', 'delta p95', 'snapshot', 'arrival→screen p95 ms', 'cycle→screen p50/p95 ms', 'server CPU ms/s'],
      runs.map(({ pipelines, tab, serverCpuMsPerSec }) => [
        pipelines,
        Number.isFinite(tab.firstRowsMs) ? Math.round(tab.firstRowsMs) : 'none in 180 s',
        tab.rowsInDom,
        tab.domNodes,
        Math.round(tab.jsHeapMb),
        tab.longTasks.count,
        Math.round(tab.longTasks.totalMs),
        Math.round(tab.longTasks.worstMs),
        tab.deltas,
        tab.rowsPerDelta,
        kib(tab.deltaBytes.median),
        kib(tab.deltaBytes.p95),
        kib(tab.snapshotBytes),
        Math.round(tab.arrivalToScreenMs.p95),
        `${Math.round(tab.cycleToScreenMs.p50)} / ${Math.round(tab.cycleToScreenMs.p95)}`,
        Math.round(serverCpuMsPerSec),
      ]),
    ),
  );
  console.log('\nGET /api/pipelines after the run');
  console.log(formatTable(['pipelines', ...runs[0]!.api.map((a) => a.label)], runs.map((r) => [r.pipelines, ...r.api.map((a) => `${kib(a.bytes)} in ${formatNumber(a.ms)} ms`)])));
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[bench] ${error.message}`);
    process.exit(1);
  },
);
