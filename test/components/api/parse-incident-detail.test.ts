import { describe, expect, it } from 'vitest';
import { buildIncidentDetailView } from '../../../lib/view/build-incident-detail-view';
import { parseIncidentDetail } from '../../../components/api/parse-incident-detail';
import type { IncidentDetailAnswer } from '../../../lib/view/incident-detail-answer';
import { incidentJson, T0 } from '../../lib/view/view-fixtures';

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
        { kind: 'acknowledged', atMs: 1, by: 'ana', note: 'on it' },
        { kind: 'unknown', sentKind: 'escalated', atMs: 2, summary: 'paged the sink team' },
      ],
      resolution: null,
      failure: null,
      evidence: [],
      externalAlerts: [],
      mutes: [],
    });
  });

  it('reads the stored detail: resolution, evidence with gaps, alerts, mutes, the failure row', () => {
    const parsed = parseIncidentDetail({
      ...JSON.parse(JSON.stringify(incidentJson({ id: 'p/slow-sink/1', status: 'resolved', resolvedAtMs: T0 + 60_000 }))),
      resolution: { kind: 'by-hand', atMs: T0 + 60_000, by: 'ana', reason: 'sink scaled up' },
      evidence: [
        { atMs: T0 + 2_000, lagMessages: 5, lagSeconds: null, sinkLatencyP99Seconds: 'NaN' },
        { atMs: T0, lagMessages: 1 },
        { lagMessages: 9 },
      ],
      externalAlerts: [{ id: 3, fingerprint: 'f1', status: 'firing', startsAtMs: T0, endsAtMs: null, labels: { alertname: 'KafkaLag', n: 1 }, annotations: { summary: 'lag high' } }],
      mutes: [{ id: 7, pipelineId: 'p', fromMs: T0, untilMs: T0 + 3_600_000, by: 'bob', reason: 'deploy', createdAtMs: T0, unmuted: null }, { id: 'x' }],
      failure: { title: 'Slow sink (backpressure)', response: 'Reduce poll size.', checks: ['a'], settings: ['max.poll.records'], chapterRow: '…' },
    });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.incident.resolution).toEqual({ kind: 'by-hand', atMs: T0 + 60_000, by: 'ana', reason: 'sink scaled up' });
    expect(parsed.incident.evidence.map((p) => [p.atMs, p.lagMessages, p.lagSeconds, p.sinkLatencyP99Seconds])).toEqual([
      [T0, 1, null, null],
      [T0 + 2_000, 5, null, null],
    ]);
    expect(parsed.incident.externalAlerts).toEqual([{ id: 3, fingerprint: 'f1', status: 'firing', startsAtMs: T0, endsAtMs: null, labels: { alertname: 'KafkaLag' }, annotations: { summary: 'lag high' } }]);
    expect(parsed.incident.mutes).toEqual([{ id: 7, pipelineId: 'p', fromMs: T0, untilMs: T0 + 3_600_000, by: 'bob', reason: 'deploy', unmuted: null }]);
    expect(parsed.incident.failure).toEqual({ title: 'Slow sink (backpressure)', response: 'Reduce poll size.', checks: ['a'], settings: ['max.poll.records'] });
  });

  it.each([
    { desc: 'automatic', resolution: { kind: 'automatic', atMs: 5, reason: 'recovery verified' }, expected: { kind: 'automatic', atMs: 5, reason: 'recovery verified' } },
    { desc: 'by hand without a name', resolution: { kind: 'by-hand', atMs: 5, reason: 'r' }, expected: { kind: 'by-hand', atMs: 5, by: 'someone', reason: 'r' } },
    { desc: 'an unknown kind', resolution: { kind: 'vanished', atMs: 5 }, expected: null },
    { desc: 'none', resolution: null, expected: null },
  ])('resolution: $desc', ({ resolution, expected }) => {
    const parsed = parseIncidentDetail({ id: 'i', pipelineId: 'p', resolution });
    expect(parsed.ok && parsed.incident.resolution).toEqual(expected);
  });
});

