/**
 * The overview's filter and search, held in the URL (?q=&filter=) so a pasted link opens the same
 * view. Unknown values read as the defaults rather than failing.
 */

export type OverviewFilter = 'all' | 'attention';

export interface OverviewQuery {
  q: string;
  filter: OverviewFilter;
}

/** A length limit keeps a hostile link from making every row test a megabyte of text. */
const MAX_QUERY_CHARS = 200;

export interface ParamsLike {
  get(name: string): string | null;
}

export function parseOverviewQuery(params: ParamsLike): OverviewQuery {
  const filter = params.get('filter') === 'attention' ? 'attention' : 'all';
  return { q: (params.get('q') ?? '').slice(0, MAX_QUERY_CHARS), filter };
}

/** "?q=pay&filter=attention", or "" for the defaults; parameters other than these are kept. */
export function buildOverviewSearch(query: OverviewQuery, current: string = ''): string {
  const params = new URLSearchParams(current);
  if (query.q.trim() === '') params.delete('q');
  else params.set('q', query.q);
  if (query.filter === 'all') params.delete('filter');
  else params.set('filter', query.filter);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
