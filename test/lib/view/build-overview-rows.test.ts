import { describe, expect, it } from 'vitest';
import { buildOverviewRow } from '../../../lib/view/build-overview-rows';
import { needsAttention, selectOverviewPipelines } from '../../../lib/view/select-overview-pipelines';
import type { PipelineSummary, SparkPoint } from '../../../lib/live/live-wire';
import { buildOverviewSearch, parseOverviewQuery, type OverviewQuery } from '../../../lib/view/overview-query';
import { summary, T0 } from './view-fixtures';

const slow = summary({
  pipelineId: 'fraud-features',
  groupId: 'fraud-features-v2',
  topics: ['payments', 'refunds'],
  status: { kind: 'warn', reason: 'lag grows' },
  rank: 123,
  lagMessages: 2_471,
  lagSeconds: { kind: 'estimated', seconds: 185, confidence: 'extrapolated', capped: false },
  timeToDrain: { kind: 'not-draining', netGrowthPerSec: 44 },
  incident: { id: 'fraud-features/slow-sink/1', type: 'slow-sink', title: 'Slow sink (backpressure)', severity: 'warning', status: 'open', openedAtMs: T0, acknowledged: false },
});
const healthy = summary({ pipelineId: 'orders', name: 'orders', topics: ['orders.v1'] });
const finding = summary({ pipelineId: 'clicks', rank: 12, finding: { type: 'kafka-rebalance', title: 'Kafka rebalance', severity: 'info', confidence: 'medium' } });
const blind = summary({ pipelineId: 'blind', rank: 1, status: { kind: 'unknown', reason: 'Kafka not read: timeout' }, kafkaGap: 'timeout after 10 s', lagMessages: null, lagSeconds: null, timeToDrain: null });
const all: OverviewQuery = { q: '', filter: 'all' };

const select = (pipelines: PipelineSummary[], query: OverviewQuery) => selectOverviewPipelines(pipelines, { q: query.q, status: query.filter });
const row = (p: PipelineSummary, spark: SparkPoint[] = []) => buildOverviewRow(p, spark, { atMs: T0 + 10_000, intervalMs: 5_000 });

describe('selectOverviewPipelines: filter and search in the server\'s order', () => {
  it.each([
    { desc: 'the frame order is kept (the server sorts worst first)', pipelines: [slow, finding, healthy], query: all, expected: ['fraud-features', 'clicks', 'orders'] },
    { desc: 'needs attention drops the healthy', pipelines: [slow, finding, blind, healthy], query: { q: '', filter: 'attention' as const }, expected: ['fraud-features', 'clicks', 'blind'] },
    { desc: 'search by name, case-insensitive', pipelines: [healthy, slow], query: { q: 'FRAUD', filter: 'all' as const }, expected: ['fraud-features'] },
    { desc: 'search by group id', pipelines: [healthy, slow], query: { q: '-v2', filter: 'all' as const }, expected: ['fraud-features'] },
    { desc: 'search by topic', pipelines: [healthy, slow], query: { q: 'refunds', filter: 'all' as const }, expected: ['fraud-features'] },
    { desc: 'search is width-insensitive', pipelines: [healthy, slow], query: { q: 'ＯＲＤＥＲＳ', filter: 'all' as const }, expected: ['orders'] },
    { desc: 'surrounding spaces are ignored', pipelines: [healthy, slow], query: { q: '  orders ', filter: 'all' as const }, expected: ['orders'] },
  ])('$desc', ({ pipelines, query, expected }) => {
    expect(select(pipelines, query).pipelines.map((r) => r.pipelineId)).toEqual(expected);
  });

  it.each([
    { desc: 'no pipelines at all', pipelines: [], query: all, expected: 'no-pipelines' },
    { desc: 'search matches nothing', pipelines: [healthy], query: { q: 'zzz', filter: 'all' as const }, expected: 'no-match' },
    { desc: 'needs attention with every pipeline fine', pipelines: [healthy], query: { q: '', filter: 'attention' as const }, expected: 'all-healthy' },
    { desc: 'rows to show', pipelines: [healthy], query: all, expected: null },
  ])('empty state: $desc', ({ pipelines, query, expected }) => {
    expect(select(pipelines, query).empty).toBe(expected);
  });

  it('counts over all rows, whatever the query: total, needing attention and per status', () => {
    const view = select([healthy, finding, slow, blind], { q: 'orders', filter: 'all' });
    expect({ total: view.total, needingAttention: view.needingAttention, warn: view.byStatus.warn, ok: view.byStatus.ok, unknown: view.byStatus.unknown }).toEqual({ total: 4, needingAttention: 3, warn: 1, ok: 2, unknown: 1 });
  });

  it('a list of health kinds keeps only those', () => {
    expect(selectOverviewPipelines([healthy, slow, blind], { q: '', status: ['warn', 'unknown'] }).pipelines.map((p) => p.pipelineId)).toEqual(['fraud-features', 'blind']);
  });
});

