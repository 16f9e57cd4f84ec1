import type { HealthKind } from '../diagnosis/evaluate-status';
import type { PipelineSummary } from '../live/live-wire';
import { isListedApart } from './is-listed-apart';

/**
 * Which pipelines the overview (and `GET /api/pipelines`) shows for a status filter and a search,
 * in the order they come: the server keeps them worst first (comparePipelineSummaries), so
 * nothing here sorts. Pure and cheap at 5,000 rows: one pass, and each row's search text is
 * normalised once per row object (a row the delta did not touch keeps its object).
 */

/** `all`, `attention` (anything but a clean bill), or the health kinds to keep. */
export type StatusFilter = 'all' | 'attention' | readonly HealthKind[];

export interface PipelineSelectionQuery {
  q: string;
  status: StatusFilter;
  /**
   * 'exclude': inactive and abandoned groups are left out, counts included (the overview lists
   * them in their own section); the API keeps them, each with its activity.
   */
  listedApart?: 'include' | 'exclude';
}

export type OverviewEmpty = 'no-pipelines' | 'no-match' | 'all-healthy' | null;

export interface OverviewSelection {
  pipelines: PipelineSummary[];
  /** Over every pipeline, whatever the query: the header's counts. */
  total: number;
  needingAttention: number;
  byStatus: Record<HealthKind, number>;
  empty: OverviewEmpty;
}

export const HEALTH_KINDS: readonly HealthKind[] = ['stop', 'err', 'stall', 'rewind', 'warn', 'unknown', 'ok'];

export function selectOverviewPipelines(all: readonly PipelineSummary[], query: PipelineSelectionQuery): OverviewSelection {
  const needle = normaliseSearch(query.q.trim());
  const byStatus = Object.fromEntries(HEALTH_KINDS.map((k) => [k, 0])) as Record<HealthKind, number>;
  let needingAttention = 0;
  const pipelines: PipelineSummary[] = [];
  let listed = 0;
  for (const p of all) {
    if (query.listedApart === 'exclude' && isListedApart(p)) continue;
    listed++;
    byStatus[p.status.kind]++;
    const attention = needsAttention(p);
    if (attention) needingAttention++;
    if (passesStatus(p, attention, query.status) && matchesSearch(p, needle)) pipelines.push(p);
  }
  let empty: OverviewEmpty = null;
  if (listed === 0) empty = 'no-pipelines';
  else if (pipelines.length === 0) empty = needle === '' && query.status === 'attention' ? 'all-healthy' : 'no-match';
  return { pipelines, total: listed, needingAttention, byStatus, empty };
}

/** Anything but a clean bill: a status other than OK, an incident, or a finding not yet an incident. */
export function needsAttention(p: PipelineSummary): boolean {
  return p.status.kind !== 'ok' || (p.incident !== null && p.incident.status !== 'resolved') || p.finding !== null || p.kafkaGap !== null;
}

function passesStatus(p: PipelineSummary, attention: boolean, status: StatusFilter): boolean {
  if (status === 'all') return true;
  if (status === 'attention') return attention;
  return status.includes(p.status.kind);
}

/** Whether a row's name, group, topics or id hold `needle` (already normaliseSearch'ed); '' matches all. */
export function matchesSearch(p: PipelineSummary, needle: string): boolean {
  return needle === '' || searchTextOf(p).includes(needle);
}

const searchTexts = new WeakMap<PipelineSummary, string>();

/** Name, group, topics and id, normalised, joined with a character no search can hold. */
function searchTextOf(p: PipelineSummary): string {
  let text = searchTexts.get(p);
  if (text === undefined) {
    text = [p.name, p.groupId, p.topics.join(', '), p.pipelineId].map(normaliseSearch).join('\u0000');
    searchTexts.set(p, text);
  }
  return text;
}

/** Case- and width-insensitive, so "ＰＡＹ" finds "payments". */
export function normaliseSearch(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en-US').replaceAll('\u0000', '');
}
