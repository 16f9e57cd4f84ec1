import fs from 'node:fs';

/** Set by the release build (lab/release/build-server.ts, esbuild `define`); absent when the source runs through tsx. */
declare const __PIPEWATCH_BUILD__: { version: string; commit: string } | undefined;

/** What `pipewatch_build_info` says: the package version, and the commit the release was built from (`unknown` from a checkout). */
export function readBuildInfo(): { version: string; commit: string } {
  if (typeof __PIPEWATCH_BUILD__ !== 'undefined') return __PIPEWATCH_BUILD__;
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return { version: typeof pkg.version === 'string' ? pkg.version : 'unknown', commit: 'unknown' };
  } catch {
    return { version: 'unknown', commit: 'unknown' };
  }
}
