import { toPipelineJson } from '../api/pipeline-json';
import { toJsonSafe } from '../api/json-safe';
import type { PipelineDiagnosis } from '../diagnosis/diagnose-cycle';
import type { Incident, IncidentChange } from '../incidents/incident';
import { pushBounded, type HistoryLimits } from '../collection/bounded-history';
import type { GroupEvent } from '../pipelines/group-events';
import type { PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import { buildPipelinePoint } from '../pipelines/pipeline-point';
import { buildPipelineSummary, comparePipelineSummaries } from './build-pipeline-summary';
import { diffOverview } from './diff-overview';
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
import type { IncidentJson, OverviewFrame, OverviewSnapshot, PipelineDelta, PipelinePoint, PipelineSnapshotData, SourcesJson, SparkPoint } from './live-wire';
import { assertNever } from '../assert-never';

/** What the hub needs of a collection cycle (lib/collection/collection-loop.ts CycleResult has it all). */
export interface LiveCycle {
  atMs: number;
  sources: SourcesJson;
  snapshots: readonly PipelineSnapshot[];
  diagnoses: readonly PipelineDiagnosis[];
  incidentChanges: readonly IncidentChange[];
  openIncidents: readonly Incident[];
}

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
  seq: number;
}

export interface LiveHub {
  publish(cycle: LiveCycle): void;
  connect(client: LiveClient): LiveSession;
  heartbeat(): void;
  /** The overview as a new subscriber gets it. */
  readOverview(): OverviewSnapshot;
  /** A pipeline's state and points within the window, as a pipeline stream's snapshot; null when it is unknown. */
  readPipeline(pipelineId: string, windowMs: number): PipelineSnapshotData | null;
  stats(): LiveHubStats;
}

/** Sparklines show the recent trend only. */
const SPARKLINE_POINTS = 60;
/** Resolved incidents stay on a pipeline's charts as bands for this long. */
const RESOLVED_INCIDENT_RETENTION_MS = 60 * 60_000;
const MAX_EVENTS_PER_PIPELINE = 200;

