import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readNextBuildState } from './next-build-state';

/**
 * Builds the dashboard with `next build` when `.next` is missing or older than its sources, for
 * the developer commands that run from a checkout (`npm run demo`, the test setups). Prints Next's
 * own progress. `pipewatch serve` never builds: it serves what `npm run build` made.
 */
export async function ensureNextBuild(dir: string, log: (line: string) => void): Promise<void> {
  const state = readNextBuildState(dir);
  if (state.kind === 'fresh' || state.kind === 'prebuilt') return;
  log(state.kind === 'missing' ? 'building the dashboard (next build, once; about a minute)…' : `rebuilding the dashboard: ${state.changedFile} changed…`);
  const startedMs = performance.now();
  const bin = path.join(dir, 'node_modules', '.bin', 'next');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run npm ci first`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin, ['build'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    const output: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        output.push(line);
        log(`  next: ${line}`);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code}); its output is above. Last lines:\n${output.slice(-15).join('\n')}`))));
  });
  log(`dashboard built in ${((performance.now() - startedMs) / 1000).toFixed(1)} s`);
}
