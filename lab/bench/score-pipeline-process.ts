import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ScorePipelineInfo } from './score-pipeline';
import type { FaultBody } from './score-schedule';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

export interface ScorePipelineOptions {
  ratePerSecond: number;
  members: number;
  /** undefined: the pipeline's default (10 s). */
  outageAfterMs: number | undefined;
}

export interface ScorePipelineProcess {
  info: ScorePipelineInfo;
  /** Starts a fault through the control API, as `npm run lab:fault` does; {name:'healthy'} ends all. */
  fault(body: FaultBody | { name: 'healthy' }, forMs?: number): Promise<void>;
  /** Ends the faults, deletes the topics and group, and waits for the process to exit. */
  stop(): Promise<void>;
}

/**
 * Starts score-pipeline.ts as a child in its own process group: a Ctrl-C at the terminal reaches
 * only the benchmark, which then ends the faults and stops the pipeline in order.
 */
export async function startScorePipeline(options: ScorePipelineOptions, log: (line: string) => void): Promise<ScorePipelineProcess> {
  const args = ['--import', 'tsx', path.join('lab', 'bench', 'score-pipeline.ts'), '--rate', String(options.ratePerSecond), '--members', String(options.members)];
  if (options.outageAfterMs !== undefined) args.push('--outage-after-ms', String(options.outageAfterMs));
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: process.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stderr! }).on('line', (line) => log(`pipeline: ${line}`));
  const info = await readInfo(child, exited);

  return {
    info,
    async fault(body, forMs) {
      const response = await fetch(`${info.controlUrl}/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(forMs === undefined ? body : { ...body, forMs }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status !== 200) throw new Error(`fault ${JSON.stringify(body)} refused: ${response.status} ${await response.text()}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        log(`the pipeline (pid ${child.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

function readInfo(child: ChildProcess, exited: Promise<number | null>): Promise<ScorePipelineInfo> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the scored pipeline did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as ScorePipelineInfo);
      } catch {
        reject(new Error(`the scored pipeline said ${JSON.stringify(line)} instead of its topic and group`));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the scored pipeline exited with code ${code} before it was up`));
    });
  });
}
