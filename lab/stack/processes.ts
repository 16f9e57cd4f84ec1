import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A lab service that runs in the background, outliving the command that started it. */
export interface ServiceFiles {
  name: string;
  pidFile: string;
  logFile: string;
}

export function serviceFiles(labDir: string, name: string): ServiceFiles {
  return {
    name,
    pidFile: path.join(labDir, 'run', `${name}.pid`),
    logFile: path.join(labDir, 'logs', `${name}.log`),
  };
}

export function startDetached(
  files: ServiceFiles,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): number {
  fs.mkdirSync(path.dirname(files.pidFile), { recursive: true });
  fs.mkdirSync(path.dirname(files.logFile), { recursive: true });
  const log = fs.openSync(files.logFile, 'a');
  fs.writeSync(log, `\n--- ${new Date().toISOString()} starting ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`${files.name}: could not start ${command}`);
  child.unref();
  fs.writeFileSync(files.pidFile, `${child.pid}\n`);
  return child.pid;
}

/** The pid of a running service, or undefined when its pid file is missing or stale. */
export function runningPid(files: ServiceFiles): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(files.pidFile, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return isAlive(pid) ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`. Returns whether a process was running. */
export async function stopService(files: ServiceFiles, graceMs = 15_000): Promise<boolean> {
  const pid = runningPid(files);
  fs.rmSync(files.pidFile, { force: true });
  if (pid === undefined) return false;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    signalGroup(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(50);
  }
  return true;
}

// Detached children lead their own process group; signalling the group also reaches what they spawned.
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Polls `check` until it returns true. Fails with the tail of the service's log, which is where
 * the reason for a failed start always is.
 */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; files?: ServiceFiles },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    if (options.files && runningPid(options.files) === undefined) {
      throw new Error(`${what}: the process exited during start.\n${logTail(options.files)}`);
    }
    await sleep(options.intervalMs ?? 250);
  }
  const tail = options.files ? `\n${logTail(options.files)}` : '';
  throw new Error(`${what}: not ready after ${Math.round(options.timeoutMs / 1000)} s.${tail}`);
}

export function logTail(files: ServiceFiles, lines = 15): string {
  try {
    const text = fs.readFileSync(files.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    return `Last lines of ${files.logFile}:\n${text}`;
  } catch {
    return `(no log at ${files.logFile})`;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
