import { describe, expect, it } from 'vitest';
import { diffOverview, patchOverview } from '../../../lib/live/diff-overview';
import { createLiveHub, DEFAULT_LIVE_HUB_OPTIONS } from '../../../lib/live/live-hub';
import type { OverviewFrame, PipelineSummary } from '../../../lib/live/live-wire';
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

  const base = frames()[0]!;
  const row = (id: string, rank: number, lagMessages = 0): PipelineSummary => ({ ...base.pipelines[0]!, pipelineId: id, name: id, rank, lagMessages });
  const frameOf = (...pipelines: PipelineSummary[]): OverviewFrame => ({ ...base, pipelines: [...pipelines].sort((a, b) => b.rank - a.rank || a.name.localeCompare(b.name)) });
  const ids = (frame: OverviewFrame) => frame.pipelines.map((p) => p.pipelineId);

  it.each([
    { desc: 'add: a new row comes whole, in its place', before: frameOf(row('a', 5), row('c', 1)), after: frameOf(row('a', 5), row('b', 3), row('c', 1)), shape: { added: ['b'], changed: [], removed: [] } },
    { desc: 'change: only the changed field of the changed row', before: frameOf(row('a', 5), row('b', 3)), after: frameOf(row('a', 5), row('b', 3, 42)), shape: { added: [], changed: [['b', 'lagMessages']], removed: [] } },
    { desc: 'remove: the id only', before: frameOf(row('a', 5), row('b', 3), row('c', 1)), after: frameOf(row('a', 5), row('c', 1)), shape: { added: [], changed: [], removed: ['b'] } },
    { desc: 'reorder: a worse rank moves the row to the top', before: frameOf(row('a', 5), row('b', 3), row('c', 1)), after: frameOf(row('a', 5), row('b', 3), row('c', 9)), shape: { added: [], changed: [['c', 'rank']], removed: [] } },
    { desc: 'all at once', before: frameOf(row('a', 5), row('b', 3), row('c', 1)), after: frameOf(row('a', 0, 7), row('c', 1), row('d', 4)), shape: { added: ['d'], changed: [['a', 'lagMessages', 'rank']], removed: ['b'] } },
  ])('$desc', ({ before, after, shape }) => {
    const delta = diffOverview(before, after);
    expect({
      added: delta.added.map((p) => p.pipelineId),
      changed: delta.changed.map((p) => [p.pipelineId, ...Object.keys(p).filter((k) => k !== 'pipelineId').sort()]),
      removed: delta.removed,
    }).toEqual(shape);
    const merged = patchOverview(before, delta);
    expect(ids(merged)).toEqual(ids(after));
    expect(merged).toEqual(after);
  });

  it('a merge keeps the objects of the rows it did not touch, so their components do not render again', () => {
    const before = frameOf(row('a', 5), row('b', 3), row('c', 1));
    const merged = patchOverview(before, diffOverview(before, frameOf(row('a', 5), row('b', 3, 42), row('c', 1))));
    expect(merged.pipelines.map((p, i) => p === before.pipelines[i])).toEqual([true, false, true]);
  });
});
