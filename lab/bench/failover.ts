import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createTestDatabase, startReplica, type ReplicaProcess } from '../replicas/replica-process';
import { parseWholeNumber } from './bench-args';
import { ensureBenchLab, loadAverageText, machineText, readBenchLabConfig, stopCommand } from './bench-lab';
import { maximum, median, percentile } from './bench-stats';

const HELP = `Benchmark of failover: two \`pipewatch serve\` replicas on one PostgreSQL, the leader killed with
SIGKILL --kills times. Each time: from the kill to the other replica's /metrics saying
pipewatch_leader 1 (polled every 100 ms); then the killed one is started again as the follower.
The documented bound is 15 s (docs/store.md): lease 10 s + claims every 2 s.

Usage: npm run bench:failover [-- options]      (or: npx tsx lab/bench/failover.ts [options])

Options:
  --kills 10     leaders killed
  --help

The replicas use the bench lab's Kafka and Prometheus (LAB_DIR, LAB_PORT_BASE as for the lab CLI;
ports LAB_PORT_BASE+400…) and a fresh database (PIPEWATCH_TEST_DATABASE_PREFIX, default pipewatch_test_, + random) on
PIPEWATCH_TEST_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres),
dropped afterwards.`;

const POLL_MS = 100;
/** Far past the bound: a takeover that has not happened by then is a failure, not a slow sample. */
const GIVE_UP_MS = 60_000;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { kills: { type: 'string', default: '10' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(HELP);
  const kills = parseWholeNumber(values.kills, '--kills');
  const lab = readBenchLabConfig();
  const log = (line: string) => console.log(`[failover] ${line}`);
  await ensureBenchLab(lab, log);
  const database = await createTestDatabase();
  let port = lab.portBase + 400;
  const start = (name: string) =>
    startReplica(name, {
      configYaml: `kafka: { brokers: ['${lab.brokers.join("','")}'] }\nprometheus: { url: '${lab.prometheusUrl}' }\nserver: { port: ${port++} }\n`,
      env: { DATABASE_URL: database.url },
    });
  const replicas: ReplicaProcess[] = await Promise.all([start('r0'), start('r1')]);
  const failoversMs: number[] = [];
  try {
    for (let kill = 1; kill <= kills; kill++) {
      const leader = await waitForLeader(replicas);
      const survivor = replicas.find((r) => r !== leader)!;
      const killedAtMs = performance.now();
      await leader.kill('SIGKILL');
      while ((await survivor.leader()) !== 1) {
        if (performance.now() - killedAtMs > GIVE_UP_MS) throw new Error(`no takeover within ${GIVE_UP_MS} ms:\n${survivor.output().slice(-2_000)}`);
        await sleep(POLL_MS);
      }
      const tookMs = performance.now() - killedAtMs;
      failoversMs.push(tookMs);
      log(`kill ${kill}/${kills}: ${survivor.name} leads ${Math.round(tookMs)} ms after ${leader.name} was killed`);
      replicas.splice(replicas.indexOf(leader), 1, await start(`r${kill + 1}`));
    }
    for (const replica of replicas) log(`${replica.name}: ${describeProcess(replica.child.pid)}`);
  } finally {
    await Promise.all(replicas.map((r) => r.kill('SIGTERM')));
    await database.drop();
  }
  console.log(machineText(lab));
  console.log(`failover after kill -9, ${kills} kills: median ${Math.round(median(failoversMs))} ms, p95 ${Math.round(percentile(failoversMs, 95))} ms, worst ${Math.round(maximum(failoversMs))} ms (bound 15000 ms)`);
  console.log(`load after: ${loadAverageText()}; the lab is still running: ${stopCommand(lab)}`);
}

async function waitForLeader(replicas: readonly ReplicaProcess[]): Promise<ReplicaProcess> {
  const startedMs = performance.now();
  for (;;) {
    const figures = await Promise.all(replicas.map((r) => r.leader()));
    const leading = replicas.filter((_, i) => figures[i] === 1);
    if (leading.length === 1) return leading[0]!;
    if (performance.now() - startedMs > GIVE_UP_MS) throw new Error(`not exactly one leader within ${GIVE_UP_MS} ms: ${figures.join(', ')}`);
    await sleep(POLL_MS);
  }
}

/** CPU over the process's life and its resident memory, from /proc (Linux). */
function describeProcess(pid: number | undefined): string {
  if (pid === undefined) return 'no process';
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticksPerSecond = 100;
    const cpuSeconds = (Number(stat[11]) + Number(stat[12])) / ticksPerSecond;
    const uptimeSeconds = Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    const lifeSeconds = uptimeSeconds - Number(stat[19]) / ticksPerSecond;
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
    return `CPU ${((cpuSeconds / lifeSeconds) * 1000).toFixed(0)} ms/s over ${lifeSeconds.toFixed(0)} s (tsx and Next included), RSS ${(rssKiB / 1024).toFixed(0)} MiB`;
  } catch (error) {
    return `not readable from /proc: ${(error as Error).message}`;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: Error) => {
  console.error(`bench:failover: ${error.message}`);
  process.exit(1);
});
