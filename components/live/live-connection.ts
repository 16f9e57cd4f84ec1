import { fullJitterDelayMs, type Backoff } from '../../lib/backoff';
import { DEFAULT_WINDOW_MS, LIVE_PROTOCOL_VERSION, parseServerMessage, parseStreamKey, type ClientMessage, type ServerMessage, type StreamKey } from '../../lib/live/live-protocol';
import type { ConnectionStatus } from '../../lib/live/connection-status';
import { applyOverviewMessage, applyPipelineMessage, emptyPipelineState, EMPTY_OVERVIEW_STATE, type OverviewState, type PipelineState } from './stream-state';
import { assertNever } from '../../lib/assert-never';

/**
 * The browser's end of the live protocol, free of React and of the DOM: it is handed a socket
 * factory and timers. It keeps one socket, re-subscribes after a reconnect with each stream's
 * resume point, reconnects with exponential backoff and full jitter, and says honestly what state
 * the data is in (live, stale, reconnecting).
 */

/** The part of the WHATWG WebSocket this needs; the browser's and `ws`'s both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const OPEN = 1;

export interface ServerInfo {
  epoch: string;
  intervalMs: number;
  heartbeatMs: number;
  demo: boolean;
  /** Server clock minus browser clock, for "updated 3 s ago" on a skewed laptop. */
  clockOffsetMs: number;
}

export type StreamState = OverviewState | PipelineState;

export interface LiveConnectionOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  nowMs?: () => number;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
  backoff?: Backoff;
  /** Reported, not thrown: a bad message from the server must not break the page. */
  onProtocolError?: (message: string) => void;
}

export interface LiveConnection {
  /** Keeps `stream` subscribed while at least one caller holds it. */
  retain(stream: StreamKey, windowMs?: number): () => void;
  stream(stream: StreamKey): StreamState | undefined;
  status(): ConnectionStatus;
  server(): ServerInfo | null;
  /** One notification for any change; read the parts with the getters above. */
  subscribe(listener: () => void): () => void;
  close(): void;
}

interface Held {
  count: number;
  windowMs: number;
  state: StreamState;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 15_000 };
/** Silence longer than this many heartbeats reads as stale; longer than the second, the socket is presumed dead. */
const STALE_AFTER_HEARTBEATS = 2.5;
const DEAD_AFTER_HEARTBEATS = 4;
const WATCHDOG_MS = 1_000;

