import type { WindowOption } from './window-options';

/**
 * Links between the screens. Ids travel as query parameters, not path segments: group ids may hold
 * '/', '%', '?' or any unicode, and URLSearchParams encodes all of them.
 */

export function buildPipelineHref(pipelineId: string, window?: WindowOption): string {
  const params = new URLSearchParams({ id: pipelineId });
  if (window !== undefined) params.set('window', window);
  return `/pipeline?${params.toString()}`;
}

export function buildIncidentHref(incidentId: string): string {
  return `/incident?${new URLSearchParams({ id: incidentId }).toString()}`;
}

export interface IncidentsQueryLink {
  status?: 'open' | 'resolved';
  pipeline?: string;
  type?: string;
}

export function buildIncidentsHref(query: IncidentsQueryLink = {}): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.pipeline) params.set('pipeline', query.pipeline);
  if (query.type) params.set('type', query.type);
  const text = params.toString();
  return text === '' ? '/incidents' : `/incidents?${text}`;
}
