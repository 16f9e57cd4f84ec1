import { describe, expect, it } from 'vitest';
import { readLabConfig } from '../../lab/lab-config';
import { checkRelease } from '../../lab/release/check-release';

/** The slow part is the install: npm compiles better-sqlite3 when no prebuilt binary can be downloaded. */
const RELEASE_TIMEOUT_MS = 15 * 60_000;

describe('the packed release', () => {
  it(
    'installs into an empty folder with the runtime dependencies only and serves the lab from a read-only install',
    async () => {
      const log = (line: string) => console.log(`[release] ${line}`);
      // The integration setup has built the dashboard; only the server is compiled again here.
      const report = await checkRelease({ lab: readLabConfig(), build: 'when-stale', starts: 1, log });
      // A few MB: a tarball ten times that has swept in .next/cache or node_modules.
      expect(report.tarballBytes).toBeGreaterThan(100_000);
      expect(report.tarballBytes).toBeLessThan(20 * 1024 * 1024);
      expect(report.readyMs).toHaveLength(1);
      expect(report.pageTitle).toMatch(/^Pipewatch/);
      expect(report.snapshot.sources.kafka.health).toBe('ok');
      log(`tarball ${report.tarballBytes} bytes, install ${report.installBytes} bytes, ready in ${Math.round(report.readyMs[0]!)} ms${report.ranAsNobody ? ' (as nobody)' : ''}`);
    },
    RELEASE_TIMEOUT_MS,
  );
});
