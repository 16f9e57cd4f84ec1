import { describe, expect, it } from 'vitest';
import { buildIncidentDetailView } from '../../../lib/view/build-incident-detail-view';
import { parseIncidentDetail, type IncidentDetail } from '../../../lib/view/parse-incident-detail';
import { incidentJson, T0 } from './view-fixtures';

describe('parseIncidentDetail', () => {
  it('reads IncidentJson as the API serves it today', () => {
    const parsed = parseIncidentDetail(JSON.parse(JSON.stringify(incidentJson({ id: 'p/slow-sink/1' }))));
    expect(parsed.ok && parsed.incident).toMatchObject({
      id: 'p/slow-sink/1',
      type: 'slow-sink',
      status: 'open',
      finding: { confidence: 'high', evidence: ['sink p99 2.5 s vs 22 ms baseline'] },
      recommendation: null,
      timeline: [{ kind: 'opened', atMs: T0 + 10_000 }],
    });
  });

  it.each([
    { desc: 'not an object', body: 'oops', error: 'the server answered with something other than an incident' },
    { desc: "the API's error, verbatim", body: { error: 'no incident "x"' }, error: 'no incident "x"' },
    { desc: 'no id', body: { pipelineId: 'p' }, error: 'the incident has no id or pipeline' },
  ])('refuses $desc', ({ body, error }) => {
    expect(parseIncidentDetail(body)).toEqual({ ok: false, error });
  });

  it('tolerates a grown shape: unknown fields, new timeline kinds, a recommendation, evidence as strings', () => {
    const parsed = parseIncidentDetail({
      id: 'i',
      pipelineId: 'p',
      type: 'slow-sink',
      severity: 'catastrophic',
      status: 'investigating',
      owner: { team: 'payments' },
      finding: { evidence: ['plain text', { text: 'as object' }, 42] },
      recommendation: { now: ['do a', 7], check: 'not a list', expectedEffect: 'better', settings: ['x'] },
      timeline: [{ kind: 'escalated', atMs: 2, summary: 'paged the sink team' }, { kind: 'acknowledged', atMs: 1, by: 'ana', note: 'on it' }, 'junk'],
    });
    expect(parsed.ok && parsed.incident).toMatchObject({
      severity: 'warning',
      status: 'open',
      firstSeenAtMs: null,
      finding: { evidence: ['plain text', 'as object'], confidence: null },
      recommendation: { now: ['do a'], check: [], expectedEffect: 'better', settings: ['x'] },
      timeline: [
        { kind: 'acknowledged', atMs: 1, summary: 'acknowledged by ana: on it' },
        { kind: 'escalated', atMs: 2, summary: 'paged the sink team' },
      ],
    });
  });
});

describe('buildIncidentDetailView', () => {
  const NOW = T0 + 10 * 60_000;
  const base = (overrides: Partial<IncidentDetail> = {}): IncidentDetail => {
    const parsed = parseIncidentDetail(JSON.parse(JSON.stringify(incidentJson({ id: 'p/slow-sink/1' }))));
    if (!parsed.ok) throw new Error(parsed.error);
    return { ...parsed.incident, ...overrides };
  };
  const live = { now: ['lower max.poll.records to ~60'], check: [], expectedEffect: 'drains in 3 m', settings: [] };

  it.each([
    { desc: 'an open incident with a live recommendation uses it', incident: base(), live, expected: 'live' },
    { desc: 'an open incident without one falls back to the failure table', incident: base(), live: null, expected: 'failure-table' },
    { desc: 'a resolved incident ignores the live one', incident: base({ status: 'resolved', resolvedAtMs: T0 + 60_000 }), live, expected: 'failure-table' },
    { desc: 'one sent with the incident wins', incident: base({ recommendation: { now: ['x'], check: [], expectedEffect: '', settings: [] } }), live, expected: 'incident' },
  ])('recommendation: $desc', ({ incident, live: l, expected }) => {
    expect(buildIncidentDetailView(incident, NOW, 'fraud', l).recommendation.source).toBe(expected);
  });

  it('the failure table fallback is the response, its checks and settings', () => {
    expect(buildIncidentDetailView(base(), NOW, null, null).recommendation.view.now).toEqual(['Reduce poll size, slow consumption.']);
  });

  it.each([
    { desc: 'open', incident: base(), expected: 'Slow sink (backpressure) on fraud since 03:00:00 UTC (10 m ago): open.' },
    { desc: 'resolved', incident: base({ status: 'resolved', resolvedAtMs: T0 + 185_000 }), expected: 'Slow sink (backpressure) on fraud, 03:00:00 UTC to 03:03:05 UTC (3 m 05 s): resolved.' },
  ])('summary when $desc', ({ incident, expected }) => {
    expect(buildIncidentDetailView(incident, NOW, 'fraud', null).summary).toBe(expected);
  });

  it.each([
    { desc: 'started 10 min ago: the 15 m window covers it with a lead', firstSeenAtMs: T0, nowMs: NOW, href: '/pipeline?id=fraud-features&window=15m', note: false },
    { desc: 'started 3 min ago: 5 m', firstSeenAtMs: NOW - 180_000, nowMs: NOW, href: '/pipeline?id=fraud-features&window=5m', note: false },
    { desc: 'started 2 h ago: 1 h with a note', firstSeenAtMs: NOW - 2 * 3_600_000, nowMs: NOW, href: '/pipeline?id=fraud-features&window=1h', note: true },
  ])('pipeline link: $desc', ({ firstSeenAtMs, nowMs, href, note }) => {
    const view = buildIncidentDetailView(base({ firstSeenAtMs, openedAtMs: firstSeenAtMs }), nowMs, null, null);
    expect(view.pipelineHref).toBe(href);
    expect(view.pipelineLinkNote !== null).toBe(note);
  });

  it('timeline entries in words, unknown kinds as sent', () => {
    const view = buildIncidentDetailView(base({ timeline: [{ kind: 'opened', atMs: T0, summary: 's' }, { kind: 'escalated', atMs: T0 + 1_000, summary: 'e' }] }), NOW, null, null);
    expect(view.timeline.map((t) => [t.label, t.at, t.summary])).toEqual([
      ['Opened', '03:00:00 UTC', 's'],
      ['escalated', '03:00:01 UTC', 'e'],
    ]);
  });
});