describe('buildOverviewRow: values in words and units', () => {
  const view = row(slow, [[T0 - 5_000, 1], [T0, null], [T0 + 5_000, 3]]);

  it.each([
    { desc: 'lag in messages', actual: view.lagMessages, expected: '2,471 msg' },
    { desc: 'extrapolated lag in seconds is marked ≥', actual: view.lagSeconds.text, expected: '≥ 3 m 05 s' },
    { desc: 'a growing backlog says how fast', actual: view.drain.text, expected: 'growing +44 msg/s' },
    { desc: 'status word', actual: view.status.label, expected: 'Warning' },
    { desc: 'topics', actual: view.topicsText, expected: 'payments, refunds' },
    { desc: 'members', actual: view.members.text, expected: '2 members' },
    { desc: 'link by query parameter', actual: view.href, expected: '/pipeline?id=fraud-features' },
  ])('$desc', ({ actual, expected }) => {
    expect(actual).toBe(expected);
  });

  it('the incident badge names the failure and links to the incident', () => {
    expect(view.problem).toMatchObject({ kind: 'incident', title: 'Slow sink (backpressure)', href: '/incident?id=fraud-features%2Fslow-sink%2F1' });
  });

  it('the sparkline is one path that keeps its gaps as gaps, never zero', () => {
    expect(view.sparkline?.match(/M/g)).toHaveLength(2);
  });

  it('a Kafka gap replaces the numbers with its reason', () => {
    const gap = row(blind);
    expect({ gap: gap.kafkaGap, lag: gap.lagMessages }).toEqual({ gap: 'Kafka not read: timeout after 10 s', lag: '–' });
  });

  it('a healthy pipeline with a tiny growing backlog keeps the words but not the warning tone', () => {
    const noise = row(summary({ pipelineId: 'n', timeToDrain: { kind: 'not-draining', netGrowthPerSec: 0.3 } }));
    expect({ text: noise.drain.text, tone: noise.drain.tone }).toEqual({ text: 'growing +0.3 msg/s', tone: 'neutral' });
  });

  it.each([
    { desc: 'an open incident is the badge', incident: 'open' as const, finding: true, expected: 'incident' },
    { desc: 'a recovering one too', incident: 'recovering' as const, finding: false, expected: 'incident' },
    { desc: 'a current finding beats a just-resolved incident', incident: 'resolved' as const, finding: true, expected: 'finding' },
    { desc: 'a just-resolved incident alone is a quiet note', incident: 'resolved' as const, finding: false, expected: 'resolved' },
  ])('problem: $desc', ({ incident, finding: withFinding, expected }) => {
    const p = summary({
      pipelineId: 'p',
      incident: { ...slow.incident!, status: incident },
      finding: withFinding ? { type: 'slow-sink', title: 'Slow sink (backpressure)', severity: 'warning', confidence: 'high' } : null,
    });
    expect(row(p).problem?.kind).toBe(expected);
  });

  it('no DLQ topic reads as such, not as an empty DLQ', () => {
    const row2 = row(summary({ pipelineId: 'x', dlqDepthMessages: null, dlqGrowthPerSec: null }));
    expect(row2.dlqDepth).toBe('no DLQ');
  });
});

describe('needsAttention', () => {
  it.each([
    { desc: 'healthy', input: healthy, expected: false },
    { desc: 'warn status', input: slow, expected: true },
    { desc: 'a finding without incident', input: finding, expected: true },
    { desc: 'Kafka not read', input: blind, expected: true },
    { desc: 'only a resolved incident left', input: summary({ pipelineId: 'r', incident: { ...slow.incident!, status: 'resolved' } }), expected: false },
  ])('$desc', ({ input, expected }) => {
    expect(needsAttention(input)).toBe(expected);
  });
});

describe('overview query in the URL', () => {
  it.each([
    { desc: 'defaults', search: '', expected: { q: '', filter: 'all' } },
    { desc: 'both', search: '?q=pay&filter=attention', expected: { q: 'pay', filter: 'attention' } },
    { desc: 'unknown filter reads as all', search: '?filter=bogus', expected: { q: '', filter: 'all' } },
    { desc: 'encoded unicode', search: '?q=%D7%A9%D7%9C%D7%95%D7%9D%20%F0%9F%94%A5', expected: { q: 'שלום 🔥', filter: 'all' } },
  ])('parse $desc', ({ search, expected }) => {
    expect(parseOverviewQuery(new URLSearchParams(search))).toEqual(expected);
  });

  it.each([
    { desc: 'defaults leave no parameters', query: { q: '', filter: 'all' as const }, current: '', expected: '' },
    { desc: 'blank search is dropped', query: { q: '  ', filter: 'attention' as const }, current: '?q=old', expected: '?filter=attention' },
    { desc: 'other parameters are kept', query: { q: 'a&b', filter: 'all' as const }, current: '?token=x', expected: '?token=x&q=a%26b' },
  ])('build $desc', ({ query, current, expected }) => {
    expect(buildOverviewSearch(query, current)).toBe(expected);
  });

  it('round-trips', () => {
    const query: OverviewQuery = { q: '<b>x</b> %2F/', filter: 'attention' };
    expect(parseOverviewQuery(new URLSearchParams(buildOverviewSearch(query)))).toEqual(query);
  });
});
