import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What the production build is made of: a change to any of these makes `.next` stale. */
const SOURCES = ['app', 'components', 'lib', 'next.config.ts', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json'];

/**
 * Builds the dashboard with `next build` when `.next` is missing or older than its sources, so
 * `npm run demo` and `npm start` never serve a stale UI. Prints Next's own progress.
 */
export async function ensureNextBuild(dir: string, log: (line: string) => void): Promise<void> {
  const buildId = path.join(dir, '.next', 'BUILD_ID');
  const builtMs = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const newest = newestSource(dir);
  if (builtMs > 0 && newest.mtimeMs <= builtMs) return;
  log(builtMs === 0 ? 'building the dashboard (next build, once; about a minute)…' : `rebuilding the dashboard: ${path.relative(dir, newest.file)} changed…`);
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

function newestSource(dir: string): { file: string; mtimeMs: number } {
  let newest = { file: dir, mtimeMs: 0 };
  const visit = (file: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file)) visit(path.join(file, entry));
    } else if (stat.mtimeMs > newest.mtimeMs) {
      newest = { file, mtimeMs: stat.mtimeMs };
    }
  };
  for (const source of SOURCES) visit(path.join(dir, source));
  return newest;
}
