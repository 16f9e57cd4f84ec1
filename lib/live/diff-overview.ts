import { comparePipelineSummaries } from './build-pipeline-summary';
import type { OverviewDelta, OverviewFrame, PipelineSummary, PipelineSummaryPatch } from './live-wire';

/** The delta that turns `previous` into `next` (see OverviewDelta); with no previous frame, everything is new. */
export function diffOverview(previous: OverviewFrame | null, next: OverviewFrame): OverviewDelta {
  const before = new Map((previous?.pipelines ?? []).map((p) => [p.pipelineId, p]));
  const changed: PipelineSummaryPatch[] = [];
  for (const summary of next.pipelines) {
    const old = before.get(summary.pipelineId);
    before.delete(summary.pipelineId);
    if (!old) {
      changed.push(summary);
      continue;
    }
    const patch: PipelineSummaryPatch = { pipelineId: summary.pipelineId };
    let fields = 0;
    for (const key of Object.keys(summary) as (keyof PipelineSummary)[]) {
      if (!sameJson(old[key], summary[key])) {
        (patch as Record<string, unknown>)[key] = summary[key];
        fields++;
      }
    }
    if (fields > 0) changed.push(patch);
  }
  return {
    atMs: next.atMs,
    intervalMs: next.intervalMs,
    sources: previous && sameJson(previous.sources, next.sources) ? null : next.sources,
    changed,
    removed: [...before.keys()],
    openIncidents: previous && sameJson(previous.openIncidents, next.openIncidents) ? null : next.openIncidents,
  };
}

/** Applies a delta to the frame it was made from: the browser's half of diffOverview. */
export function patchOverview(previous: OverviewFrame | null, delta: OverviewDelta): OverviewFrame {
  const byId = new Map((previous?.pipelines ?? []).map((p) => [p.pipelineId, p]));
  for (const id of delta.removed) byId.delete(id);
  for (const patch of delta.changed) {
    const old = byId.get(patch.pipelineId);
    byId.set(patch.pipelineId, old ? { ...old, ...patch } : (patch as PipelineSummary));
  }
  return {
    atMs: delta.atMs,
    intervalMs: delta.intervalMs,
    sources: delta.sources ?? previous?.sources ?? (null as never),
    pipelines: [...byId.values()].sort(comparePipelineSummaries),
    openIncidents: delta.openIncidents ?? previous?.openIncidents ?? [],
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
