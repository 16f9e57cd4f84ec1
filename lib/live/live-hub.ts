import { assertNever } from '../assert-never';
import type { HistoryLimits } from './bounded-history';
import { createLiveProjection, type LiveCycle } from './live-projection';
import {
  DEFAULT_WINDOW_MS,
  LIVE_PROTOCOL_VERSION,
  parseClientMessage,
  parseStreamKey,
  type ResumePoint,
  type ServerMessage,
  type SnapshotReason,
  type StreamKey,
} from './live-protocol';
import type { OverviewFrame, OverviewSnapshot, PipelineSnapshotData } from './live-wire';

/** The transport's side of one connection: the hub never touches a socket. */
export interface LiveClient {
  /** A message as JSON text; deltas come UTF-8 encoded once for all clients, to be sent as a text frame. */
  send(message: string | Uint8Array): void;
  /** Bytes queued for this client and not yet written to the network. */
  bufferedBytes(): number;
  close(code: number, reason: string): void;
}

export interface LiveSession {
  receive(text: string): void;
  disconnect(): void;
}

export interface LiveHubOptions {
  /** One per server start: a client holding another epoch's sequence numbers gets a snapshot. */
  epoch: string;
  intervalMs: number;
  heartbeatMs: number;
  demo: boolean;
  /** Chart points kept per pipeline (the longest live window). */
  history: HistoryLimits;
  /** Deltas kept per stream for clients that reconnect. */
  resumeBufferDeltas: number;
  /** A client with more than this queued gets no deltas until it drains, then one snapshot. */
  maxClientBufferBytes: number;
  /** A client that stays behind this long is disconnected; its browser reconnects and gets a snapshot. */
  slowClientTimeoutMs: number;
  maxStreamsPerClient: number;
  /** A pipeline stream's resume buffer is kept this long after its last subscriber left. */
  idleStreamRetentionMs: number;
  nowMs?: () => number;
}

export const DEFAULT_LIVE_HUB_OPTIONS: Omit<LiveHubOptions, 'epoch' | 'intervalMs' | 'demo' | 'history'> = {
  heartbeatMs: 5_000,
  resumeBufferDeltas: 120,
  maxClientBufferBytes: 1024 * 1024,
  slowClientTimeoutMs: 60_000,
  maxStreamsPerClient: 16,
  idleStreamRetentionMs: 10 * 60_000,
};

export interface LiveHubStats {
  clients: number;
  subscriptions: number;
  streams: number;
  bufferedDeltas: number;
  slowClientSnapshots: number;
  slowClientsClosed: number;
  /** Deltas not sent to a client that was behind (it gets a snapshot instead, or is closed), since start. */
  droppedDeltas: number;
  seq: number;
}

export interface LiveHub {
  publish(cycle: LiveCycle): void;
  connect(client: LiveClient): LiveSession;
  heartbeat(): void;
  /** The overview as a new subscriber gets it. */
  readOverview(): OverviewSnapshot;
  /** The overview's latest rows without sparklines (the REST API's list); null before the first cycle. */
  readOverviewFrame(): OverviewFrame | null;
  /** A pipeline's state and points within the window, as a pipeline stream's snapshot; null when it is unknown. */
  readPipeline(pipelineId: string, windowMs: number): PipelineSnapshotData | null;
  stats(): LiveHubStats;
}

interface StreamBuffer {
  /** Oldest first. */
  entries: { seq: number; bytes: Uint8Array }[];
  subscribers: Set<Session>;
  idleSinceMs: number | null;
}

interface Subscription {
  windowMs: number;
  behindSinceMs: number | null;
}

interface Session {
  client: LiveClient;
  subscriptions: Map<StreamKey, Subscription>;
}

/**
 * The live hub fans the projection (live-projection.ts) out to clients: each cycle becomes one
 * delta per stream (serialised once, sent to every subscriber), kept for resuming from
 * (epoch, seq), and a subscription is answered with the missed deltas or a snapshot. Every
 * buffer is bounded; a slow client costs at most `maxClientBufferBytes` before it is skipped,
 * and it catches up with a snapshot.
 */
