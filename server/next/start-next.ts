import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import next from 'next';
import { ensureNextBuild } from './ensure-next-build';

export interface NextDashboardOptions {
  /** The project folder Next serves the dashboard from. */
  dir: string;
  /** Next's dev server (hot reload) instead of the production build. */
  dev: boolean;
  hostname: string;
  port: number;
  log: (line: string) => void;
}

export interface NextDashboard {
  handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Takes the upgrades that are Next's; false: not Next's, the caller refuses it. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

/** The Next.js dashboard inside Pipewatch's own HTTP server: built when stale, then prepared. */
export async function startNext(options: NextDashboardOptions): Promise<NextDashboard> {
  const { dev } = options;
  if (!dev) await ensureNextBuild(options.dir, options.log);
  const app = next({ dev, dir: options.dir, hostname: options.hostname, port: options.port });
  await app.prepare();
  const handleRequest = app.getRequestHandler();
  const handleUpgrade = app.getUpgradeHandler();
  return {
    handleRequest: (request, response) => handleRequest(request, response),
    handleUpgrade(request, socket, head) {
      // Next's dev server keeps its hot-reload socket (/_next/hmr); in production nothing else upgrades.
      const path = new URL(request.url ?? '/', 'http://pipewatch.local').pathname;
      if (!dev || !path.startsWith('/_next/')) return false;
      void handleUpgrade(request, socket, head);
      return true;
    },
    close: () => app.close(),
  };
}
