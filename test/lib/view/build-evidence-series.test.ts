import { describe, expect, it } from 'vitest';
import type { EvidencePoint } from '../../../lib/incidents/evidence-point';
import { buildEvidenceSeries, EVIDENCE_CHARTS, typicalIntervalMs, type EvidenceIncident } from '../../../lib/view/build-evidence-series';
import { isBreakRow } from '../../../lib/view/build-chart-series';
import type { TimelineEntryDetail } from '../../../lib/view/incident-detail-answer';
import { T0 } from './view-fixtures';

const STEP = 5_000;

function evidence(atMs: number, overrides: Partial<EvidencePoint> = {}): EvidencePoint {
  return {
    atMs,
    lagMessages: 10,
    lagSeconds: 1,
    produceRatePerSec: 50,
    consumeRatePerSec: 50,
    dlqDepthMessages: null,
    retriesPerSec: 0,
    sinkLatencyP99Seconds: 0.02,
    sinkTransientErrorsPerSec: 0,
    sinkPermanentErrorsPerSec: 0,
    ...overrides,
  };
}

/** `count` points every 5 s from `fromMs`. */
const run = (fromMs: number, count: number, overrides: Partial<EvidencePoint> = {}) => Array.from({ length: count }, (_, i) => evidence(fromMs + i * STEP, overrides));

const incident = (overrides: Partial<EvidenceIncident> = {}): EvidenceIncident => ({
  id: 'p/slow-sink/1',
  type: 'slow-sink',
  severity: 'warning',
  status: 'resolved',
  firstSeenAtMs: T0 + 20 * 60_000,
  openedAtMs: T0 + 20 * 60_000 + 15_000,
  resolvedAtMs: T0 + 25 * 60_000,
  ...overrides,
});

// 15 minutes before the incident to 10 after, every 5 s: what the store keeps.
const KEPT = run(T0 + 5 * 60_000, (30 * 60_000) / STEP + 1);

