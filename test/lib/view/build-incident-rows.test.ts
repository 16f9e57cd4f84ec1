import { describe, expect, it } from 'vitest';
import { buildIncidentRows, incidentsSignature } from '../../../lib/view/build-incident-rows';
import { buildIncidentsApiPath, buildIncidentsSearch, parseIncidentsQuery } from '../../../lib/view/incidents-query';
import { incidentJson, T0 } from './view-fixtures';

const NOW = T0 + 30 * 60_000;

describe('buildIncidentRows', () => {
  const open = incidentJson({ id: 'p/slow-sink/1', firstSeenAtMs: T0 + 20 * 60_000, openedAtMs: T0 + 20 * 60_000 + 15_000 });
  const recovering = incidentJson({ id: 'p/consumer-stopped/2', type: 'consumer-stopped', family: 'consumer-stopped', status: 'recovering', severity: 'critical', firstSeenAtMs: T0, openedAtMs: T0 + 15_000 });
  const resolvedOld = incidentJson({ id: 'q/kafka-rebalance/3', pipelineId: 'q', type: 'kafka-rebalance', status: 'resolved', severity: 'info', firstSeenAtMs: T0, openedAtMs: T0, resolvedAtMs: T0 + 60_000 });
  const resolvedNew = incidentJson({ id: 'q/slow-sink/4', pipelineId: 'q', status: 'resolved', firstSeenAtMs: T0, openedAtMs: T0, resolvedAtMs: T0 + 600_000, acknowledged: { atMs: T0 + 120_000, by: 'ana' } });
  const rows = buildIncidentRows([resolvedOld, open, resolvedNew, recovering], NOW, { 'fraud-features': 'fraud features' });

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
  it.each([
    { desc: 'none', search: '', expected: { status: null, pipeline: null, type: null } },
    { desc: 'all three', search: '?status=open&pipeline=a%2Fb&type=slow-sink', expected: { status: 'open', pipeline: 'a/b', type: 'slow-sink' } },
    { desc: 'unknown values are dropped', search: '?status=closed&type=nope&pipeline=', expected: { status: null, pipeline: null, type: null } },
  ])('parse $desc', ({ search, expected }) => {
    expect(parseIncidentsQuery(new URLSearchParams(search))).toEqual(expected);
  });

  it('the API path carries the same filters and a limit', () => {
    expect(buildIncidentsApiPath({ status: 'resolved', pipeline: 'ü/%', type: null })).toBe('/api/incidents?status=resolved&pipeline=%C3%BC%2F%25&limit=200');
  });

  it('the page search round-trips', () => {
    const query = { status: 'open' as const, pipeline: '<script>/x', type: 'poison-pill' as never };
    expect(parseIncidentsQuery(new URLSearchParams(buildIncidentsSearch(query)))).toEqual({ ...query, type: null });
  });
});
