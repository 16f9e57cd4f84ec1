import { describe, expect, it } from 'vitest';
import type { DataGap } from '../../../lib/live/live-protocol';
import { MAX_PARTITION_SERIES as MAX_PARTITION_LINES } from '../../../lib/pipelines/pipeline-point';
import { buildChartGaps, buildChartSeries, isBreakRow } from '../../../lib/view/build-chart-series';
import { chartDefinition } from '../../../lib/view/chart-definitions';
import { point, points, T0 } from './view-fixtures';

const INTERVAL = 5_000;
const WINDOW = 15 * 60_000;

function series(input: { points: ReturnType<typeof points>; gaps?: DataGap[]; windowMs?: number }) {
  return buildChartSeries({ points: input.points, gaps: input.gaps ?? [], intervalMs: INTERVAL, windowMs: input.windowMs ?? WINDOW });
}

describe('buildChartSeries: rows', () => {
  it('no points: no domain, nothing to draw', () => {
    expect(series({ points: [] })).toEqual({ domain: null, rows: [], partitionSeries: [], gaps: [] });
  });

  it('the domain ends at the newest point and spans the window', () => {
    expect(series({ points: points(T0, 3) }).domain).toEqual({ fromMs: T0 + 10_000 - WINDOW, toMs: T0 + 10_000 });
  });

  it.each([
    { desc: 'two intervals apart: still one line', spacingMs: 2 * INTERVAL, breaks: 0 },
    { desc: 'more than two intervals apart: a null row breaks the line', spacingMs: 2 * INTERVAL + 1, breaks: 1 },
  ])('$desc', ({ spacingMs, breaks }) => {
    const data = series({ points: [point(T0), point(T0 + spacingMs)] });
    const breakRows = data.rows.filter(isBreakRow);
    expect(breakRows).toHaveLength(breaks);
    for (const r of breakRows) expect(r.lagMessages).toBeNull();
  });

  it('a break row sits between its neighbours, with every series null', () => {
    const data = series({ points: [point(T0), point(T0 + 60_000)] });
    expect(data.rows.map((r) => [r.atMs, r.lagMessages, 'p0' in r ? r.p0 : 'absent'])).toEqual([
      [T0, 10, 5],
      [T0 + 30_000, null, null],
      [T0 + 60_000, 10, 5],
    ]);
  });

  it('null values stay null, never zero', () => {
    const data = series({ points: [point(T0, { lagMessages: null, sinkLatencyP99Seconds: null }), point(T0 + INTERVAL)] });
    expect([data.rows[0]!.lagMessages, data.rows[0]!.sinkLatencyP99Seconds]).toEqual([null, null]);
  });

  it('points older than the window are dropped; duplicates by time keep the last', () => {
    const data = series({ points: [point(T0 - WINDOW - 1), point(T0, { lagMessages: 1 }), point(T0, { lagMessages: 2 })] });
    expect(data.rows.map((r) => r.lagMessages)).toEqual([2]);
  });

  it('partition lines: sorted by topic then partition number, keyed p0…', () => {
    const data = series({ points: [point(T0, { partitionLag: { 'payments/10': 1, 'payments/2': 1, 'a.b/0': 1 } })] });
    expect(data.partitionSeries.map((s) => [s.key, s.label])).toEqual([
      ['p0', 'a.b/0'],
      ['p1', 'payments/2'],
      ['p2', 'payments/10'],
    ]);
    expect(data.rows[0]).toMatchObject({ p0: 1, p1: 1, p2: 1 });
  });

  it('a partition missing from a point is null there', () => {
    const data = series({ points: [point(T0, { partitionLag: { 'payments/0': 4 } }), point(T0 + INTERVAL, { partitionLag: { 'payments/1': 7 } })] });
    expect(data.rows.map((r) => [r.p0, r.p1])).toEqual([
      [4, null],
      [null, 7],
    ]);
  });

  it(`at most ${MAX_PARTITION_LINES} partition lines, the most lagging`, () => {
    const partitionLag = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`t/${i}`, i]));
    const data = series({ points: [point(T0, { partitionLag })] });
    expect(data.partitionSeries).toHaveLength(MAX_PARTITION_LINES);
    expect(data.partitionSeries[0]!.label).toBe('t/6');
  });
});

