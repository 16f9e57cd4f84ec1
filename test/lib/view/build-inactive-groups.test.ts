import { describe, expect, it } from 'vitest';
import { buildInactiveGroups } from '../../../lib/view/build-inactive-groups';
import { selectOverviewPipelines } from '../../../lib/view/select-overview-pipelines';
import { buildInactiveGroupsSearch, parseInactiveGroupsQuery } from '../../../lib/view/inactive-groups-query';
import type { PipelineSummary } from '../../../lib/live/live-wire';
import { summary, T0 } from './view-fixtures';

const HOUR_MS = 3_600_000;
const dormant = (pipelineId: string, activity: Partial<PipelineSummary['activity']>): PipelineSummary =>
  summary({
    pipelineId,
    rank: -1,
    status: { kind: 'stop', reason: 'no members' },
    lagMessages: 1_200,
    members: 0,
    groupState: 'Empty',
    activity: { state: 'inactive', sinceMs: T0, positionAtMs: T0, positionBound: 'at-least', belowLogStart: false, declared: false, ...activity },
  });

const live = summary({ pipelineId: 'orders' });
const stopped = summary({ pipelineId: 'billing', status: { kind: 'stop', reason: 'no members' }, activity: { state: 'stopped', sinceMs: T0, positionAtMs: T0, positionBound: 'at-least', belowLogStart: false, declared: true } });
const old = dormant('old-replay', { state: 'abandoned', positionAtMs: T0 - 76 * HOUR_MS, positionBound: 'estimated' });
const fresh = dormant('renamed-svc', {});
const lost = dormant('<img src=x onerror=alert(1)>', { state: 'abandoned', belowLogStart: true });
const pipelines = [live, stopped, old, fresh, lost];

describe('buildInactiveGroups', () => {
  it('takes only inactive and abandoned groups, oldest position first, with the age of the position at the frame time', () => {
    const view = buildInactiveGroups(pipelines, '', T0 + 2 * HOUR_MS);
    expect(view).toMatchObject({ count: 3, abandoned: 2, title: '3 inactive groups' });
    expect(view.rows.map((r) => [r.pipelineId, r.activity.label, r.positionAge])).toEqual([
      ['old-replay', 'Abandoned', 'position 3 d 06 h old'],
      ['<img src=x onerror=alert(1)>', 'Abandoned', 'position ≥ 2 h 00 m old'],
      ['renamed-svc', 'Inactive', 'position ≥ 2 h 00 m old'],
    ]);
    expect(view.rows[1]!.reason).toContain('below the log start');
    expect(view.rows[2]!.reason).toBe('not consuming since before monitoring began; position ≥ 2 h 00 m old');
  });

  it.each([
    { desc: 'the search narrows them like the pipelines', q: 'RENAMED', expected: ['renamed-svc'] },
    { desc: 'a search matching none leaves the count', q: 'nothing', expected: [] },
  ])('$desc', ({ q, expected }) => {
    const view = buildInactiveGroups(pipelines, q, T0);
    expect(view.rows.map((r) => r.pipelineId)).toEqual(expected);
    expect(view.count).toBe(3);
  });

  it('says one group in the singular', () => {
    expect(buildInactiveGroups([fresh], '', T0).title).toBe('1 inactive group');
  });

  it('leaves them out of the pipelines, where a stopped pipeline stays', () => {
    const selected = selectOverviewPipelines(pipelines, { q: '', status: 'all', listedApart: 'exclude' });
    expect(selected.pipelines.map((p) => p.pipelineId).sort()).toEqual(['billing', 'orders']);
    expect(selected.total).toBe(2);
    // The API keeps them, each with its activity.
    expect(selectOverviewPipelines(pipelines, { q: '', status: 'all' }).total).toBe(pipelines.length);
  });
});

describe('the inactive section in the URL', () => {
  it.each([
    { search: '?inactive=show', show: true },
    { search: '?inactive=yes', show: false },
    { search: '', show: false },
  ])('$search reads as show=$show', ({ search, show }) => {
    expect(parseInactiveGroupsQuery(new URLSearchParams(search))).toEqual({ show });
  });

  it('keeps the overview search and filter when it opens and closes', () => {
    expect(buildInactiveGroupsSearch({ show: true }, '?q=pay&filter=attention')).toBe('?q=pay&filter=attention&inactive=show');
    expect(buildInactiveGroupsSearch({ show: false }, '?q=pay&inactive=show')).toBe('?q=pay');
    expect(buildInactiveGroupsSearch({ show: false }, '')).toBe('');
  });
});

describe('an inactive group with an incident still open', () => {
  it('stays among the pipelines until the incident resolves', () => {
    const resumed = dormant('billing-v1', {});
    const withIncident = { ...resumed, incident: { id: 'billing-v1/consumer-stopped/1', type: 'consumer-stopped' as const, title: 'Consumer stopped', severity: 'critical' as const, status: 'open' as const, openedAtMs: T0, acknowledged: false } };
    expect(selectOverviewPipelines([withIncident], { q: '', status: 'all', listedApart: 'exclude' }).pipelines.map((p) => p.pipelineId)).toEqual(['billing-v1']);
    expect(buildInactiveGroups([withIncident], '', T0).count).toBe(0);
    const resolved = { ...withIncident, incident: { ...withIncident.incident, status: 'resolved' as const } };
    expect(buildInactiveGroups([resolved], '', T0).count).toBe(1);
  });
});
