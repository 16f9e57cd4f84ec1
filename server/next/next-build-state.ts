import fs from 'node:fs';
import path from 'node:path';

/** What the production build is made of: a change to any of these makes `.next` stale. */
const SOURCES = ['app', 'components', 'lib', 'next.config.ts', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json'];

/**
 * Where the dashboard's production build stands. `prebuilt`: there are no sources beside it to
 * compare with — an installed release, which only ever serves the build it ships.
 */
export type NextBuildState =
  | { kind: 'missing' }
  | { kind: 'stale'; changedFile: string }
  | { kind: 'fresh' }
  | { kind: 'prebuilt' };

export function readNextBuildState(dir: string): NextBuildState {
  const buildId = path.join(dir, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return { kind: 'missing' };
  if (!hasDashboardSource(dir)) return { kind: 'prebuilt' };
  const builtMs = fs.statSync(buildId).mtimeMs;
  const newest = newestSource(dir);
  return newest.mtimeMs > builtMs ? { kind: 'stale', changedFile: path.relative(dir, newest.file) } : { kind: 'fresh' };
}

/** A checkout has the dashboard's source; an installed release has only its build. */
export function hasDashboardSource(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'app'));
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
