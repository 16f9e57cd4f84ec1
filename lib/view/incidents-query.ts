import { FAILURE_TYPES, type FailureType } from '../diagnosis/failure-table';
import type { ParamsLike } from './overview-query';

/** The incidents list's filters, held in the URL: ?status=open|resolved&pipeline=&type=. */
export interface IncidentsQuery {
  status: 'open' | 'resolved' | null;
  pipeline: string | null;
  type: FailureType | null;
}

export const INCIDENTS_LIMIT = 200;

export function parseIncidentsQuery(params: ParamsLike): IncidentsQuery {
  const status = params.get('status');
  const type = params.get('type');
  const pipeline = params.get('pipeline');
  return {
    status: status === 'open' || status === 'resolved' ? status : null,
    pipeline: pipeline === null || pipeline === '' ? null : pipeline.slice(0, 512),
    type: (FAILURE_TYPES as readonly string[]).includes(type ?? '') ? (type as FailureType) : null,
  };
}

/** The page's own search string: "?status=open&type=slow-sink", or "". */
export function buildIncidentsSearch(query: IncidentsQuery): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.pipeline) params.set('pipeline', query.pipeline);
  if (query.type) params.set('type', query.type);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** GET /api/incidents with the same filters. */
export function buildIncidentsApiPath(query: IncidentsQuery, limit = INCIDENTS_LIMIT): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.pipeline) params.set('pipeline', query.pipeline);
  if (query.type) params.set('type', query.type);
  params.set('limit', String(limit));
  return `/api/incidents?${params.toString()}`;
}
