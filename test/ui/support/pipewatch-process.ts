import fs from 'node:fs';
import path from 'node:path';
import type { LabConfig } from '../../../lab/lab-config';
import { isPortOpen, logTail, runningPid, serviceFiles, sleep, startDetached, stopService, waitUntil } from '../../../lab/stack/processes';
import { FLEET_GROUP_PATTERN } from './fleet';
import { pipewatchUrl, REPO_ROOT } from './ui-lab';

/**
 * Pipewatch under test runs as `node server/cli/pipewatch.mjs serve`, a detached child with a pid
 * file in the lab, so whichever process started it (the global setup, or a worker that restarted
 * it) the next one can kill it: the reconnect spec kills it with SIGKILL and starts it again on
 * the same port.
 */
export const pipewatchFiles = (lab: LabConfig) => serviceFiles(lab.dir, 'pipewatch-ui');

/** Starting Next and the first cycles on a loaded 2-core machine; the global setup has built the dashboard before. */
const START_TIMEOUT_MS = 240_000;

/** Variables that would override the file, or point the store at a shared database. */
const OVERRIDES = ['PIPEWATCH_CONFIG', 'PIPEWATCH_HOST', 'PIPEWATCH_PORT', 'PIPEWATCH_TOKEN', 'DATABASE_URL', 'KAFKA_BROKERS', 'PROMETHEUS_URL'];

export function pipewatchConfigPath(lab: LabConfig): string {
  return path.join(lab.dir, 'pipewatch-ui.yaml');
}

export function pipewatchStorePath(lab: LabConfig): string {
  return path.join(lab.dir, 'pipewatch-ui.sqlite');
}

/** JSON is YAML: no quoting rules to get wrong for broker lists and paths. */
export function writePipewatchConfig(lab: LabConfig): string {
  const config = {
    kafka: { brokers: lab.brokers },
    prometheus: { url: lab.prometheusUrl },
    // Every second: the diagnosis needs several cycles, and the tests wait for them.
    collection: { interval: '1s' },
    // The fleet spec's thousands of groups have a Pipewatch of their own (support/fleet.ts).
    discovery: { excludeGroups: [FLEET_GROUP_PATTERN] },
    server: { host: '127.0.0.1', port: lab.ports.dashboard },
    store: { path: pipewatchStorePath(lab) },
  };
  const file = pipewatchConfigPath(lab);
  fs.mkdirSync(lab.dir, { recursive: true });
  fs.writeFileSync(file, `# Written by test/ui/support/pipewatch-process.ts for the UI tests.\n${JSON.stringify(config, null, 2)}\n`);
  return file;
}

export async function isPipewatchReady(lab: LabConfig): Promise<boolean> {
  try {
    return (await fetch(`${pipewatchUrl(lab)}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200;
  } catch {
    return false;
  }
}

/** Starts Pipewatch with the config written by writePipewatchConfig and waits for GET /readyz = 200. */
export async function startPipewatch(lab: LabConfig, log: (line: string) => void = () => {}): Promise<void> {
  const files = pipewatchFiles(lab);
  if (runningPid(files) !== undefined) throw new Error(`Pipewatch under test is already running (pid file ${files.pidFile})`);
  if (await isPortOpen(lab.ports.dashboard)) {
    throw new Error(`port ${lab.ports.dashboard} is taken by a process the UI tests did not start; stop it (the UI lab uses LAB_PORT_BASE=24000, Pipewatch on base+300)`);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const name of OVERRIDES) delete env[name];
  const startedMs = performance.now();
  const deadlineMs = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    startDetached(files, process.execPath, [path.join('server', 'cli', 'pipewatch.mjs'), 'serve', '--config', pipewatchConfigPath(lab)], { cwd: REPO_ROOT, env });
    try {
      await waitUntil(`Pipewatch at ${pipewatchUrl(lab)} (GET /readyz)`, () => isPipewatchReady(lab), {
        timeoutMs: Math.max(1_000, deadlineMs - Date.now()),
        intervalMs: 250,
        files,
      });
      break;
    } catch (error) {
      // .next is shared with every other `pipewatch serve` and `next build` in this checkout: when
      // one of them is building, ours refuses to start. Wait for it rather than fail the run.
      if (!OTHER_BUILD.test(logTail(files, 15)) || Date.now() > deadlineMs - 10_000) throw error;
      log('another next build is running in this checkout; starting Pipewatch again in 5 s');
      await sleep(5_000);
    }
  }
  log(`Pipewatch ready on ${pipewatchUrl(lab)} in ${((performance.now() - startedMs) / 1000).toFixed(1)} s (log: ${files.logFile})`);
}

const OTHER_BUILD = /Another next build process is already running/;

/** kill -9 of the whole process group: no shutdown, sockets drop as in a crash. */
export async function killPipewatch(lab: LabConfig): Promise<void> {
  const files = pipewatchFiles(lab);
  const pid = runningPid(files);
  if (pid === undefined) throw new Error(`Pipewatch under test is not running (pid file ${files.pidFile})`);
  process.kill(-pid, 'SIGKILL');
  fs.rmSync(files.pidFile, { force: true });
  await waitUntil(`Pipewatch (pid ${pid}) to die`, async () => !isRunning(pid) && !(await isPortOpen(lab.ports.dashboard)), { timeoutMs: 10_000, intervalMs: 50 });
}

/** SIGTERM (Pipewatch closes its collectors and sockets), SIGKILL after 10 s. Returns whether it was running. */
export function stopPipewatch(lab: LabConfig): Promise<boolean> {
  return stopService(pipewatchFiles(lab), 10_000);
}

export function pipewatchLogTail(lab: LabConfig, lines = 30): string {
  return logTail(pipewatchFiles(lab), lines);
}

/** Unlike `kill(pid, 0)`, a zombie (dead, not yet reaped by its parent) counts as gone. */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
