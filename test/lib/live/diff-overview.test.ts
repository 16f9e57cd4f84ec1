import { describe, expect, it } from 'vitest';
import { diffOverview, patchOverview } from '../../../lib/live/diff-overview';
import { createLiveHub, DEFAULT_LIVE_HUB_OPTIONS } from '../../../lib/live/live-hub';
import type { OverviewFrame } from '../../../lib/live/live-wire';
import { simulatedCycles } from './live-fixtures';

/** Real frames: the hub's, over a simulated pipeline copied under several ids, one dropping out. */
function frames(): OverviewFrame[] {
  const hub = createLiveHub({ ...DEFAULT_LIVE_HUB_OPTIONS, epoch: 'e', intervalMs: 1_000, demo: false, history: { maxEntries: 100, maxAgeMs: 3_600_000 } });
  const out: OverviewFrame[] = [];
  simulatedCycles(20).forEach((cycle, i) => {
    const copies = ['a', 'b', 'c'].filter((id) => !(id === 'c' && i >= 10));
    const snapshots = copies.map((id) => ({ ...cycle.snapshots[0]!, pipelineId: id, name: id }));
    hub.publish({ ...cycle, snapshots, diagnoses: copies.map((id) => ({ ...cycle.diagnoses[0]!, pipelineId: id })) });
    const read = hub.readOverview();
    if (read.frame) out.push(read.frame);
  });
  return out;
}

describe('overview deltas', () => {
  it('patching each delta onto the previous frame rebuilds every frame exactly', () => {
    let rebuilt: OverviewFrame | null = null;
    let previous: OverviewFrame | null = null;
    for (const frame of frames()) {
      rebuilt = patchOverview(rebuilt, diffOverview(previous, frame));
      expect(rebuilt).toEqual(frame);
      previous = frame;
    }
  });

  it.each([
    { desc: 'nothing changed: no pipeline, no sources, no incidents', change: (f: OverviewFrame) => f, changed: 0, sources: false },
    { desc: 'one number changed: one patch with only that field', change: (f: OverviewFrame) => ({ ...f, pipelines: f.pipelines.map((p, i) => (i === 0 ? { ...p, lagMessages: 12_345 } : p)) }), changed: 1, sources: false },
  ])('$desc', ({ change, changed, sources }) => {
    const [frame] = frames();
    const delta = diffOverview(frame!, change(frame!));
    expect(delta.changed).toHaveLength(changed);
    if (changed === 1) expect(Object.keys(delta.changed[0]!).sort()).toEqual(['lagMessages', 'pipelineId']);
    expect(delta.sources !== null).toBe(sources);
    expect(delta.openIncidents).toBeNull();
  });
});
