import type { PipelineJson } from '../../lib/api/pipeline-json';
import type { GroupEvent } from '../../lib/pipelines/group-events';
import type { DataGap, ResumePoint, ServerMessage } from '../../lib/live/live-protocol';
import { patchOverview } from '../../lib/live/diff-overview';
import { extendSparklines } from '../../lib/live/extend-sparklines';
import type { IncidentJson, OverviewDelta, OverviewFrame, OverviewSnapshot, PipelineDelta, PipelinePoint, PipelineSnapshotData, SparkPoint } from '../../lib/live/live-wire';

/**
 * What the browser holds per stream, and the pure reducers that apply the server's messages to
 * it. A period Pipewatch did not collect (server down, client unable to resume) becomes an
 * explicit gap: charts draw it as such instead of joining the points across it.
 */

export interface OverviewState {
  resume: ResumePoint | null;
  frame: OverviewFrame | null;
  sparklines: Record<string, SparkPoint[]>;
}

export interface PipelineState {
  resume: ResumePoint | null;
  pipelineId: string;
  detail: PipelineJson | null;
  points: PipelinePoint[];
  events: GroupEvent[];
  incidents: IncidentJson[];
  gaps: DataGap[];
  /** A gap known to have started (a snapshot with no points yet, e.g. a restarted server's first), closed by the next point. */
  openGap: Omit<DataGap, 'toMs'> | null;
}

const MAX_GAPS = 50;
const MAX_EVENTS = 200;

export const EMPTY_OVERVIEW_STATE: OverviewState = { resume: null, frame: null, sparklines: {} };

export function emptyPipelineState(pipelineId: string): PipelineState {
  return { resume: null, pipelineId, detail: null, points: [], events: [], incidents: [], gaps: [], openGap: null };
}

type StreamMessage = Extract<ServerMessage, { type: 'snapshot' | 'delta' }>;

export function applyOverviewMessage(state: OverviewState, message: StreamMessage): OverviewState {
  const resume = { epoch: message.epoch, seq: message.seq };
  if (message.type === 'snapshot') {
    const data = message.data as OverviewSnapshot;
    return { resume, frame: data.frame, sparklines: data.sparklines };
  }
  const delta = message.data as OverviewDelta;
  return { resume, frame: patchOverview(state.frame, delta), sparklines: extendSparklines(state.sparklines, delta) };
}

/**
 * A snapshot replaces the points it covers; older points the client already had are kept (they
 * may predate a server restart), and a hole longer than two intervals between the two becomes a gap.
 */
export function applyPipelineMessage(state: PipelineState, message: StreamMessage, intervalMs: number, windowMs: number): PipelineState {
  const resume = { epoch: message.epoch, seq: message.seq };
  if (message.type === 'snapshot') {
    const data = message.data as PipelineSnapshotData;
    const firstNewMs = data.points[0]?.atMs ?? Infinity;
    const kept = state.points.filter((p) => p.atMs < firstNewMs);
    const lastKept = kept.at(-1);
    const gaps = [...state.gaps];
    let openGap = state.openGap;
    if (message.reason !== 'subscribed' && lastKept && firstNewMs === Infinity) {
      openGap ??= { fromMs: lastKept.atMs, reason: message.reason };
    } else if (message.reason !== 'subscribed' && lastKept && firstNewMs - lastKept.atMs > 2 * intervalMs) {
      gaps.push({ fromMs: openGap?.fromMs ?? lastKept.atMs, toMs: firstNewMs, reason: openGap?.reason ?? message.reason });
      openGap = null;
    }
    const points = [...kept, ...data.points];
    const latestMs = points.at(-1)?.atMs ?? 0;
    return {
      resume,
      pipelineId: data.pipelineId,
      detail: data.detail ?? state.detail,
      points: trimToWindow(points, latestMs, windowMs),
      events: mergeEvents(state.events.filter((e) => e.atMs < firstNewMs), data.events),
      incidents: mergeIncidents(state.incidents, data.incidents),
      gaps: gaps.filter((g) => g.toMs >= latestMs - windowMs).slice(-MAX_GAPS),
      openGap,
    };
  }
  const delta = message.data as PipelineDelta;
  const points = trimToWindow([...state.points, delta.point], delta.point.atMs, windowMs);
  const closed = state.openGap ? [...state.gaps, { ...state.openGap, toMs: delta.point.atMs }] : state.gaps;
  return {
    resume,
    pipelineId: delta.pipelineId,
    detail: delta.detail,
    points,
    events: mergeEvents(state.events, delta.events),
    incidents: mergeIncidents(state.incidents, delta.incidents),
    gaps: closed.filter((g) => g.toMs >= delta.point.atMs - windowMs),
    openGap: null,
  };
}

function trimToWindow(points: PipelinePoint[], latestMs: number, windowMs: number): PipelinePoint[] {
  const fromMs = latestMs - windowMs;
  return points.filter((p) => p.atMs >= fromMs);
}

function mergeEvents(existing: readonly GroupEvent[], fresh: readonly GroupEvent[]): GroupEvent[] {
  const seen = new Set(existing.map((e) => JSON.stringify(e)));
  return [...existing, ...fresh.filter((e) => !seen.has(JSON.stringify(e)))].slice(-MAX_EVENTS);
}

function mergeIncidents(existing: readonly IncidentJson[], changed: readonly IncidentJson[]): IncidentJson[] {
  const byId = new Map(existing.map((i) => [i.id, i]));
  for (const incident of changed) byId.set(incident.id, incident);
  return [...byId.values()].sort((a, b) => a.openedAtMs - b.openedAtMs);
}
