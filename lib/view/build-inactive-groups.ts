import type { PipelineSummary } from '../live/live-wire';
import { isListedApart } from './is-listed-apart';
import { explainActivity, formatPositionAge } from '../pipelines/describe-activity';
import { formatMessagesText } from './format-pipeline-values';
import { matchesSearch, normaliseSearch } from './select-overview-pipelines';
import type { StateLabel } from './describe-status';
import { buildPipelineHref } from './view-links';

/** One inactive or abandoned group on the overview, in words. */
export interface InactiveGroupRowView {
  pipelineId: string;
  name: string;
  groupId: string;
  topicsText: string;
  href: string;
  activity: StateLabel & { state: 'inactive' | 'abandoned' };
  /** "position ≥ 2 h 10 m old". */
  positionAge: string;
  lagMessages: string;
  /** Why it counts as inactive or abandoned. */
  reason: string;
}

export interface InactiveGroupsView {
  /** All inactive and abandoned groups, matching or not: "212 inactive groups". */
  count: number;
  abandoned: number;
  /** "212 inactive groups", "1 inactive group". */
  title: string;
  /** Those matching the overview's search, oldest position first. */
  rows: InactiveGroupRowView[];
}

/**
 * The overview's section for groups not consuming since before Pipewatch first saw them: apart
 * from the pipelines it watches, never an incident, with how old their position is at `atMs`
 * (the frame's time). The overview's search applies to them too.
 */
export function buildInactiveGroups(pipelines: readonly PipelineSummary[], q: string, atMs: number): InactiveGroupsView {
  const dormant = pipelines.filter(isListedApart);
  const needle = normaliseSearch(q.trim());
  const rows = dormant
    .filter((p) => matchesSearch(p, needle))
    .sort((a, b) => (a.activity.positionAtMs ?? atMs) - (b.activity.positionAtMs ?? atMs) || a.name.localeCompare(b.name))
    .map((p) => buildInactiveGroupRow(p, atMs));
  return {
    count: dormant.length,
    abandoned: dormant.filter((p) => p.activity.state === 'abandoned').length,
    title: `${dormant.length.toLocaleString('en-US')} inactive group${dormant.length === 1 ? '' : 's'}`,
    rows,
  };
}

function buildInactiveGroupRow(p: PipelineSummary, atMs: number): InactiveGroupRowView {
  const state = p.activity.state === 'abandoned' ? 'abandoned' : 'inactive';
  return {
    pipelineId: p.pipelineId,
    name: p.name,
    groupId: p.groupId,
    topicsText: p.topics.join(', '),
    href: buildPipelineHref(p.pipelineId),
    activity: state === 'abandoned' ? { state, label: 'Abandoned', icon: '⌀', tone: 'neutral' } : { state, label: 'Inactive', icon: '◌', tone: 'neutral' },
    positionAge: formatPositionAge(p.activity, atMs) ?? 'position age unknown',
    lagMessages: formatMessagesText(p.lagMessages),
    reason: explainActivity(p.activity, atMs),
  };
}
