import { describe, expect, it } from 'vitest';
import { createLiveProjection, type LiveCycle, type LiveProjectionOptions } from '../../../lib/live/live-projection';
import { SPARKLINE_POINTS } from '../../../lib/live/live-wire';
import { GROUP } from '../../../lab/bench/simulate-pipeline';
import { simulatedCycles } from './live-fixtures';

const CYCLES = simulatedCycles(SPARKLINE_POINTS + 20);
const START_MS = CYCLES[0]!.atMs;

function projected(count: number, history: LiveProjectionOptions['history'] = { maxEntries: 1_000, maxAgeMs: 3_600_000 }) {
  const projection = createLiveProjection({ intervalMs: 1_000, history });
  const updates = CYCLES.slice(0, count).map((cycle) => projection.apply(cycle));
  return { projection, updates };
}

/** The same pipeline's cycle, later and without it: the projection then has a cycle it was not in. */
function withoutPipelines(cycle: LiveCycle, atMs: number): LiveCycle {
  return { ...cycle, atMs, snapshots: [], diagnoses: [], incidentChanges: [], openIncidents: [] };
}

describe('live projection', () => {
  it.each([
    { desc: 'before the first cycle: no frame, no sparklines', cycles: 0, expected: { frame: false, sparkline: undefined, latestAtMs: null } },
    { desc: 'after one cycle: one sparkline point', cycles: 1, expected: { frame: true, sparkline: 1, latestAtMs: START_MS } },
    { desc: 'sparklines keep the recent trend only', cycles: SPARKLINE_POINTS + 20, expected: { frame: true, sparkline: SPARKLINE_POINTS, latestAtMs: CYCLES[SPARKLINE_POINTS + 19]!.atMs } },
  ])('$desc', ({ cycles, expected }) => {
    const { projection } = projected(cycles);
    const overview = projection.overviewSnapshot();
    expect({ frame: overview.frame !== null, sparkline: overview.sparklines[GROUP]?.length, latestAtMs: projection.latestAtMs() }).toEqual(expected);
  });

  it.each([
    { desc: 'the first cycle brings every row whole', index: 0, expected: { added: 1, changed: 0, sources: true } },
    { desc: 'a steady later cycle brings no rows; unchanged sources are null', index: 5, expected: { added: 0, changed: 0, sources: false } },
  ])('overview delta: $desc', ({ index, expected }) => {
    const { updates } = projected(index + 1);
    const delta = updates[index]!.overview;
    expect({ added: delta.added.length, changed: delta.changed.length, sources: delta.sources !== null }).toEqual(expected);
  });

  it.each([
    { desc: 'a pipeline in the cycle gets its new point', pipelineId: GROUP, expected: CYCLES[9]!.atMs },
    { desc: 'an unknown pipeline gets none', pipelineId: 'nobody', expected: null },
  ])('pipeline delta: $desc', ({ pipelineId, expected }) => {
    const { updates } = projected(10);
    expect(updates[9]!.pipelineDelta(pipelineId)?.point.atMs ?? null).toBe(expected);
  });

  it('gives no pipeline delta for a cycle the pipeline was not in', () => {
    const { projection } = projected(3);
    const update = projection.apply(withoutPipelines(CYCLES[3]!, CYCLES[3]!.atMs));
    expect(update.pipelineDelta(GROUP)).toBeNull();
    expect(projection.hasPipeline(GROUP)).toBe(true);
  });

  it.each([
    { desc: 'the window bounds the snapshot', history: { maxEntries: 1_000, maxAgeMs: 3_600_000 }, windowMs: 9_000, expected: 10 },
    { desc: 'the history bounds it by count', history: { maxEntries: 5, maxAgeMs: 3_600_000 }, windowMs: 60_000, expected: 5 },
    { desc: 'the history bounds it by age', history: { maxEntries: 1_000, maxAgeMs: 3_000 }, windowMs: 60_000, expected: 4 },
  ])('pipeline snapshot: $desc', ({ history, windowMs, expected }) => {
    const { projection } = projected(30, history);
    const snapshot = projection.pipelineSnapshot(GROUP, windowMs);
    expect(snapshot.points).toHaveLength(expected);
    expect(snapshot.detail?.groupId).toBe(GROUP);
  });

  it('forgets a pipeline not seen for longer than the history keeps', () => {
    const { projection } = projected(3, { maxEntries: 1_000, maxAgeMs: 10_000 });
    projection.apply(withoutPipelines(CYCLES[3]!, CYCLES[2]!.atMs + 10_001));
    expect(projection.hasPipeline(GROUP)).toBe(false);
    expect(projection.pipelineSnapshot(GROUP, 60_000)).toEqual({ pipelineId: GROUP, detail: null, points: [], events: [], incidents: [] });
  });
});
