import type { ParamsLike } from './overview-query';

/**
 * Whether the overview's inactive section is open, held in the URL (?inactive=show) so a pasted
 * link opens it; any other value reads as collapsed.
 */
export interface InactiveGroupsQuery {
  show: boolean;
}

export function parseInactiveGroupsQuery(params: ParamsLike): InactiveGroupsQuery {
  return { show: params.get('inactive') === 'show' };
}

/** Other parameters (the overview's search and filter) are kept. */
export function buildInactiveGroupsSearch(query: InactiveGroupsQuery, current: string = ''): string {
  const params = new URLSearchParams(current);
  if (query.show) params.set('inactive', 'show');
  else params.delete('inactive');
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
