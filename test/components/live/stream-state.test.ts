import { describe, expect, it } from 'vitest';
import type { ServerMessage, SnapshotReason } from '../../../lib/live/live-protocol';
import { SPARKLINE_POINTS, type PipelinePoint } from '../../../lib/live/live-wire';
import { emptyPipelinePoint } from '../../../lib/pipelines/pipeline-point';
import { applyOverviewMessage, applyPipelineMessage, emptyPipelineState, EMPTY_OVERVIEW_STATE } from '../../../components/live/stream-state';

const T0 = 1_800_000_000_000;
const INTERVAL_MS = 1_000;
const WINDOW_MS = 60_000;

function point(atMs: number, lagMessages: number | null = 10): PipelinePoint {
  return { ...emptyPipelinePoint(atMs), lagMessages };
}

const seconds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => point(T0 + (from + i) * 1_000));

function snapshot(reason: SnapshotReason, points: PipelinePoint[], epoch = 'e1'): Extract<ServerMessage, { type: 'snapshot' }> {
  return { type: 'snapshot', stream: 'pipeline:p', epoch, seq: 1, reason, data: { pipelineId: 'p', detail: null, points, events: [], incidents: [] } };
}

describe('pipeline stream state', () => {
  it.each([
    { desc: 'first subscription: no gap', held: [], reason: 'subscribed' as const, fresh: seconds(0, 9), gaps: [] },
    {
      desc: 'server restarted: the time it was down is a gap',
      held: seconds(0, 9),
      reason: 'epoch-changed' as const,
      fresh: seconds(30, 35),
      gaps: [{ fromMs: T0 + 9_000, toMs: T0 + 30_000, reason: 'epoch-changed' }],
    },
    { desc: 'resume unavailable but the server kept collecting: the snapshot fills the hole', held: seconds(0, 9), reason: 'resume-unavailable' as const, fresh: seconds(0, 20), gaps: [] },
    { desc: 'a hole of one interval is not a gap', held: seconds(0, 9), reason: 'epoch-changed' as const, fresh: seconds(11, 15), gaps: [] },
  ])('$desc', ({ held, reason, fresh, gaps }) => {
    const state = { ...emptyPipelineState('p'), points: held };
    const next = applyPipelineMessage(state, snapshot(reason, fresh), INTERVAL_MS, WINDOW_MS);
    expect(next.gaps).toEqual(gaps);
    expect(next.points.map((p) => p.atMs)).toEqual([...new Set([...held, ...fresh].map((p) => p.atMs))].sort((a, b) => a - b));
  });

  it('a restarted server with no points yet: the gap opens at the snapshot and closes at the first new point', () => {
    const held = { ...emptyPipelineState('p'), points: seconds(0, 9) };
    const waiting = applyPipelineMessage(held, snapshot('epoch-changed', [], 'e2'), INTERVAL_MS, WINDOW_MS);
    expect(waiting.gaps).toEqual([]);
    const [first] = seconds(30, 30);
    const resumed = applyPipelineMessage(waiting, { type: 'delta', stream: 'pipeline:p', epoch: 'e2', seq: 1, data: { pipelineId: 'p', detail: null as never, point: first!, events: [], incidents: [] } }, INTERVAL_MS, WINDOW_MS);
    expect(resumed.gaps).toEqual([{ fromMs: T0 + 9_000, toMs: T0 + 30_000, reason: 'epoch-changed' }]);
    expect(resumed.openGap).toBeNull();
  });

  it('keeps only the window, and forgets gaps that left it', () => {
    let state = applyPipelineMessage({ ...emptyPipelineState('p'), points: seconds(0, 5) }, snapshot('epoch-changed', seconds(20, 25)), INTERVAL_MS, WINDOW_MS);
    expect(state.gaps).toHaveLength(1);
    for (const p of seconds(26, 90)) {
      state = applyPipelineMessage(state, { type: 'delta', stream: 'pipeline:p', epoch: 'e1', seq: 2, data: { pipelineId: 'p', detail: null as never, point: p, events: [], incidents: [] } }, INTERVAL_MS, WINDOW_MS);
    }
    expect(state.points[0]?.atMs).toBe(T0 + 30_000);
    expect(state.gaps).toEqual([]);
    expect(state.resume).toEqual({ epoch: 'e1', seq: 2 });
  });
});

describe('overview stream state', () => {
  it('extends the sparkline of a row whose lag changed, bounded to the sparkline span, and drops pipelines that left', () => {
    let state = EMPTY_OVERVIEW_STATE;
    const summary = (id: string, lag: number) => ({ pipelineId: id, name: id, rank: 0, lagMessages: lag }) as never;
    for (let i = 0; i < SPARKLINE_POINTS + 5; i++) {
      state = applyOverviewMessage(state, {
        type: 'delta',
        stream: 'overview',
        epoch: 'e1',
        seq: i,
        data: {
          atMs: T0 + i * 1_000,
          intervalMs: 1_000,
          sources: null,
          added: i === 0 ? [summary('a', i), summary('b', i), summary('c', 7)] : [],
          changed: i === 0 ? [] : [{ pipelineId: 'a', lagMessages: i }],
          removed: i === 3 ? ['b'] : [],
          openIncidents: null,
        },
      });
    }
    // The points within the span, and the one before it that the line starts from.
    expect(state.sparklines.a).toHaveLength(SPARKLINE_POINTS + 1);
    expect(state.sparklines.a?.at(-1)).toEqual([T0 + (SPARKLINE_POINTS + 4) * 1_000, SPARKLINE_POINTS + 4]);
    // A row never sent again kept its lag: its one point is carried to the frame's time when drawn.
    expect(state.sparklines.c).toEqual([[T0, 7]]);
    expect(state.sparklines.b).toBeUndefined();
  });
});
