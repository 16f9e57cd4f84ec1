import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../lib/log/logger';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LiveHub } from '../../lib/live/live-hub';
import { checkOrigin, checkToken } from './access';

/** Largest message a browser may send: subscriptions are tiny. */
const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;
/** RFC 6455 "going away": the browser's connection reconnects with backoff, as after any close. */
export const GOING_AWAY = 1001;
export const GOING_AWAY_REASON = 'server shutting down: reconnect';
const DEFAULT_CLOSE_TIMEOUT_MS = 1_000;
const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 421: 'Misdirected Request', 429: 'Too Many Requests' };

export interface LiveSocketOptions {
  hub: LiveHub;
  token: string | null;
  allowedOrigins: readonly string[];
  /** Replaces the bearer-only token check: the server's hosts, session cookie and roles. */
  authorize?: (request: IncomingMessage) => { ok: true } | { ok: false; status: number; message: string };
  heartbeatMs: number;
  log: Logger;
}

export interface LiveSocket {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  clients(): number;
  /** Messages written to sockets since start (snapshots, deltas, heartbeats, errors). */
  messagesSent(): number;
  /** Close 1001 to every client (browsers reconnect, to another replica behind a balancer); sockets that have not closed after timeoutMs are cut. */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/**
 * The websocket transport of the live hub: access checks on upgrade, one hub session per socket,
 * heartbeats to clients and pings to find dead peers. Everything about streams is the hub's.
 */
export function createLiveSocket(options: LiveSocketOptions): LiveSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();
  let sent = 0;

  wss.on('connection', (ws: WebSocket) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    const session = options.hub.connect({
      // Encoded messages go out as text frames, without a copy per client.
      send: (message) => {
        sent++;
        ws.send(message, { binary: false });
      },
      bufferedBytes: () => ws.bufferedAmount,
      close: (code, reason) => ws.close(code, reason),
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      session.receive(data.toString());
    });
    options.log.debug('live client connected', { clients: wss.clients.size });
    ws.on('close', (code) => {
      session.disconnect();
      options.log.debug('live client gone', { code, clients: wss.clients.size });
    });
    ws.on('error', (error) => {
      options.log.warn(`live socket error: ${error.message}`);
      session.disconnect();
    });
  });

  const timer = setInterval(() => {
    options.hub.heartbeat();
    for (const ws of wss.clients) {
      // No pong since the last ping: the peer is gone without a close (laptop lid, dropped network).
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs);
  timer.unref();

  return {
    handleUpgrade(request, socket, head) {
      const authorized = options.authorize?.(request) ?? checkToken(request, options.token);
      const decision = [checkOrigin(request, options.allowedOrigins), authorized].find((d) => !d.ok);
      if (decision && !decision.ok) {
        options.log.warn(`live socket refused (${decision.status}): ${decision.message}`);
        socket.end(`HTTP/1.1 ${decision.status} ${STATUS_TEXT[decision.status] ?? 'Forbidden'}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${decision.message}\n`);
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    clients: () => wss.clients.size,
    messagesSent: () => sent,
    close({ timeoutMs = DEFAULT_CLOSE_TIMEOUT_MS } = {}) {
      clearInterval(timer);
      for (const ws of wss.clients) ws.close(GOING_AWAY, GOING_AWAY_REASON);
      // ws waits up to 30 s for a peer's closing handshake; a shutdown has less.
      const cut = setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, timeoutMs);
      return new Promise((resolve) =>
        wss.close(() => {
          clearTimeout(cut);
          resolve();
        }),
      );
    },
  };
}
