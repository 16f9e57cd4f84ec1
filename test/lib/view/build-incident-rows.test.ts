import { describe, expect, it } from 'vitest';
import { buildIncidentRows, incidentsSignature } from '../../../lib/view/build-incident-rows';
import { buildFiguresApiPath, buildIncidentsApiPath, buildIncidentsQueryKey, buildIncidentsSearch, isFiltered, parseIncidentsQuery, rangeFromMs } from '../../../lib/view/incidents-query';
import { incidentJson, T0 } from './view-fixtures';

const NOW = T0 + 30 * 60_000;

describe('buildIncidentRows', () => {
  const open = incidentJson({ id: 'p/slow-sink/1', firstSeenAtMs: T0 + 20 * 60_000, openedAtMs: T0 + 20 * 60_000 + 15_000 });
  const recovering = incidentJson({ id: 'p/consumer-stopped/2', type: 'consumer-stopped', family: 'consumer-stopped', status: 'recovering', severity: 'critical', firstSeenAtMs: T0, openedAtMs: T0 + 15_000 });
  const resolvedOld = incidentJson({ id: 'q/kafka-rebalance/3', pipelineId: 'q', type: 'kafka-rebalance', status: 'resolved', severity: 'info', firstSeenAtMs: T0, openedAtMs: T0, resolvedAtMs: T0 + 60_000 });
  const resolvedNew = incidentJson({ id: 'q/slow-sink/4', pipelineId: 'q', status: 'resolved', firstSeenAtMs: T0, openedAtMs: T0, resolvedAtMs: T0 + 600_000, acknowledged: { atMs: T0 + 120_000, by: 'ana' } });
  const rows = buildIncidentRows(
    [{ ...resolvedOld, resolution: { kind: 'automatic', atMs: T0 + 60_000, reason: 'recovery verified' } }, open, { ...resolvedNew, resolution: { kind: 'by-hand', atMs: T0 + 600_000, by: 'bob', reason: 'scaled' } }, recovering, { ...open, status: 'recovering' }],
    NOW,
    { 'fraud-features': 'fraud features' },
  );

  it('open first, then recovering, then resolved by when they ended (newest first)', () => {
    expect(rows.map((r) => r.id)).toEqual(['p/slow-sink/1', 'p/consumer-stopped/2', 'q/slow-sink/4', 'q/kafka-rebalance/3']);
  });

  it.each([
    { desc: 'type title', actual: () => rows[0]!.title, expected: 'Slow sink (backpressure)' },
    { desc: 'pipeline name from the overview', actual: () => rows[0]!.pipelineName, expected: 'fraud features' },
    { desc: 'an unknown pipeline shows its id', actual: () => rows[2]!.pipelineName, expected: 'q' },
    { desc: 'started, absolute UTC', actual: () => rows[0]!.startedAbsolute, expected: '03:20:00 UTC' },
    { desc: 'started, relative', actual: () => rows[0]!.startedRelative, expected: '10 m ago' },
    { desc: 'an ongoing duration says so', actual: () => rows[0]!.duration, expected: '10 m 00 s, ongoing' },
    { desc: 'a resolved duration', actual: () => rows[2]!.duration, expected: '10 m 00 s' },
    { desc: 'acknowledged by whom and when', actual: () => rows[2]!.acknowledged, expected: 'by ana, 03:02:00 UTC' },
    { desc: 'not acknowledged', actual: () => rows[0]!.acknowledged, expected: 'no' },
    { desc: 'status word', actual: () => rows[1]!.status.label, expected: 'Recovering' },
    { desc: 'link by query parameter', actual: () => rows[0]!.href, expected: '/incident?id=p%2Fslow-sink%2F1' },
    { desc: 'an id listed twice (two pages) counts once, as first listed', actual: () => rows.filter((r) => r.id === 'p/slow-sink/1').map((r) => r.status.status).join(), expected: 'open' },
    { desc: 'resolved by hand: by whom', actual: () => rows[2]!.resolution, expected: 'by hand, by bob' },
    { desc: 'resolved by itself', actual: () => rows[3]!.resolution, expected: 'automatically' },
    { desc: 'not resolved: no resolution', actual: () => rows[0]!.resolution, expected: null },
  ])('$desc', ({ actual, expected }) => {
    expect(actual()).toBe(expected);
  });
});

