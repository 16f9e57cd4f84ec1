import type { PipelineHistoryAnswer } from '../../lib/api/pipeline-history-answer';
import { DEFAULT_WINDOW_MS } from '../../lib/live/live-protocol';
import type { PipelineSnapshotData } from '../../lib/live/live-wire';
import { ApiError, json, queryDuration, queryTime, type ApiRequest, type ApiResponse } from './api-request';
import type { PipelineHistoryOutcome } from '../../lib/signals/read-pipeline-history';
import { routeIncidents, type IncidentRoutesContext } from './incident-routes';
import { answerPipelineList, type PipelineListContext } from './pipeline-list-route';

/** What the HTTP API reads; the server hands in the live hub's state and the incident store. */
export interface ApiContext extends PipelineListContext {
  pipeline(pipelineId: string, windowMs: number): PipelineSnapshotData | null;
  /** Longer ranges, from Prometheus; null when Prometheus is not configured. */
  history: ((pipelineId: string, startMs: number, endMs: number) => Promise<HistoryLookup>) | null;
  incidents: IncidentRoutesContext;
  /** Demo mode only: the lab pipeline's fault control. */
  faults: FaultControl | null;
}

export interface FaultControl {
  list(): Promise<{ status: number; body: unknown }>;
  start(body: unknown): Promise<{ status: number; body: unknown }>;
}

const MAX_WINDOW_MS = 24 * 3_600_000;
const MAX_HISTORY_MS = 30 * 24 * 3_600_000;

/** A history read for a pipeline the collector knows, or why there is none. */
export type HistoryLookup = { kind: 'unknown-pipeline' } | { kind: 'read'; outcome: PipelineHistoryOutcome };

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
  if (resource === 'pipelines' && method === 'GET' && id === undefined) return answerPipelineList(request, context);
  if (resource === 'pipelines' && method === 'GET' && id !== undefined && rest.length === 0) {
    const windowMs = queryDuration(request.query, 'window', 60_000, MAX_WINDOW_MS) ?? DEFAULT_WINDOW_MS;
    const pipeline = context.pipeline(id, windowMs);
    if (!pipeline) return json(404, { error: `no pipeline ${JSON.stringify(id)}: GET /api/pipelines lists the pipelines Pipewatch watches` });
    return json(200, pipeline);
  }
  if (resource === 'pipelines' && method === 'GET' && id !== undefined && rest.length === 1 && rest[0] === 'history') {
    const rangeMs = queryDuration(request.query, 'range', 60 * 60_000, MAX_HISTORY_MS) ?? 6 * 60 * 60_000;
    // A range that ends in the future only asks Prometheus for points that do not exist yet.
    const endMs = queryTime(request.query, 'end', Date.now() + MAX_WINDOW_MS) ?? Date.now();
    if (endMs - rangeMs < 0) throw new ApiError(400, `end minus range must not be before 1970; got end ${endMs}`, 'end');
    if (!context.history) return json(503, { error: 'Prometheus is not configured (prometheus.url): ranges beyond the live windows come from it' });
    const answer = await context.history(id, endMs - rangeMs, endMs);
    if (answer.kind === 'unknown-pipeline') return json(404, { error: `no pipeline ${JSON.stringify(id)}: GET /api/pipelines lists the pipelines Pipewatch watches` });
    if (!answer.outcome.ok) return json(502, { error: answer.outcome.message });
    const body: PipelineHistoryAnswer = { pipelineId: id, fromMs: endMs - rangeMs, toMs: endMs, stepMs: answer.outcome.stepMs, points: answer.outcome.points, warnings: answer.outcome.warnings };
    return json(200, body);
  }
  const incidents = await routeIncidents(request, context.incidents);
  if (incidents) return incidents;
  if (resource === 'demo' && id === 'faults' && rest.length === 0 && context.faults) {
    if (method === 'GET') return proxied(await context.faults.list());
    if (method === 'POST') return proxied(await context.faults.start(request.body));
  }
  const known = [
    'GET /api/pipelines?status=&q=&limit=&cursor=&include=partitions',
    'GET /api/pipelines/:id',
    'GET /api/pipelines/:id/history',
    'GET /api/incidents',
    'GET /api/incidents/figures',
    'GET /api/incidents/:id',
    'GET /api/incidents/:id/postmortem',
    'POST /api/incidents/:id/acknowledge|notes|resolve',
    'GET|POST /api/mutes',
    'DELETE /api/mutes/:id',
    'POST /api/alertmanager',
    ...(context.faults ? ['GET|POST /api/demo/faults'] : []),
  ];
  return json(404, { error: `no route ${method} /api/${request.segments.map(encodeURIComponent).join('/')}; known: ${known.join(', ')}` });
}

function proxied(answer: { status: number; body: unknown }): ApiResponse {
  return json(answer.status, answer.body);
}
