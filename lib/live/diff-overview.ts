import { comparePipelineSummaries } from './build-pipeline-summary';
import type { OverviewDelta, OverviewFrame, PipelineSummary, PipelineSummaryPatch } from './live-wire';

/** The fields whose change can move a row: a patch holding none of them keeps the order as it is. */
const ORDER_FIELDS: readonly (keyof PipelineSummary)[] = ['rank', 'name'];

/** The delta that turns `previous` into `next` (see OverviewDelta); with no previous frame, every pipeline is added. */
export function diffOverview(previous: OverviewFrame | null, next: OverviewFrame): OverviewDelta {
  const before = new Map((previous?.pipelines ?? []).map((p) => [p.pipelineId, p]));
  const added: PipelineSummary[] = [];
  const changed: PipelineSummaryPatch[] = [];
  for (const summary of next.pipelines) {
    const old = before.get(summary.pipelineId);
    before.delete(summary.pipelineId);
    if (!old) added.push(summary);
    else {
      const patch = diffSummary(old, summary);
      if (patch) changed.push(patch);
    }
  }
  return {
    atMs: next.atMs,
    intervalMs: next.intervalMs,
    sources: previous && sameValue(previous.sources, next.sources) ? null : next.sources,
    added,
    changed,
    removed: [...before.keys()],
    openIncidents: previous && sameValue(previous.openIncidents, next.openIncidents) ? null : next.openIncidents,
  };
}

/** Only the fields of `next` that differ from `old`; null when none does. */
export function diffSummary(old: PipelineSummary, next: PipelineSummary): PipelineSummaryPatch | null {
  let patch: PipelineSummaryPatch | null = null;
  for (const key of Object.keys(next) as (keyof PipelineSummary)[]) {
    if (sameValue(old[key], next[key])) continue;
    patch ??= { pipelineId: next.pipelineId };
    (patch as Record<string, unknown>)[key] = next[key];
  }
  return patch;
}

/**
 * Applies a delta to the frame it was made from: the browser's half of diffOverview. Rows the
 * delta does not name keep their object (a memoised row component does not render again), and
 * the list is sorted again only when a row came, went or changed a field the order depends on.
 */
export function patchOverview(previous: OverviewFrame | null, delta: OverviewDelta): OverviewFrame {
  const removed = new Set(delta.removed);
  const patches = new Map(delta.changed.map((p) => [p.pipelineId, p]));
  let reorder = delta.added.length > 0 || removed.size > 0;
  const pipelines: PipelineSummary[] = [];
  for (const row of previous?.pipelines ?? []) {
    if (removed.has(row.pipelineId)) continue;
    const patch = patches.get(row.pipelineId);
    if (!patch) {
      pipelines.push(row);
      continue;
    }
    if (!reorder && ORDER_FIELDS.some((key) => key in patch)) reorder = true;
    pipelines.push({ ...row, ...patch });
  }
  pipelines.push(...delta.added);
  if (reorder) pipelines.sort(comparePipelineSummaries);
  return {
    atMs: delta.atMs,
    intervalMs: delta.intervalMs,
    sources: delta.sources ?? previous?.sources ?? (null as never),
    pipelines,
    openIncidents: delta.openIncidents ?? previous?.openIncidents ?? [],
  };
}

/** Numbers and strings by value; the few nested fields (status, estimates, badges) by their JSON. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
