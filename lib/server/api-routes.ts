import type { SnapshotJson } from '../api/pipeline-json';
import { FAILURE_TYPES, type FailureType } from '../diagnosis/failure-table';
import { DEFAULT_WINDOW_MS } from '../live/live-protocol';
import type { IncidentJson, PipelineSnapshotData } from '../live/live-views';
import { ApiError, json, queryDuration, queryEnum, queryInt, queryString, queryTime, type ApiRequest, type ApiResponse } from './api-request';

/** What the HTTP API reads; the server hands in the live hub's state and the incident store. */
export interface ApiContext {
  /** The latest cycle as `pipewatch snapshot --json` prints it; null before the first cycle. */
  snapshot(): SnapshotJson | null;
  pipeline(pipelineId: string, windowMs: number): PipelineSnapshotData | null;
  incidents: IncidentQueries;
  /** Demo mode only: the lab pipeline's fault control. */
  faults: FaultControl | null;
}

export interface IncidentFilter {
  pipelineId?: string;
  type?: FailureType;
  status?: 'open' | 'resolved';
  fromMs?: number;
  toMs?: number;
  limit: number;
}

export interface IncidentQueries {
  list(filter: IncidentFilter): Promise<IncidentJson[]>;
  get(id: string): Promise<IncidentJson | null>;
}

export interface FaultControl {
  list(): Promise<{ status: number; body: unknown }>;
  start(body: unknown): Promise<{ status: number; body: unknown }>;
}

const MAX_WINDOW_MS = 24 * 3_600_000;

export async function routeApi(request: ApiRequest, context: ApiContext): Promise<ApiResponse> {
  try {
    return await route(request, context);
  } catch (error) {
    if (error instanceof ApiError) return json(error.status, { error: error.message, parameter: error.parameter });
    throw error;
  }
}

async function route(request: ApiRequest, context: ApiContext): Promise<ApiResponse> {
  const [resource, id, ...rest] = request.segments;
  const method = request.method;
  if (resource === 'pipelines' && method === 'GET' && id === undefined) {
    const snapshot = context.snapshot();
    if (!snapshot) return json(503, { error: 'no collection cycle has finished yet; retry in a few seconds' });
    return json(200, snapshot);
  }
  if (resource === 'pipelines' && method === 'GET' && id !== undefined && rest.length === 0) {
    const windowMs = queryDuration(request.query, 'window', 60_000, MAX_WINDOW_MS) ?? DEFAULT_WINDOW_MS;
    const pipeline = context.pipeline(id, windowMs);
    if (!pipeline) return json(404, { error: `no pipeline ${JSON.stringify(id)}: GET /api/pipelines lists the pipelines Pipewatch watches` });
    return json(200, pipeline);
  }
  if (resource === 'incidents' && method === 'GET' && id === undefined) {
    const filter: IncidentFilter = {
      pipelineId: queryString(request.query, 'pipeline'),
      type: queryEnum(request.query, 'type', FAILURE_TYPES),
      status: queryEnum(request.query, 'status', ['open', 'resolved'] as const),
      fromMs: queryTime(request.query, 'from'),
      toMs: queryTime(request.query, 'to'),
      limit: queryInt(request.query, 'limit', 1, 1_000) ?? 100,
    };
    if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.fromMs > filter.toMs) throw new ApiError(400, 'from must not be after to', 'from');
    return json(200, { incidents: await context.incidents.list(filter) });
  }
  if (resource === 'incidents' && method === 'GET' && id !== undefined && rest.length === 0) {
    const incident = await context.incidents.get(id);
    if (!incident) return json(404, { error: `no incident ${JSON.stringify(id)}` });
    return json(200, incident);
  }
  if (resource === 'demo' && id === 'faults' && rest.length === 0 && context.faults) {
    if (method === 'GET') return proxied(await context.faults.list());
    if (method === 'POST') return proxied(await context.faults.start(request.body));
  }
  const known = ['GET /api/pipelines', 'GET /api/pipelines/:id', 'GET /api/incidents', 'GET /api/incidents/:id', ...(context.faults ? ['GET|POST /api/demo/faults'] : [])];
  return json(404, { error: `no route ${method} /api/${request.segments.map(encodeURIComponent).join('/')}; known: ${known.join(', ')}` });
}

function proxied(answer: { status: number; body: unknown }): ApiResponse {
  return json(answer.status, answer.body);
}
