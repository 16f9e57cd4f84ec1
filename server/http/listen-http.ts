import http, { type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ListeningHttp {
  /** Where it listens; with port 0 the port the kernel picked. */
  url: string;
  /** Stops listening: requests under way finish, idle keep-alive connections are closed. */
  stopAccepting(): void;
  /** Stops listening and drops open connections (keep-alive ones would hold the close for minutes). */
  close(): Promise<void>;
}

export type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Pipewatch's one HTTP server, on server.host:server.port. */
export async function listenHttp(address: { host: string; port: number }, onRequest: RequestListener, onUpgrade: UpgradeListener): Promise<ListeningHttp> {
  const server = http.createServer(onRequest);
  server.on('upgrade', onUpgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${address.port} on ${address.host} is taken: stop what uses it, or set server.port in pipewatch.yaml (or PIPEWATCH_PORT)`)
          : new Error(`cannot listen on ${address.host}:${address.port}: ${error.message}`),
      ),
    );
    server.listen(address.port, address.host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  return {
    url: `http://${host}:${bound.port}`,
    stopAccepting() {
      if (server.listening) server.close();
      server.closeIdleConnections();
    },
    async close() {
      if (server.listening) server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
