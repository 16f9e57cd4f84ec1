import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Compiles the `pipewatch` CLI and the server behind it into `dist/cli/` for Node 20 to run
 * without tsx: esbuild bundles Pipewatch's own TypeScript (lib/, collectors/, server/) and leaves
 * every package an import, resolved from node_modules at run time. The source keeps its
 * extension-less imports, which Node's ESM loader would refuse as separate files.
 *
 * Code splitting keeps the CLI's lazy import of the wiring lazy: `--help`, `config` and
 * `export-rules` load neither Next nor kafkajs. The entry sits two folders below the package
 * root, as server/cli/pipewatch-cli.ts does, so its `new URL('../..', import.meta.url)` names
 * the package folder (where `.next` is) from the source and from the build alike.
 */
export async function buildServer(root: string): Promise<string> {
  const outdir = path.join(root, 'dist', 'cli');
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { pipewatch: 'server/cli/pipewatch-cli.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    banner: { js: '#!/usr/bin/env node' },
    // pipewatch_build_info's labels (server/build-info.ts): fixed at build time, not read from git at run time.
    define: { __PIPEWATCH_BUILD__: JSON.stringify(buildInfoOf(root)) },
    logLevel: 'warning',
  });
  const entry = path.join(outdir, 'pipewatch.mjs');
  fs.chmodSync(entry, 0o755);
  return entry;
}

/** The package version, and the commit checked out (`unknown` outside a git checkout, or without git). */
function buildInfoOf(root: string): { version: string; commit: string } {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { version, commit: /^[0-9a-f]+$/.test(commit) ? commit : 'unknown' };
  } catch {
    return { version, commit: 'unknown' };
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const startedMs = performance.now();
  const entry = await buildServer(root);
  console.log(`server and CLI compiled to ${path.relative(root, entry)} in ${((performance.now() - startedMs) / 1000).toFixed(1)} s`);
}
