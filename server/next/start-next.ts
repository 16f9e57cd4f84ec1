import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../lib/log/logger';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import next from 'next';
import { hasDashboardSource, readNextBuildState } from './next-build-state';

export interface NextDashboardOptions {
  /** The project folder Next serves the dashboard from. */
  dir: string;
  /** Next's dev server (hot reload) instead of the production build. */
  dev: boolean;
  hostname: string;
  port: number;
  log: Logger;
}

export interface NextDashboard {
  handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Takes the upgrades that are Next's; false: not Next's, the caller refuses it. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

/**
 * The Next.js dashboard inside Pipewatch's own HTTP server. In production it serves the build
 * `npm run build` made and never builds (an installed release may be read-only and has no dev
 * dependencies); `dev` runs Next's dev server from the source of a checkout.
 */
export async function startNext(options: NextDashboardOptions): Promise<NextDashboard> {
  const { dev, dir } = options;
  if (dev && !hasDashboardSource(dir)) {
    throw new Error(`serve --dev runs the dashboard from its source, and ${path.join(dir, 'app')} is not there: use it in a checkout (node server/cli/pipewatch.mjs serve --dev)`);
  }
  if (!dev) checkNextBuild(dir, options.log);
  // Next's custom server reads next.config.ts from `dir` at run time (it ignores `conf`): a release ships it.
  const app = next({ dev, dir, hostname: options.hostname, port: options.port });
  await app.prepare();
  const handleRequest = app.getRequestHandler();
  const handleUpgrade = app.getUpgradeHandler();
  return {
    handleRequest: (request, response) => handleRequest(request, response),
    handleUpgrade(request, socket, head) {
      // Next's dev server keeps its hot-reload socket (/_next/hmr); in production nothing else upgrades.
      const pathname = new URL(request.url ?? '/', 'http://pipewatch.local').pathname;
      if (!dev || !pathname.startsWith('/_next/')) return false;
      void handleUpgrade(request, socket, head);
      return true;
    },
    close: () => app.close(),
  };
}

function checkNextBuild(dir: string, log: Logger): void {
  const state = readNextBuildState(dir);
  switch (state.kind) {
    case 'missing':
      throw new Error(`the dashboard is not built (${path.join(dir, '.next')} is missing): run npm run build first, or serve --dev for Next's dev server`);
    case 'stale':
      log.warn(`the dashboard build is older than ${state.changedFile}: serving it anyway; npm run build brings it up to date`);
      return;
    case 'fresh':
    case 'prebuilt':
      return;
    default:
      state satisfies never;
  }
}
