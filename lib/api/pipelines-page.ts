import type { HealthKind } from '../diagnosis/evaluate-status';
import { comparePipelineSummaries } from '../live/build-pipeline-summary';
import type { OpenIncidentRef, OverviewFrame, PipelineSummary, SourcesJson } from '../live/live-wire';
import { selectOverviewPipelines, type PipelineSelectionQuery } from '../view/select-overview-pipelines';
import type { PipelineJson } from './pipeline-json';

/**
 * `GET /api/pipelines`: the overview's rows, worst first, filtered like the overview, a page at a
 * time. The cursor is a keyset position (the last row's rank, name and id), not an offset: rows
 * move between cycles, and a page taken after a reorder starts after the same row, not after
 * the same count. A row that moved across the cursor between two pages may appear twice or not
 * at all; `takenAt` says which cycle each page is from.
 */

export interface PipelinesPageQuery extends PipelineSelectionQuery {
  limit: number;
  cursor: PipelinesCursor | null;
}

/** Keyset position in the worst-first order. Opaque to callers. */
export interface PipelinesCursor {
  rank: number;
  name: string;
  pipelineId: string;
}

export interface PipelinesPage<Row = PipelineSummary> {
  takenAt: string;
  sources: SourcesJson;
  /** Every pipeline, whatever the query, and the counts the overview's header shows. */
  total: number;
  needingAttention: number;
  byStatus: Record<HealthKind, number>;
  /** Pipelines matching the query, over all pages. */
  matched: number;
  pipelines: Row[];
  /** Pass back as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
  openIncidents: OpenIncidentRef[];
}

export const DEFAULT_PAGE_LIMIT = 500;
export const MAX_PAGE_LIMIT = 5_000;

export function buildPipelinesPage(frame: OverviewFrame, query: PipelinesPageQuery): PipelinesPage {
  const selection = selectOverviewPipelines(frame.pipelines, query);
  const matches = selection.pipelines;
  const cursor = query.cursor;
  const start = cursor === null ? 0 : firstAfter(matches, cursor);
  const pipelines = matches.slice(start, start + query.limit);
  const last = pipelines.at(-1);
  return {
    takenAt: new Date(frame.atMs).toISOString(),
    sources: frame.sources,
    total: selection.total,
    needingAttention: selection.needingAttention,
    byStatus: selection.byStatus,
    matched: matches.length,
    pipelines,
    nextCursor: last && start + pipelines.length < matches.length ? formatPipelinesCursor(last) : null,
    openIncidents: frame.openIncidents,
  };
}

/** The same page with each row's full state (partitions, diagnosis) in place of its summary: `?include=partitions`. */
export function withPipelineDetail(page: PipelinesPage, detailOf: (pipelineId: string) => PipelineJson | null): PipelinesPage<PipelineJson> {
  return { ...page, pipelines: page.pipelines.flatMap((p) => detailOf(p.pipelineId) ?? []) };
}

export function formatPipelinesCursor(row: Pick<PipelineSummary, 'rank' | 'name' | 'pipelineId'>): string {
  return `${row.rank}:${encodeURIComponent(row.name)}:${encodeURIComponent(row.pipelineId)}`;
}

export function parsePipelinesCursor(text: string): PipelinesCursor | null {
  const parts = text.split(':');
  if (parts.length !== 3 || !/^-?\d+$/.test(parts[0]!)) return null;
  const rank = Number(parts[0]);
  try {
    const name = decodeURIComponent(parts[1]!);
    const pipelineId = decodeURIComponent(parts[2]!);
    return Number.isSafeInteger(rank) && pipelineId !== '' ? { rank, name, pipelineId } : null;
  } catch {
    return null;
  }
}

/** The index of the first row after the cursor in the worst-first order (binary search: the rows are sorted). */
function firstAfter(rows: readonly PipelineSummary[], cursor: PipelinesCursor): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (comparePipelineSummaries(rows[middle]!, cursor) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
