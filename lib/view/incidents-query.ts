import { FAILURE_TYPES, type FailureType } from '../diagnosis/failure-table';
import type { ParamsLike } from './overview-query';

/** The incidents list's filters, held in the URL: ?status=open|resolved&pipeline=&type=&range=7d. */
export interface IncidentsQuery {
  status: 'open' | 'resolved' | null;
  pipeline: string | null;
  type: FailureType | null;
  range: IncidentsRange;
}

/** How far back the list and the figures reach: incidents overlapping the last 24 h, 7 d, 30 d, or all. */
export const INCIDENTS_RANGES = ['24h', '7d', '30d', 'all'] as const;

export type IncidentsRange = (typeof INCIDENTS_RANGES)[number];

const RANGE_MS: Record<Exclude<IncidentsRange, 'all'>, number> = { '24h': 24 * 3_600_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

export const RANGE_LABEL: Record<IncidentsRange, string> = { '24h': 'Last 24 h', '7d': 'Last 7 days', '30d': 'Last 30 days', all: 'All time' };

export const DEFAULT_INCIDENTS_QUERY: IncidentsQuery = { status: null, pipeline: null, type: null, range: 'all' };

/** One page of the list; "load more" asks for the next with the server's cursor. */
export const INCIDENTS_PAGE_SIZE = 50;

export function parseIncidentsQuery(params: ParamsLike): IncidentsQuery {
  const status = params.get('status');
  const type = params.get('type');
  const pipeline = params.get('pipeline');
  const range = params.get('range');
  return {
    status: status === 'open' || status === 'resolved' ? status : null,
    pipeline: pipeline === null || pipeline === '' ? null : pipeline.slice(0, 512),
    type: (FAILURE_TYPES as readonly string[]).includes(type ?? '') ? (type as FailureType) : null,
    range: (INCIDENTS_RANGES as readonly string[]).includes(range ?? '') ? (range as IncidentsRange) : DEFAULT_INCIDENTS_QUERY.range,
  };
}

/** The page's own search string: "?status=open&type=slow-sink&range=7d", or "". The default range stays out. */
export function buildIncidentsSearch(query: IncidentsQuery): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.pipeline) params.set('pipeline', query.pipeline);
  if (query.type) params.set('type', query.type);
  if (query.range !== DEFAULT_INCIDENTS_QUERY.range) params.set('range', query.range);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function isFiltered(query: IncidentsQuery): boolean {
  return query.status !== null || query.pipeline !== null || query.type !== null || query.range !== DEFAULT_INCIDENTS_QUERY.range;
}

/** Epoch ms the range starts at, as of `nowMs`; null for all time. */
export function rangeFromMs(range: IncidentsRange, nowMs: number): number | null {
  return range === 'all' ? null : nowMs - RANGE_MS[range];
}

/**
 * GET /api/incidents with the same filters. `from` is computed at fetch time from `nowMs`, so the
 * query key (buildIncidentsQueryKey) does not change every second.
 */
export function buildIncidentsApiPath(query: IncidentsQuery, nowMs: number, cursor: string | null = null, limit = INCIDENTS_PAGE_SIZE): string {
  const params = filterParams(query, nowMs);
  if (query.status) params.set('status', query.status);
  params.set('limit', String(limit));
  if (cursor !== null) params.set('cursor', cursor);
  return `/api/incidents?${params.toString()}`;
}

/** GET /api/incidents/figures: the same filters but status (figures count open and resolved alike). */
export function buildFiguresApiPath(query: IncidentsQuery, nowMs: number): string {
  const text = filterParams(query, nowMs).toString();
  return text === '' ? '/api/incidents/figures' : `/api/incidents/figures?${text}`;
}

/** What identifies a listing for the cache: the filters, not the clock. */
export function buildIncidentsQueryKey(query: IncidentsQuery): string {
  return buildIncidentsSearch(query) || '?';
}

function filterParams(query: IncidentsQuery, nowMs: number): URLSearchParams {
  const params = new URLSearchParams();
  if (query.pipeline) params.set('pipeline', query.pipeline);
  if (query.type) params.set('type', query.type);
  const fromMs = rangeFromMs(query.range, nowMs);
  if (fromMs !== null) params.set('from', String(Math.floor(fromMs)));
  return params;
}