interface PipelineHistory {
  snapshot: PipelineSnapshot;
  diagnosis: PipelineDiagnosis | undefined;
  points: PipelinePoint[];
  events: GroupEvent[];
  incidents: Map<string, IncidentJson>;
  sparkline: SparkPoint[];
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
 * The live hub: keeps the recent state the streams are made of, turns each collection cycle into
 * one delta per stream (serialised once, sent to every subscriber), and answers subscriptions
 * with the missed deltas or a snapshot. Every buffer is bounded; a slow client costs at most
 * `maxClientBufferBytes` before it is skipped, and it catches up with a snapshot.
 */
export function createLiveHub(options: LiveHubOptions): LiveHub {
  const nowMs = options.nowMs ?? Date.now;
  const pipelines = new Map<string, PipelineHistory>();
  const streams = new Map<StreamKey, StreamBuffer>([['overview', { entries: [], subscribers: new Set(), idleSinceMs: null }]]);
  const sessions = new Set<Session>();
  let latestFrame: OverviewFrame | null = null;
  let seq = 0;
  let slowClientSnapshots = 0;
  let slowClientsClosed = 0;
  // Serialising and encoding once per delta, not once per client, is what lets 1,000 clients cost little.
  const encoder = new TextEncoder();

  function publish(cycle: LiveCycle): void {
    seq++;
    const diagnoses = new Map(cycle.diagnoses.map((d) => [d.pipelineId, d]));
    const openByPipeline = groupBy(cycle.openIncidents, (i) => i.pipelineId);
    const changedByPipeline = groupBy(
      cycle.incidentChanges.flatMap((c) => (c.kind === 'rejected' ? [] : [c.incident])),
      (i) => i.pipelineId,
    );
    const newEvents = new Map<string, GroupEvent[]>();
    for (const snapshot of cycle.snapshots) {
      newEvents.set(snapshot.pipelineId, updatePipeline(snapshot, diagnoses.get(snapshot.pipelineId), changedByPipeline.get(snapshot.pipelineId) ?? []));
    }
    forgetOldPipelines(cycle.atMs);

    const previousFrame = latestFrame;
    latestFrame = {
      atMs: cycle.atMs,
      intervalMs: options.intervalMs,
      sources: cycle.sources,
      pipelines: cycle.snapshots
        .map((s) => buildPipelineSummary(s, diagnoses.get(s.pipelineId), openByPipeline.get(s.pipelineId) ?? []))
        .sort(comparePipelineSummaries),
      openIncidents: cycle.openIncidents.map(toJsonSafe),
    };
    broadcast('overview', { type: 'delta', stream: 'overview', epoch: options.epoch, seq, data: diffOverview(previousFrame, latestFrame) });

    for (const [key, stream] of streams) {
      const ref = parseStreamKey(key);
      if (ref?.kind !== 'pipeline') continue;
      if (stream.idleSinceMs !== null && cycle.atMs - stream.idleSinceMs > options.idleStreamRetentionMs) {
        streams.delete(key);
        continue;
      }
      const history = pipelines.get(ref.pipelineId);
      const point = history?.points.at(-1);
      if (!history || !point || history.snapshot.takenAtMs !== cycle.atMs) continue;
      const data: PipelineDelta = {
        pipelineId: ref.pipelineId,
        detail: toPipelineJson(history.snapshot, history.diagnosis),
        point,
        events: newEvents.get(ref.pipelineId) ?? [],
        incidents: (changedByPipeline.get(ref.pipelineId) ?? []).map(toJsonSafe),
      };
      broadcast(key, { type: 'delta', stream: key, epoch: options.epoch, seq, data });
    }
  }

  function updatePipeline(snapshot: PipelineSnapshot, diagnosis: PipelineDiagnosis | undefined, changed: readonly Incident[]): GroupEvent[] {
    const previous = pipelines.get(snapshot.pipelineId);
    const point = buildPipelinePoint(snapshot);
    const lastEventMs = previous?.events.at(-1)?.atMs ?? -Infinity;
    const fresh = snapshot.kafka.kind === 'sampled' ? snapshot.kafka.recentEvents.filter((e) => e.atMs > lastEventMs) : [];
    const incidents = previous?.incidents ?? new Map<string, IncidentJson>();
    for (const incident of changed) incidents.set(incident.id, toJsonSafe(incident));
    for (const [id, incident] of incidents) {
      if (incident.resolvedAtMs !== null && snapshot.takenAtMs - incident.resolvedAtMs > RESOLVED_INCIDENT_RETENTION_MS) incidents.delete(id);
    }
    pipelines.set(snapshot.pipelineId, {
      snapshot,
      diagnosis,
      points: pushBounded(previous?.points ?? [], point, options.history),
      events: [...(previous?.events ?? []), ...fresh].filter((e) => snapshot.takenAtMs - e.atMs <= options.history.maxAgeMs).slice(-MAX_EVENTS_PER_PIPELINE),
      incidents,
      sparkline: [...(previous?.sparkline ?? []), [point.atMs, point.lagMessages] as SparkPoint].slice(-SPARKLINE_POINTS),
    });
    return fresh;
  }

  function forgetOldPipelines(atMs: number): void {
    for (const [id, history] of pipelines) {
      if (atMs - history.snapshot.takenAtMs > options.history.maxAgeMs) pipelines.delete(id);
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
      return;
    }
    session.client.send(bytes);
  }

  function sendSnapshot(session: Session, key: StreamKey, windowMs: number, reason: SnapshotReason): void {
    const ref = parseStreamKey(key);
    if (!ref) return;
    const data: OverviewSnapshot | PipelineSnapshotData = ref.kind === 'overview' ? overviewSnapshot() : pipelineSnapshot(ref.pipelineId, windowMs);
    send(session, { type: 'snapshot', stream: key, epoch: options.epoch, seq, reason, data });
  }

  function overviewSnapshot(): OverviewSnapshot {
    const sparklines: Record<string, SparkPoint[]> = {};
    for (const summary of latestFrame?.pipelines ?? []) sparklines[summary.pipelineId] = pipelines.get(summary.pipelineId)?.sparkline ?? [];
    return { frame: latestFrame, sparklines };
  }

  function pipelineSnapshot(pipelineId: string, windowMs: number): PipelineSnapshotData {
    const history = pipelines.get(pipelineId);
    if (!history) return { pipelineId, detail: null, points: [], events: [], incidents: [] };
    const fromMs = history.snapshot.takenAtMs - windowMs;
    return {
      pipelineId,
      detail: toPipelineJson(history.snapshot, history.diagnosis),
      points: history.points.filter((p) => p.atMs >= fromMs),
      events: history.events.filter((e) => e.atMs >= fromMs),
      incidents: [...history.incidents.values()],
    };
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
    if (stream.subscribers.size === 0 && key !== 'overview') stream.idleSinceMs = latestFrame?.atMs ?? nowMs();
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
    return { clients: sessions.size, subscriptions, streams: streams.size, bufferedDeltas, slowClientSnapshots, slowClientsClosed, seq };
  }

  return {
    publish,
    connect,
    heartbeat,
    readOverview: overviewSnapshot,
    readPipeline: (pipelineId, windowMs) => (pipelines.has(pipelineId) ? pipelineSnapshot(pipelineId, windowMs) : null),
    stats,
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