describe('buildEvidenceSeries', () => {
  it.each([
    { desc: "'incident' zooms to the incident, as long again before it, 2 minutes after", span: 'incident' as const, domain: { fromMs: T0 + 15 * 60_000, toMs: T0 + 27 * 60_000 } },
    { desc: "'all' shows every point kept", span: 'all' as const, domain: { fromMs: T0 + 5 * 60_000, toMs: T0 + 35 * 60_000 } },
  ])('span: $desc', ({ span, domain }) => {
    const view = buildEvidenceSeries(KEPT, incident(), [], span);
    expect(view.domain).toEqual(domain);
    expect(view.pointCount + view.hiddenPoints).toBe(KEPT.length);
  });

  it.each([
    { desc: 'resolved: first seen to resolved', incident: incident(), band: { fromMs: T0 + 20 * 60_000, toMs: T0 + 25 * 60_000, ongoing: false, caption: 'Slow sink (backpressure)' } },
    {
      desc: 'open: to the last point, and says so',
      incident: incident({ status: 'open', resolvedAtMs: null }),
      band: { fromMs: T0 + 20 * 60_000, toMs: T0 + 35 * 60_000, ongoing: true, caption: 'Slow sink (backpressure) (open)' },
    },
    { desc: 'started before the first point: clipped', incident: incident({ firstSeenAtMs: T0, openedAtMs: T0 + 1_000 }), band: { fromMs: T0 + 5 * 60_000, toMs: T0 + 25 * 60_000 } },
  ])('band: $desc', ({ incident: i, band }) => {
    expect(buildEvidenceSeries(KEPT, i, [], 'all').bands).toMatchObject([band]);
  });

  it('a null is a gap in that line, not a zero', () => {
    const points = [...run(T0, 3), evidence(T0 + 3 * STEP, { sinkLatencyP99Seconds: null }), ...run(T0 + 4 * STEP, 3)];
    const view = buildEvidenceSeries(points, incident({ firstSeenAtMs: T0, openedAtMs: T0, resolvedAtMs: null, status: 'open' }));
    expect(view.rows.map((r) => r.sinkLatencyP99Seconds)).toEqual([0.02, 0.02, 0.02, null, 0.02, 0.02, 0.02]);
    expect(view.charts.find((c) => c.definition.id === 'sink-latency')!.gaps).toMatchObject([{ fromMs: T0 + 2 * STEP, toMs: T0 + 4 * STEP, cause: 'source-missing' }]);
  });

  it('a hole of more than two intervals breaks every line and is hatched as not collected', () => {
    const points = [...run(T0, 5), ...run(T0 + 10 * 60_000, 5)];
    const view = buildEvidenceSeries(points, incident({ firstSeenAtMs: T0, openedAtMs: T0, resolvedAtMs: null, status: 'open' }));
    expect(view.rows.filter(isBreakRow)).toHaveLength(1);
    expect(view.charts[0]!.gaps).toMatchObject([{ fromMs: T0 + 4 * STEP, toMs: T0 + 10 * 60_000, cause: 'not-collected' }]);
  });

  it('a chart with no value at all is marked so (a pipeline without DLQ)', () => {
    const view = buildEvidenceSeries(KEPT, incident());
    expect(view.charts.filter((c) => !c.hasData).map((c) => c.definition.id)).toEqual(['dlq']);
  });

  it('draws what evidence keeps, nothing else: sink latency is p99 only, no DLQ publishes', () => {
    expect(EVIDENCE_CHARTS.map((c) => [c.id, c.series.map((s) => s.key)])).toEqual([
      ['lag', ['lagMessages']],
      ['lag-seconds', ['lagSeconds']],
      ['rates', ['produceRatePerSec', 'consumeRatePerSec']],
      ['sink-latency', ['sinkLatencyP99Seconds']],
      ['errors', ['sinkTransientErrorsPerSec', 'sinkPermanentErrorsPerSec']],
      ['retries', ['retriesPerSec']],
      ['dlq', ['dlqDepthMessages']],
    ]);
  });

  it('marks what people did and where the incident opened; entries of one time become one marker', () => {
    const timeline: TimelineEntryDetail[] = [
      { kind: 'opened', atMs: T0 + 20 * 60_000 + 15_000, type: 'slow-sink', firstSeenAtMs: T0 + 20 * 60_000, summary: '' },
      { kind: 'acknowledged', atMs: T0 + 22 * 60_000, by: 'ana', note: null },
      { kind: 'note', atMs: T0 + 22 * 60_000, by: 'ana', text: 'x' },
      { kind: 'evidence-changed', atMs: T0 + 23 * 60_000, confidence: 'high', signals: [], summary: '' },
      { kind: 'note', atMs: T0 + 22 * 60_000 + 5_000, by: 'bob', text: 'too close to label' },
      { kind: 'note', atMs: T0, by: 'bob', text: 'before the domain' },
    ];
    const view = buildEvidenceSeries(KEPT, incident(), timeline);
    expect(view.markers.map((m) => [m.atMs - T0, m.label, m.showLabel])).toEqual([
      [20 * 60_000 + 15_000, 'opened', true],
      [22 * 60_000, 'ack, note', true],
      [22 * 60_000 + 5_000, 'note', false],
    ]);
  });

  it.each([
    { desc: 'no points', points: [], expected: { domain: null, pointCount: 0 } },
    { desc: 'one point still gets a minute of axis', points: [evidence(T0)], expected: { domain: { fromMs: T0 - 60_000, toMs: T0 }, pointCount: 1 } },
    { desc: 'two points: just them, no empty margin', points: [evidence(T0), evidence(T0 + 10_000)], expected: { domain: { fromMs: T0, toMs: T0 + 10_000 }, pointCount: 2 } },
  ])('$desc', ({ points, expected }) => {
    expect(buildEvidenceSeries(points, incident({ firstSeenAtMs: T0, openedAtMs: T0, resolvedAtMs: null }))).toMatchObject(expected);
  });
});

describe('typicalIntervalMs', () => {
  it.each([
    { desc: 'none', points: [], expected: null },
    { desc: 'the median step, whatever the holes', points: [0, 2_000, 4_000, 6_000, 60_000].map((atMs) => ({ atMs })), expected: 2_000 },
    { desc: 'duplicates do not count', points: [0, 0, 5_000].map((atMs) => ({ atMs })), expected: 5_000 },
  ])('$desc', ({ points, expected }) => {
    expect(typicalIntervalMs(points)).toBe(expected);
  });
});
