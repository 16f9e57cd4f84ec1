import { toPipelineJson } from '../api/pipeline-json';
import { toJsonSafe } from '../api/json-safe';
import type { CycleResult } from '../collection/collection-loop';
import { pushBounded, type HistoryLimits } from './bounded-history';
import type { PipelineDiagnosis } from '../diagnosis/diagnose-cycle';
import type { Incident } from '../incidents/incident';
import type { GroupEvent } from '../pipelines/group-events';
import type { PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import { buildPipelinePoint } from '../pipelines/pipeline-point';
import { buildPipelineSummary, comparePipelineSummaries, toOpenIncidentRef } from './build-pipeline-summary';
import { diffOverview } from './diff-overview';
import { SPARKLINE_POINTS, type IncidentJson, type OverviewDelta, type OverviewFrame, type OverviewSnapshot, type PipelineDelta, type PipelinePoint, type PipelineSnapshotData, type SparkPoint } from './live-wire';

/** The part of a collection cycle the live streams are made of. */
export type LiveCycle = Pick<CycleResult, 'atMs' | 'sources' | 'snapshots' | 'diagnoses' | 'incidentChanges' | 'openIncidents'>;

export interface LiveProjectionOptions {
  intervalMs: number;
  /** Chart points kept per pipeline (the longest live window). */
  history: HistoryLimits;
}

/** What one cycle changed, per stream. */
export interface LiveCycleUpdate {
  overview: OverviewDelta;
  /** The pipeline stream's delta; null when the pipeline was not in this cycle. */
  pipelineDelta(pipelineId: string): PipelineDelta | null;
}

export interface LiveProjection {
  apply(cycle: LiveCycle): LiveCycleUpdate;
  /** The overview as a new subscriber gets it. */
  overviewSnapshot(): OverviewSnapshot;
  /** The latest overview frame alone; null before the first cycle. */
  overviewFrame(): OverviewFrame | null;
  /** A pipeline's state and points within the window; empty when it is unknown. */
  pipelineSnapshot(pipelineId: string, windowMs: number): PipelineSnapshotData;
  hasPipeline(pipelineId: string): boolean;
  /** The time of the latest cycle applied; null before the first. */
  latestAtMs(): number | null;
}

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

/**
 * What the live streams are made of, kept cycle by cycle and free of any client: the overview's
 * rows and their delta, and per pipeline a bounded history of points, events, incident bands and
 * sparkline. A pipeline's delta is built only when asked, so unwatched pipelines cost no JSON.
 */
export function createLiveProjection(options: LiveProjectionOptions): LiveProjection {
  const pipelines = new Map<string, PipelineHistory>();
  let latestFrame: OverviewFrame | null = null;

  function apply(cycle: LiveCycle): LiveCycleUpdate {
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
      openIncidents: cycle.openIncidents.map(toOpenIncidentRef),
    };

    return {
      overview: diffOverview(previousFrame, latestFrame),
      pipelineDelta(pipelineId) {
        const history = pipelines.get(pipelineId);
        const point = history?.points.at(-1);
        if (!history || !point || history.snapshot.takenAtMs !== cycle.atMs) return null;
        return {
          pipelineId,
          detail: toPipelineJson(history.snapshot, history.diagnosis),
          point,
          events: newEvents.get(pipelineId) ?? [],
          incidents: (changedByPipeline.get(pipelineId) ?? []).map(toJsonSafe),
        };
      },
    };
  }

  /** Records the pipeline's cycle; returns the group events first seen in it. */
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

  return {
    apply,
    overviewSnapshot,
    overviewFrame: () => latestFrame,
    pipelineSnapshot,
    hasPipeline: (pipelineId) => pipelines.has(pipelineId),
    latestAtMs: () => latestFrame?.atMs ?? null,
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