describe('buildIncidentDetailView', () => {
  const NOW = T0 + 10 * 60_000;
  const base = (overrides: Partial<IncidentDetailAnswer> = {}): IncidentDetailAnswer => {
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
    { desc: "the server's failure row beats this build's table", incident: base({ status: 'resolved', resolvedAtMs: T0 + 60_000, failure: { title: null, response: 'r', checks: [], settings: [] } }), live, expected: 'failure' },
  ])('recommendation: $desc', ({ incident, live: l, expected }) => {
    expect(buildIncidentDetailView(incident, NOW, 'fraud', l).recommendation.source).toBe(expected);
  });

  it.each([
    { desc: 'given with the incident', incident: base({ recommendation: { now: ['x'], check: [], expectedEffect: '', settings: [] }, failure: { title: null, response: 'Reduce poll size.', checks: [], settings: [] } }), live: null },
    { desc: 'live', incident: base(), live },
  ])("a richer recommendation ($desc) still names the table's response", ({ incident, live: l }) => {
    expect(buildIncidentDetailView(incident, NOW, null, l).recommendation.note).toMatch(/The failure table’s response for this type: Reduce poll size/);
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
    { desc: 'started 2 h ago: 6 h, from Prometheus', firstSeenAtMs: NOW - 2 * 3_600_000, nowMs: NOW, href: '/pipeline?id=fraud-features&window=6h', note: false },
    { desc: 'started 8 days ago: 7 d with a note', firstSeenAtMs: NOW - 8 * 24 * 3_600_000, nowMs: NOW, href: '/pipeline?id=fraud-features&window=7d', note: true },
  ])('pipeline link: $desc', ({ firstSeenAtMs, nowMs, href, note }) => {
    const view = buildIncidentDetailView(base({ firstSeenAtMs, openedAtMs: firstSeenAtMs }), nowMs, null, null);
    expect(view.pipelineHref).toBe(href);
    expect(view.pipelineLinkNote !== null).toBe(note);
  });

  const resolvedByHand = base({ status: 'resolved', resolvedAtMs: T0 + 190_000, acknowledged: { atMs: T0 + 40_000, by: 'ana' }, resolution: { kind: 'by-hand', atMs: T0 + 190_000, by: 'bob', reason: 'sink scaled up' } });
  const fact = (incident: IncidentDetailAnswer, label: string) => buildIncidentDetailView(incident, NOW, null, null).facts.find((f) => f.label === label);

  it.each([
    { desc: 'opened: absolute, relative, and how long it was held', incident: base(), label: 'Opened', expected: { value: '03:00:10 UTC', sub: '9 m ago · held 10 s', title: '2026-11-24 03:00:10 UTC' } },
    { desc: 'acknowledged: who and how long after opening', incident: resolvedByHand, label: 'Acknowledged', expected: { value: '03:00:40 UTC', sub: '9 m ago · by ana · 30 s after opening' } },
    { desc: 'not acknowledged', incident: base(), label: 'Acknowledged', expected: { value: 'not yet', sub: null } },
    { desc: 'resolved by hand: by whom, after how long', incident: resolvedByHand, label: 'Resolved', expected: { value: '03:03:10 UTC', sub: '6 m ago · by hand, by bob · 3 m 00 s after opening' } },
    { desc: 'open: not yet', incident: base(), label: 'Resolved', expected: { value: 'not yet', sub: null } },
    { desc: 'recovering: says so', incident: base({ status: 'recovering' }), label: 'Resolved', expected: { value: 'not yet', sub: 'recovery being verified' } },
    { desc: 'an ongoing duration from first seen', incident: base(), label: 'Lasting', expected: { value: '10 m 00 s' } },
    { desc: 'a closed one', incident: resolvedByHand, label: 'Duration', expected: { value: '3 m 10 s' } },
  ])('fact: $desc', ({ incident, label, expected }) => {
    expect(fact(incident, label)).toMatchObject(expected);
  });

  it.each([
    { desc: 'open and not acknowledged: both', incident: base(), expected: { canAcknowledge: true, canResolve: true, resolution: null } },
    { desc: 'acknowledged: resolve only', incident: base({ acknowledged: { atMs: T0 + 20_000, by: 'ana' } }), expected: { canAcknowledge: false, canResolve: true } },
    { desc: 'resolved by hand: neither, and who did it', incident: resolvedByHand, expected: { canAcknowledge: false, canResolve: false, resolution: { text: 'Resolved by hand by bob', how: 'by hand, by bob', reason: 'sink scaled up' } } },
    {
      desc: 'resolved automatically',
      incident: base({ status: 'resolved', resolvedAtMs: T0 + 60_000, resolution: { kind: 'automatic', atMs: T0 + 60_000, reason: 'recovery verified over 5 cycles' } }),
      expected: { resolution: { text: 'Resolved automatically: recovery verified', how: 'automatically', reason: 'recovery verified over 5 cycles' } },
    },
  ])('actions and resolution: $desc', ({ incident, expected }) => {
    expect(buildIncidentDetailView(incident, NOW, null, null)).toMatchObject(expected);
  });
});
