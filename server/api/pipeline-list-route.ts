import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, buildPipelinesPage, parsePipelinesCursor, withPipelineDetail } from '../../lib/api/pipelines-page';
import type { PipelineJson } from '../../lib/api/pipeline-json';
import type { HealthKind } from '../../lib/diagnosis/evaluate-status';
import type { OverviewFrame } from '../../lib/live/live-wire';
import { HEALTH_KINDS, type StatusFilter } from '../../lib/view/select-overview-pipelines';
import { ApiError, json, queryEnum, queryInt, queryString, type ApiRequest, type ApiResponse } from './api-request';

export interface PipelineListContext {
  /** The overview's latest frame (rows worst first); null before the first cycle. */
  overview(): OverviewFrame | null;
  /** A pipeline's full state with partitions and diagnosis, for `?include=partitions`. */
  detail(pipelineId: string): PipelineJson | null;
}

/** Same bound as the overview's search box. */
const MAX_SEARCH_CHARS = 200;

/** `GET /api/pipelines?status=&q=&limit=&cursor=&include=partitions` (docs/api.md). */
export function answerPipelineList(request: ApiRequest, context: PipelineListContext): ApiResponse {
  const query = {
    q: request.query.get('q')?.slice(0, MAX_SEARCH_CHARS) ?? '',
    status: queryStatus(request.query),
    limit: queryInt(request.query, 'limit', 1, MAX_PAGE_LIMIT) ?? DEFAULT_PAGE_LIMIT,
    cursor: queryCursor(request.query),
  };
  const include = queryEnum(request.query, 'include', ['partitions'] as const);
  const frame = context.overview();
  if (!frame) return json(503, { error: 'no collection cycle has finished yet; retry in a few seconds' });
  const page = buildPipelinesPage(frame, query);
  return json(200, include === 'partitions' ? withPipelineDetail(page, context.detail) : page);
}

/** `all`, `attention`, or health kinds separated by commas (`err,stop`). */
function queryStatus(query: URLSearchParams): StatusFilter {
  const value = query.get('status');
  if (value === null || value === 'all') return 'all';
  if (value === 'attention') return 'attention';
  const kinds = value.split(',');
  const unknown = kinds.filter((k) => !(HEALTH_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new ApiError(400, `status must be all, attention, or health kinds separated by commas (${HEALTH_KINDS.join(', ')}); got ${JSON.stringify(value)}`, 'status');
  }
  return kinds as HealthKind[];
}

function queryCursor(query: URLSearchParams) {
  const text = queryString(query, 'cursor', 2_000);
  if (text === undefined) return null;
  const cursor = parsePipelinesCursor(text);
  if (!cursor) throw new ApiError(400, 'cursor must be a nextCursor from a previous answer of GET /api/pipelines', 'cursor');
  return cursor;
}
