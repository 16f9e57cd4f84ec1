import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { LIVE_PATH } from '../../lib/live/live-protocol';
import type { UpgradeListener } from './listen-http';

export interface UpgradeTargets {
  live: { handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void } | null;
  next: { handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean } | null;
}

/** Websocket upgrades: the live socket, then whatever Next takes; any other is refused. */
export function createUpgradeHandler({ live, next }: UpgradeTargets): UpgradeListener {
  return (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://pipewatch.local').pathname;
    if (live && path === LIVE_PATH) return live.handleUpgrade(request, socket, head);
    if (next?.handleUpgrade(request, socket, head)) return;
    socket.destroy();
  };
}
