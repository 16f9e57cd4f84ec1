import { describe, expect, it } from 'vitest';
import type { GroupEvent } from '../../../lib/pipelines/group-events';
import { buildEventMarkers, buildIncidentBands } from '../../../lib/view/build-chart-overlays';
import { failureTitle } from '../../../lib/view/failure-title';
import { incidentJson, T0 } from './view-fixtures';

const DOMAIN = { fromMs: T0, toMs: T0 + 15 * 60_000 };

describe('buildIncidentBands', () => {
  it.each([
    {
      desc: 'an open incident runs from its first sighting to the newest point',
      incident: incidentJson({ id: 'a', firstSeenAtMs: T0 + 60_000, openedAtMs: T0 + 75_000 }),
      expected: [{ fromMs: T0 + 60_000, toMs: DOMAIN.toMs, ongoing: true, label: 'Slow sink (backpressure)' }],
    },
    {
      desc: 'a resolved one ends when it resolved',
      incident: incidentJson({ id: 'b', firstSeenAtMs: T0 + 60_000, openedAtMs: T0 + 75_000, resolvedAtMs: T0 + 120_000, status: 'resolved' }),
      expected: [{ fromMs: T0 + 60_000, toMs: T0 + 120_000, ongoing: false, label: 'Slow sink (backpressure)' }],
    },
    {
      desc: 'one that began before the window is clipped to it',
      incident: incidentJson({ id: 'c', firstSeenAtMs: T0 - 60_000, openedAtMs: T0 - 45_000 }),
      expected: [{ fromMs: T0, toMs: DOMAIN.toMs, ongoing: true, label: 'Slow sink (backpressure)' }],
    },
    {
      desc: 'one resolved before the window is not drawn',
      incident: incidentJson({ id: 'd', firstSeenAtMs: T0 - 120_000, resolvedAtMs: T0 - 60_000, status: 'resolved' }),
      expected: [],
    },
  ])('$desc', ({ incident, expected }) => {
    expect(buildIncidentBands([incident], DOMAIN).map(({ fromMs, toMs, ongoing, label }) => ({ fromMs, toMs, ongoing, label }))).toEqual(expected);
  });

  it.each([
    { desc: 'open', incident: incidentJson({ id: 'a' }), expected: 'Slow sink (backpressure) (open)' },
    { desc: 'recovering', incident: incidentJson({ id: 'a', status: 'recovering' }), expected: 'Slow sink (backpressure) (recovering)' },
    { desc: 'resolved', incident: incidentJson({ id: 'a', status: 'resolved', resolvedAtMs: T0 + 60_000 }), expected: 'Slow sink (backpressure)' },
  ])('caption when $desc', ({ incident, expected }) => {
    expect(buildIncidentBands([incident], DOMAIN)[0]!.caption).toBe(expected);
  });

  it('no domain, no bands', () => {
    expect(buildIncidentBands([incidentJson({ id: 'a' })], null)).toEqual([]);
  });
});

describe('buildEventMarkers', () => {
  const events: GroupEvent[] = [
    { kind: 'state-changed', atMs: T0 + 60_000, from: 'Stable', to: 'PreparingRebalance' },
    { kind: 'members-changed', atMs: T0 + 60_000, joined: [], left: ['member-1'], members: 1 },
    { kind: 'state-changed', atMs: T0 + 65_000, from: 'PreparingRebalance', to: 'Stable' },
    { kind: 'disappeared', atMs: T0 + 600_000 },
    { kind: 'appeared', atMs: T0 - 1 },
  ];

  it('one marker per cycle, inside the window, oldest first', () => {
    expect(buildEventMarkers(events, DOMAIN).map((m) => [m.atMs, m.label, m.rebalance, m.details.length])).toEqual([
      [T0 + 60_000, 'rebalance', true, 2],
      [T0 + 65_000, 'Stable', false, 1],
      [T0 + 600_000, 'group gone', false, 1],
    ]);
  });

  it('labels keep their distance; the markers themselves all stay', () => {
    expect(buildEventMarkers(events, DOMAIN).map((m) => m.showLabel)).toEqual([true, false, true]);
  });

  it('describes each event in words', () => {
    expect(buildEventMarkers(events, DOMAIN)[0]!.details).toEqual(['state Stable → PreparingRebalance', 'members left: member-1 (now 1)']);
  });
});

describe('failureTitle', () => {
  it.each([
    { desc: 'a known type', type: 'sink-unavailable', expected: 'Sink unavailable (extended outage)' },
    { desc: 'a type newer than this build shows as sent', type: 'schema-drift', expected: 'schema-drift' },
  ])('$desc', ({ type, expected }) => {
    expect(failureTitle(type)).toBe(expected);
  });
});