describe('buildChartSeries: shared gaps', () => {
  it.each<{ desc: string; gaps: DataGap[]; pts: ReturnType<typeof points>; expected: { cause: string; label: string; fromMs: number; toMs: number }[] }>([
    {
      desc: 'a server restart (epoch changed)',
      pts: [point(T0), point(T0 + 120_000)],
      gaps: [{ fromMs: T0, toMs: T0 + 120_000, reason: 'epoch-changed' }],
      expected: [{ cause: 'restarted', label: 'no data: Pipewatch restarted', fromMs: T0, toMs: T0 + 120_000 }],
    },
    {
      desc: 'missed deltas no longer buffered',
      pts: [point(T0), point(T0 + 120_000)],
      gaps: [{ fromMs: T0, toMs: T0 + 120_000, reason: 'resume-unavailable' }],
      expected: [{ cause: 'connection-lost', label: 'no data: connection lost', fromMs: T0, toMs: T0 + 120_000 }],
    },
    {
      desc: 'a slow client',
      pts: [point(T0), point(T0 + 120_000)],
      gaps: [{ fromMs: T0, toMs: T0 + 120_000, reason: 'slow-client' }],
      expected: [{ cause: 'connection-lost', label: 'no data: connection lost', fromMs: T0, toMs: T0 + 120_000 }],
    },
    {
      desc: 'a hole in the server history without a stream gap',
      pts: [point(T0), point(T0 + 60_000)],
      gaps: [],
      expected: [{ cause: 'not-collected', label: 'no data: not collected', fromMs: T0, toMs: T0 + 60_000 }],
    },
    {
      desc: 'a gap reaching back before the window is clipped to it',
      pts: [point(T0 + WINDOW)],
      gaps: [{ fromMs: T0 - 60_000, toMs: T0 + 60_000, reason: 'epoch-changed' }],
      expected: [{ cause: 'restarted', label: 'no data: Pipewatch restarted', fromMs: T0, toMs: T0 + 60_000 }],
    },
  ])('$desc', ({ pts, gaps, expected }) => {
    expect(series({ points: pts, gaps }).gaps).toEqual(expected);
  });

  it('an explicit gap breaks the lines even when its neighbours are close', () => {
    const data = series({ points: [point(T0), point(T0 + INTERVAL)], gaps: [{ fromMs: T0, toMs: T0 + INTERVAL, reason: 'slow-client' }] });
    expect(data.rows.filter(isBreakRow)).toHaveLength(1);
  });
});

describe('buildChartGaps: runs of null points per chart', () => {
  const lag = chartDefinition('lag');
  const rates = chartDefinition('rates');
  const latency = chartDefinition('sink-latency');
  const partitions = chartDefinition('partition-lag');
  const kafkaGap = { lagMessages: null, lagSeconds: null, produceRatePerSec: null, consumeRatePerSec: null, dlqDepthMessages: null, partitionLag: {} };

  it.each([
    {
      desc: 'Kafka not read for two cycles: from the last point before to the first after',
      pts: [point(T0), point(T0 + 5_000, kafkaGap), point(T0 + 10_000, kafkaGap), point(T0 + 15_000)],
      chart: lag,
      expected: [{ fromMs: T0, toMs: T0 + 15_000, label: 'no data: Kafka not read' }],
    },
    {
      desc: 'the same gap on the per-partition chart',
      pts: [point(T0), point(T0 + 5_000, kafkaGap), point(T0 + 10_000)],
      chart: partitions,
      expected: [{ fromMs: T0, toMs: T0 + 10_000, label: 'no data: Kafka not read' }],
    },
    {
      desc: 'a chart with one series missing out of two draws no gap',
      pts: [point(T0), point(T0 + 5_000, { produceRatePerSec: null }), point(T0 + 10_000)],
      chart: rates,
      expected: [],
    },
    {
      desc: 'rates missing while lag was read: no data, not a Kafka gap',
      pts: [point(T0), point(T0 + 5_000, { produceRatePerSec: null, consumeRatePerSec: null }), point(T0 + 10_000)],
      chart: rates,
      expected: [{ fromMs: T0, toMs: T0 + 10_000, label: 'no data' }],
    },
    {
      desc: 'the first point without rates is a warm-up, not a gap',
      pts: [point(T0, { produceRatePerSec: null, consumeRatePerSec: null }), point(T0 + 5_000)],
      chart: rates,
      expected: [],
    },
    {
      desc: 'Prometheus without values, ongoing at the newest point',
      pts: [point(T0), point(T0 + 5_000, { sinkLatencyP50Seconds: null, sinkLatencyP95Seconds: null, sinkLatencyP99Seconds: null }), point(T0 + 10_000, { sinkLatencyP50Seconds: null, sinkLatencyP95Seconds: null, sinkLatencyP99Seconds: null })],
      chart: latency,
      expected: [{ fromMs: T0, toMs: T0 + 10_000, label: 'no data: no Prometheus value' }],
    },
    {
      desc: 'a single null point in the middle is a gap of two intervals',
      pts: [point(T0), point(T0 + 5_000, kafkaGap), point(T0 + 10_000)],
      chart: lag,
      expected: [{ fromMs: T0, toMs: T0 + 10_000, label: 'no data: Kafka not read' }],
    },
  ])('$desc', ({ pts, chart, expected }) => {
    const gaps = buildChartGaps(series({ points: pts }), chart);
    expect(gaps.map(({ fromMs, toMs, label }) => ({ fromMs, toMs, label }))).toEqual(expected);
  });

  it('keeps the shared gaps and merges overlapping runs of the same cause', () => {
    const pts = [point(T0), point(T0 + 60_000), point(T0 + 65_000, kafkaGap), point(T0 + 70_000)];
    const gaps = buildChartGaps(series({ points: pts, gaps: [{ fromMs: T0, toMs: T0 + 60_000, reason: 'epoch-changed' }] }), lag);
    expect(gaps.map((g) => g.label)).toEqual(['no data: Pipewatch restarted', 'no data: Kafka not read']);
  });
});