describe('incidentsSignature', () => {
  const a = incidentJson({ id: 'a' });
  const b = incidentJson({ id: 'b' });
  it.each([
    { desc: 'order does not matter', left: [a, b], right: [b, a], same: true },
    { desc: 'a new incident changes it', left: [a], right: [a, b], same: false },
    { desc: 'a status change changes it', left: [a], right: [{ ...a, status: 'recovering' as const }], same: false },
    { desc: 'an acknowledgement changes it', left: [a], right: [{ ...a, acknowledged: { atMs: 1, by: 'x' } }], same: false },
    { desc: 'a new lastSeenAtMs alone does not (no refetch every cycle)', left: [a], right: [{ ...a, lastSeenAtMs: a.lastSeenAtMs + 5_000 }], same: true },
  ])('$desc', ({ left, right, same }) => {
    expect(incidentsSignature(left) === incidentsSignature(right)).toBe(same);
  });
});

describe('incidents query', () => {
  const all = { status: null, pipeline: null, type: null, range: 'all' };
  it.each([
    { desc: 'none', search: '', expected: all },
    { desc: 'all four', search: '?status=open&pipeline=a%2Fb&type=slow-sink&range=7d', expected: { status: 'open', pipeline: 'a/b', type: 'slow-sink', range: '7d' } },
    { desc: 'unknown values are dropped', search: '?status=closed&type=nope&pipeline=&range=1y', expected: all },
  ])('parse $desc', ({ search, expected }) => {
    expect(parseIncidentsQuery(new URLSearchParams(search))).toEqual(expected);
  });

  it.each([
    { desc: 'filters, a page size, no from for all time', query: { status: 'resolved' as const, pipeline: 'ü/%', type: null, range: 'all' as const }, cursor: null, expected: '/api/incidents?pipeline=%C3%BC%2F%25&status=resolved&limit=50' },
    { desc: 'a range becomes from, as of now', query: { status: null, pipeline: null, type: 'slow-sink' as const, range: '24h' as const }, cursor: null, expected: `/api/incidents?type=slow-sink&from=${NOW - 86_400_000}&limit=50` },
    { desc: 'the next page carries the cursor', query: { status: null, pipeline: null, type: null, range: 'all' as const }, cursor: '123:p/x', expected: '/api/incidents?limit=50&cursor=123%3Ap%2Fx' },
  ])('list path: $desc', ({ query, cursor, expected }) => {
    expect(buildIncidentsApiPath(query, NOW, cursor)).toBe(expected);
  });

  it.each([
    { desc: 'no filter', query: { status: null, pipeline: null, type: null, range: 'all' as const }, expected: '/api/incidents/figures' },
    { desc: 'status does not apply to figures', query: { status: 'open' as const, pipeline: 'p', type: null, range: '30d' as const }, expected: `/api/incidents/figures?pipeline=p&from=${NOW - 30 * 86_400_000}` },
  ])('figures path: $desc', ({ query, expected }) => {
    expect(buildFiguresApiPath(query, NOW)).toBe(expected);
  });

  it.each([
    { range: 'all' as const, expected: null },
    { range: '24h' as const, expected: NOW - 24 * 3_600_000 },
    { range: '7d' as const, expected: NOW - 7 * 86_400_000 },
  ])('range $range starts at $expected', ({ range, expected }) => {
    expect(rangeFromMs(range, NOW)).toBe(expected);
  });

  it('the page search round-trips; the default range stays out of the URL', () => {
    const query = { status: 'open' as const, pipeline: '<script>/x', type: 'poison-pill' as never, range: '30d' as const };
    expect(parseIncidentsQuery(new URLSearchParams(buildIncidentsSearch(query)))).toEqual({ ...query, type: null });
    expect(buildIncidentsSearch({ status: null, pipeline: null, type: null, range: 'all' })).toBe('');
  });

  it('the cache key is the filters, not the clock', () => {
    const q = { status: null, pipeline: 'p', type: null, range: '24h' as const };
    expect(buildIncidentsQueryKey(q)).toBe('?pipeline=p&range=24h');
    expect(isFiltered(q)).toBe(true);
    expect(isFiltered({ ...q, pipeline: null, range: 'all' })).toBe(false);
  });
});