export function createLiveConnection(options: LiveConnectionOptions): LiveConnection {
  const nowMs = options.nowMs ?? Date.now;
  const setTimer = options.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const held = new Map<StreamKey, Held>();
  const listeners = new Set<() => void>();
  let socket: SocketLike | null = null;
  let info: ServerInfo | null = null;
  let status: ConnectionStatus = { kind: 'connecting', attempt: 1, lastMessageAtMs: null };
  let lastMessageAtMs: number | null = null;
  let failures = 0;
  let retryTimer: unknown = null;
  let watchdog: unknown = null;
  let closed = false;

  function notify(): void {
    for (const listener of listeners) listener();
  }

  function setStatus(next: ConnectionStatus): void {
    status = next;
    notify();
  }

  function open(): void {
    if (closed) return;
    setStatus({ kind: 'connecting', attempt: failures + 1, lastMessageAtMs });
    let current: SocketLike;
    try {
      current = options.createSocket(options.url);
    } catch (error) {
      scheduleReconnect(error instanceof Error ? error.message : String(error));
      return;
    }
    socket = current;
    current.onopen = () => {
      for (const [key, h] of held) sendSubscribe(key, h);
    };
    current.onmessage = (event) => {
      if (socket !== current || typeof event.data !== 'string') return;
      receive(event.data);
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = null;
      scheduleReconnect(event.reason || `closed (${event.code})`);
    };
    current.onerror = () => {
      // A close event always follows; the reconnect is scheduled there.
    };
  }

  function scheduleReconnect(reason: string): void {
    if (closed) return;
    failures++;
    const delayMs = Math.max(100, fullJitterDelayMs(failures, backoff, random));
    setStatus({ kind: 'reconnecting', attempt: failures, retryAtMs: nowMs() + delayMs, lastMessageAtMs, reason });
    retryTimer = setTimer(() => {
      retryTimer = null;
      open();
    }, delayMs);
  }

  function receive(text: string): void {
    const parsed = parseServerMessage(text);
    if (!parsed.ok) {
      options.onProtocolError?.(`ignored a server message: ${parsed.error}`);
      return;
    }
    lastMessageAtMs = nowMs();
    const message: ServerMessage = parsed.message;
    switch (message.type) {
      case 'welcome':
        // A page loaded before the server was upgraded reads the new messages with its old code.
        if (message.protocol !== LIVE_PROTOCOL_VERSION) options.onProtocolError?.(`the server speaks live protocol ${message.protocol}, this page ${LIVE_PROTOCOL_VERSION}: reload the page`);
        failures = 0;
        info = { epoch: message.epoch, intervalMs: message.intervalMs, heartbeatMs: message.heartbeatMs, demo: message.demo, clockOffsetMs: message.serverTimeMs - nowMs() };
        setStatus({ kind: 'live', lastMessageAtMs });
        return;
      case 'heartbeat':
        if (status.kind !== 'live') setStatus({ kind: 'live', lastMessageAtMs });
        else status = { kind: 'live', lastMessageAtMs };
        return;
      case 'snapshot':
      case 'delta': {
        const h = held.get(message.stream);
        if (!h) return;
        h.state = applyStreamMessage(message.stream, h, message, info?.intervalMs ?? 5_000);
        status = { kind: 'live', lastMessageAtMs };
        notify();
        return;
      }
      case 'error':
        options.onProtocolError?.(`${message.code}: ${message.message}`);
        return;
      default:
        return assertNever(message, 'server message');
    }
  }

  function sendSubscribe(key: StreamKey, h: Held): void {
    const resume = h.state.resume ?? undefined;
    send({ type: 'subscribe', stream: key, windowMs: h.windowMs, ...(resume ? { resume } : {}) });
  }

  function send(message: ClientMessage): void {
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(message));
  }

  function checkSilence(): void {
    watchdog = setTimer(checkSilence, WATCHDOG_MS);
    if (!info || lastMessageAtMs === null || !socket) return;
    const silentMs = nowMs() - lastMessageAtMs;
    if (silentMs > DEAD_AFTER_HEARTBEATS * info.heartbeatMs) {
      const dead = socket;
      socket = null;
      dead.close(4000, 'no heartbeat');
      scheduleReconnect(`no message for ${Math.round(silentMs / 1000)} s`);
    } else if (silentMs > STALE_AFTER_HEARTBEATS * info.heartbeatMs && status.kind === 'live') {
      setStatus({ kind: 'stale', lastMessageAtMs });
    }
  }

  open();
  watchdog = setTimer(checkSilence, WATCHDOG_MS);

  return {
    retain(key, windowMs = DEFAULT_WINDOW_MS) {
      const existing = held.get(key);
      if (existing) {
        existing.count++;
        if (existing.windowMs !== windowMs) {
          existing.windowMs = windowMs;
          // A different window needs other points: ask for a snapshot, keeping what is held.
          send({ type: 'subscribe', stream: key, windowMs });
        }
      } else {
        const ref = parseStreamKey(key);
        const state = ref?.kind === 'pipeline' ? emptyPipelineState(ref.pipelineId) : EMPTY_OVERVIEW_STATE;
        const h: Held = { count: 1, windowMs, state };
        held.set(key, h);
        sendSubscribe(key, h);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const h = held.get(key);
        if (!h) return;
        h.count--;
        if (h.count === 0) {
          held.delete(key);
          send({ type: 'unsubscribe', stream: key });
        }
      };
    },
    stream: (key) => held.get(key)?.state,
    status: () => status,
    server: () => info,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (retryTimer !== null) clearTimer(retryTimer);
      if (watchdog !== null) clearTimer(watchdog);
      socket?.close(1000, 'page closed');
      socket = null;
    },
  };
}

function applyStreamMessage(key: StreamKey, h: Held, message: Extract<ServerMessage, { type: 'snapshot' | 'delta' }>, intervalMs: number): StreamState {
  const ref = parseStreamKey(key);
  if (ref?.kind === 'pipeline') return applyPipelineMessage(h.state as PipelineState, message, intervalMs, h.windowMs);
  return applyOverviewMessage(h.state as OverviewState, message);
}
