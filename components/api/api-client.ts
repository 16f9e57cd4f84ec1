import type { ActionRequest } from '../../lib/view/build-incident-action-request';
import { buildPostmortemPath } from '../../lib/view/build-incident-action-request';
import type { IncidentFiguresJson } from '../../lib/view/build-incident-figures-view';
import type { IncidentListItem } from '../../lib/view/build-incident-rows';
import { buildMutePath, buildMuteRequestBody, type MuteDuration } from '../../lib/view/build-mute-view';
import type { MuteDetail } from '../../lib/view/incident-detail-answer';
import { buildFiguresApiPath, buildIncidentsApiPath, type IncidentsQuery } from '../../lib/view/incidents-query';
import { fetchJson, fetchText } from './fetch-json';
import { parseIncidentDetail, type ParsedIncident } from './parse-incident-detail';
import { parseIncidentFigures } from './parse-incident-figures';
import { parseMutes } from './parse-mutes';

/**
 * The browser's side of Pipewatch's HTTP API (docs/api.md): one method per route the screens use,
 * each answer typed or parsed tolerantly. A non-2xx answer throws an ApiError with the server's text.
 */

export interface IncidentsPage {
  incidents: IncidentListItem[];
  nextCursor: string | null;
}

type Signal = { signal?: AbortSignal };

export interface ApiClient {
  incidents(query: IncidentsQuery, nowMs: number, cursor: string | null, init?: Signal): Promise<IncidentsPage>;
  incidentFigures(query: IncidentsQuery, nowMs: number, init?: Signal): Promise<IncidentFiguresJson[]>;
  incident(incidentId: string, init?: Signal): Promise<ParsedIncident>;
  incidentAction(request: ActionRequest): Promise<unknown>;
  postmortemMarkdown(incidentId: string): Promise<string>;
  mutes(init?: Signal): Promise<MuteDetail[]>;
  mute(pipelineId: string, duration: MuteDuration, by: string, reason: string): Promise<unknown>;
  unmute(muteId: number, by: string): Promise<unknown>;
  /** The lab's active faults, as sent: lib/view/fault-catalog.ts parseActiveFaults reads them against the clock. */
  demoFaults(init?: Signal): Promise<unknown>;
  startDemoFault(body: Record<string, unknown>): Promise<unknown>;
}

export function createApiClient(fetchFn?: typeof fetch): ApiClient {
  return {
    incidents: (query, nowMs, cursor, init) => fetchJson<IncidentsPage>(buildIncidentsApiPath(query, nowMs, cursor), { signal: init?.signal, fetchFn }),
    incidentFigures: async (query, nowMs, init) => parseIncidentFigures(await fetchJson<unknown>(buildFiguresApiPath(query, nowMs), { signal: init?.signal, fetchFn })),
    incident: async (incidentId, init) => parseIncidentDetail(await fetchJson<unknown>(`/api/incidents/${encodeURIComponent(incidentId)}`, { signal: init?.signal, fetchFn })),
    incidentAction: (request) => fetchJson<unknown>(request.path, { method: 'POST', body: request.body, fetchFn }),
    postmortemMarkdown: (incidentId) => fetchText(buildPostmortemPath(incidentId), { fetchFn }),
    mutes: async (init) => parseMutes(await fetchJson<unknown>(buildMutePath(), { signal: init?.signal, fetchFn })),
    mute: (pipelineId, duration, by, reason) => fetchJson<unknown>(buildMutePath(), { method: 'POST', body: buildMuteRequestBody(pipelineId, duration, by, reason), fetchFn }),
    unmute: (muteId, by) => fetchJson<unknown>(buildMutePath(muteId), { method: 'DELETE', body: { by }, fetchFn }),
    demoFaults: (init) => fetchJson<unknown>('/api/demo/faults', { signal: init?.signal, fetchFn }),
    startDemoFault: (body) => fetchJson<unknown>('/api/demo/faults', { method: 'POST', body, fetchFn }),
  };
}

export const api = createApiClient();
