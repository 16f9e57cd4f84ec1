import { describe, expect, it } from 'vitest';
import { createLiveConnection, type SocketLike } from '../../../components/live/live-connection';
import type { ClientMessage, ServerMessage } from '../../../lib/live/live-protocol';

/** Sockets the test opens, closes and speaks through; timers the test fires by hand. */
function harness() {
  let now = 1_000_000;
  const timers: { atMs: number; callback: () => void; id: number }[] = [];
  let nextId = 0;
  const sockets: (SocketLike & { sent: ClientMessage[]; open(): void; deliver(m: ServerMessage): void; drop(reason?: string): void })[] = [];
  const connection = createLiveConnection({
    url: 'ws://pipewatch/live',
    nowMs: () => now,
    random: () => 0.5,
    setTimer: (callback, delayMs) => {
      const id = nextId++;
      timers.push({ atMs: now + delayMs, callback, id });
      return id;
    },
    clearTimer: (handle) => {
      const index = timers.findIndex((t) => t.id === handle);
      if (index >= 0) timers.splice(index, 1);
    },
    createSocket: () => {
      const socket = {
        readyState: 0,
        sent: [] as ClientMessage[],
        onopen: null as SocketLike['onopen'],
        onmessage: null as SocketLike['onmessage'],
        onclose: null as SocketLike['onclose'],
        onerror: null as SocketLike['onerror'],
        send(text: string) {
          socket.sent.push(JSON.parse(text) as ClientMessage);
        },
        close() {
          socket.readyState = 3;
        },
        open() {
          socket.readyState = 1;
          socket.onopen?.({});
        },
        deliver(message: ServerMessage) {
          socket.onmessage?.({ data: JSON.stringify(message) });
        },
        drop(reason = '') {
          socket.readyState = 3;
          socket.onclose?.({ code: 1006, reason });
        },
      };
      sockets.push(socket);
      return socket;
    },
  });
  return {
    connection,
    sockets,
    latest: () => sockets.at(-1)!,
    now: () => now,
    /** Moves the clock, firing due timers in order. */
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.atMs - b.atMs);
        const due = timers[0];
        if (!due || due.atMs > until) break;
        timers.shift();
        now = due.atMs;
        due.callback();
      }
      now = until;
    },
  };
}

const welcome = (epoch = 'e1'): ServerMessage => ({ type: 'welcome', protocol: 2, epoch, serverTimeMs: 1_000_000, intervalMs: 1_000, heartbeatMs: 5_000, demo: false });
const overviewDelta = (seq: number, epoch = 'e1'): ServerMessage => ({
  type: 'delta',
  stream: 'overview',
  epoch,
  seq,
  data: { atMs: seq, intervalMs: 1_000, sources: null, added: [], changed: [], removed: [], openIncidents: null },
});

describe('live connection', () => {
  it('subscribes on open, and after a reconnect resumes each stream from its last sequence', () => {
    const h = harness();
    h.connection.retain('overview');
    h.latest().open();
    expect(h.latest().sent).toEqual([{ type: 'subscribe', stream: 'overview', windowMs: 900_000 }]);
    h.latest().deliver(welcome());
    h.latest().deliver(overviewDelta(41));
    expect(h.connection.status().kind).toBe('live');

    h.latest().drop('server gone');
    expect(h.connection.status()).toMatchObject({ kind: 'reconnecting', attempt: 1, reason: 'server gone' });
    h.advance(10_000);
    expect(h.sockets).toHaveLength(2);
    h.latest().open();
    expect(h.latest().sent).toEqual([{ type: 'subscribe', stream: 'overview', windowMs: 900_000, resume: { epoch: 'e1', seq: 41 } }]);
  });

  it('backs off exponentially with jitter while the server stays away, and resets after a welcome', () => {
    const h = harness();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      h.latest().drop();
      const status = h.connection.status();
      if (status.kind !== 'reconnecting') throw new Error(status.kind);
      delays.push(status.retryAtMs - h.now());
      h.advance(status.retryAtMs - h.now());
    }
    // random() = 0.5: half of min(15 s, 500 ms × 2^(n-1)).
    expect(delays).toEqual([250, 500, 1_000, 2_000, 4_000, 7_500, 7_500]);
    h.latest().open();
    h.latest().deliver(welcome());
    h.latest().drop();
    expect(h.connection.status()).toMatchObject({ kind: 'reconnecting', attempt: 1 });
  });

  it('reads as stale when the server goes silent, and reconnects when it stays silent', () => {
    const h = harness();
    h.connection.retain('overview');
    h.latest().open();
    h.latest().deliver(welcome());
    h.advance(13_000);
    expect(h.connection.status().kind).toBe('stale');
    h.latest().deliver({ type: 'heartbeat', atMs: 1 });
    expect(h.connection.status().kind).toBe('live');
    h.advance(21_000);
    expect(h.connection.status()).toMatchObject({ kind: 'reconnecting', reason: expect.stringContaining('no message for') });
  });

  it('ignores malformed server messages and reports them', () => {
    const errors: string[] = [];
    const sockets: SocketLike[] = [];
    const connection = createLiveConnection({
      url: 'ws://x/live',
      setTimer: () => 0,
      clearTimer: () => {},
      onProtocolError: (message) => errors.push(message),
      createSocket: () => {
        const socket = { readyState: 1, send() {}, close() {}, onopen: null, onmessage: null, onclose: null, onerror: null } as SocketLike;
        sockets.push(socket);
        return socket;
      },
    });
    connection.retain('overview');
    sockets[0]!.onmessage?.({ data: '{"type":"delta","stream":"overview"}' });
    sockets[0]!.onmessage?.({ data: 'nonsense' });
    expect(errors).toHaveLength(2);
    expect(connection.stream('overview')).toMatchObject({ frame: null });
  });

  it('unsubscribes when the last holder of a stream lets go', () => {
    const h = harness();
    h.latest().open();
    const releaseA = h.connection.retain('pipeline:x', 300_000);
    const releaseB = h.connection.retain('pipeline:x', 300_000);
    releaseA();
    expect(h.latest().sent.filter((m) => m.type === 'unsubscribe')).toHaveLength(0);
    releaseB();
    releaseB();
    expect(h.latest().sent.filter((m) => m.type === 'unsubscribe')).toEqual([{ type: 'unsubscribe', stream: 'pipeline:x' }]);
  });
});