export function createLiveHub(options: LiveHubOptions): LiveHub {
  const nowMs = options.nowMs ?? Date.now;
  const projection = createLiveProjection({ intervalMs: options.intervalMs, history: options.history });
  const streams = new Map<StreamKey, StreamBuffer>([['overview', { entries: [], subscribers: new Set(), idleSinceMs: null }]]);
  const sessions = new Set<Session>();
  let seq = 0;
  let slowClientSnapshots = 0;
  let slowClientsClosed = 0;
  let droppedDeltas = 0;
  // Serialising and encoding once per delta, not once per client, is what lets 1,000 clients cost little.
  const encoder = new TextEncoder();

  function publish(cycle: LiveCycle): void {
    seq++;
    const update = projection.apply(cycle);
    broadcast('overview', { type: 'delta', stream: 'overview', epoch: options.epoch, seq, data: update.overview });

    for (const [key, stream] of streams) {
      const ref = parseStreamKey(key);
      if (ref?.kind !== 'pipeline') continue;
      if (stream.idleSinceMs !== null && cycle.atMs - stream.idleSinceMs > options.idleStreamRetentionMs) {
        streams.delete(key);
        continue;
      }
      const data = update.pipelineDelta(ref.pipelineId);
      if (data) broadcast(key, { type: 'delta', stream: key, epoch: options.epoch, seq, data });
    }
  }

  function broadcast(key: StreamKey, message: ServerMessage & { type: 'delta' }): void {
    const stream = streams.get(key);
    if (!stream) return;
    const bytes = encoder.encode(JSON.stringify(message));
    stream.entries.push({ seq: message.seq, bytes });
    if (stream.entries.length > options.resumeBufferDeltas) stream.entries.shift();
    for (const session of stream.subscribers) deliver(session, key, bytes);
  }

  /** Sends a delta unless the client is behind; a client that drained gets one snapshot instead of the backlog. */
  function deliver(session: Session, key: StreamKey, bytes: Uint8Array): void {
    const subscription = session.subscriptions.get(key);
    if (!subscription) return;
    const buffered = session.client.bufferedBytes();
    if (subscription.behindSinceMs !== null) {
      droppedDeltas++;
      if (buffered <= options.maxClientBufferBytes / 4) {
        subscription.behindSinceMs = null;
        slowClientSnapshots++;
        sendSnapshot(session, key, subscription.windowMs, 'slow-client');
      } else if (nowMs() - subscription.behindSinceMs > options.slowClientTimeoutMs) {
        slowClientsClosed++;
        session.client.close(4008, 'too slow: reconnect for a snapshot');
        disconnect(session);
      }
      return;
    }
    if (buffered > options.maxClientBufferBytes) {
      subscription.behindSinceMs = nowMs();
      droppedDeltas++;
      return;
    }
    session.client.send(bytes);
  }

  function sendSnapshot(session: Session, key: StreamKey, windowMs: number, reason: SnapshotReason): void {
    const ref = parseStreamKey(key);
    if (!ref) return;
    const data: OverviewSnapshot | PipelineSnapshotData = ref.kind === 'overview' ? projection.overviewSnapshot() : projection.pipelineSnapshot(ref.pipelineId, windowMs);
    send(session, { type: 'snapshot', stream: key, epoch: options.epoch, seq, reason, data });
  }

  function send(session: Session, message: ServerMessage): void {
    session.client.send(JSON.stringify(message));
  }

  function subscribe(session: Session, key: StreamKey, windowMs: number, resume: ResumePoint | undefined): void {
    const ref = parseStreamKey(key);
    if (!ref) return;
    if (!session.subscriptions.has(key) && session.subscriptions.size >= options.maxStreamsPerClient) {
      send(session, { type: 'error', code: 'too-many-streams', message: `at most ${options.maxStreamsPerClient} streams per connection; unsubscribe first`, stream: key });
      return;
    }
    let stream = streams.get(key);
    if (!stream) {
      stream = { entries: [], subscribers: new Set(), idleSinceMs: null };
      streams.set(key, stream);
    }
    stream.subscribers.add(session);
    stream.idleSinceMs = null;
    session.subscriptions.set(key, { windowMs, behindSinceMs: null });

    const missed = resume ? missedDeltas(stream, resume) : null;
    if (missed) {
      for (const entry of missed) session.client.send(entry.bytes);
      return;
    }
    const reason: SnapshotReason = !resume ? 'subscribed' : resume.epoch !== options.epoch ? 'epoch-changed' : 'resume-unavailable';
    sendSnapshot(session, key, windowMs, reason);
  }

  /** The deltas after `resume`, or null when they are not all buffered (or the epoch differs). */
  function missedDeltas(stream: StreamBuffer, resume: ResumePoint): StreamBuffer['entries'] | null {
    if (resume.epoch !== options.epoch || resume.seq > seq) return null;
    if (resume.seq === seq) return [];
    const first = stream.entries[0];
    if (!first || first.seq > resume.seq + 1) return null;
    return stream.entries.filter((e) => e.seq > resume.seq);
  }

  function unsubscribe(session: Session, key: StreamKey): void {
    session.subscriptions.delete(key);
    const stream = streams.get(key);
    if (!stream) return;
    stream.subscribers.delete(session);
    if (stream.subscribers.size === 0 && key !== 'overview') stream.idleSinceMs = projection.latestAtMs() ?? nowMs();
  }

  function disconnect(session: Session): void {
    if (!sessions.delete(session)) return;
    for (const key of [...session.subscriptions.keys()]) unsubscribe(session, key);
  }

  function connect(client: LiveClient): LiveSession {
    const session: Session = { client, subscriptions: new Map() };
    sessions.add(session);
    send(session, {
      type: 'welcome',
      protocol: LIVE_PROTOCOL_VERSION,
      epoch: options.epoch,
      serverTimeMs: nowMs(),
      intervalMs: options.intervalMs,
      heartbeatMs: options.heartbeatMs,
      demo: options.demo,
    });
    return {
      receive(text) {
        if (!sessions.has(session)) return;
        const parsed = parseClientMessage(text);
        if (!parsed.ok) {
          send(session, { type: 'error', code: 'bad-message', message: `ignored a message: ${parsed.error}`, stream: null });
          return;
        }
        const message = parsed.message;
        switch (message.type) {
          case 'subscribe':
            subscribe(session, message.stream, message.windowMs ?? DEFAULT_WINDOW_MS, message.resume);
            return;
          case 'unsubscribe':
            unsubscribe(session, message.stream);
            return;
          default:
            return assertNever(message, 'client message');
        }
      },
      disconnect: () => disconnect(session),
    };
  }

  function heartbeat(): void {
    const text = JSON.stringify({ type: 'heartbeat', atMs: nowMs() } satisfies ServerMessage);
    for (const session of sessions) {
      if (session.client.bufferedBytes() <= options.maxClientBufferBytes) session.client.send(text);
    }
  }

  function stats(): LiveHubStats {
    let subscriptions = 0;
    for (const session of sessions) subscriptions += session.subscriptions.size;
    let bufferedDeltas = 0;
    for (const stream of streams.values()) bufferedDeltas += stream.entries.length;
    return { clients: sessions.size, subscriptions, streams: streams.size, bufferedDeltas, slowClientSnapshots, slowClientsClosed, droppedDeltas, seq };
  }

  return {
    publish,
    connect,
    heartbeat,
    readOverview: projection.overviewSnapshot,
    readOverviewFrame: projection.overviewFrame,
    readPipeline: (pipelineId, windowMs) => (projection.hasPipeline(pipelineId) ? projection.pipelineSnapshot(pipelineId, windowMs) : null),
    stats,
  };
}
