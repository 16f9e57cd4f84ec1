/** API resources whose second segment is an id. */
const ID_RESOURCES = new Set(['pipelines', 'incidents', 'mutes']);
/** Fixed names that take the place of an id: `/api/incidents/figures`. */
const FIXED_NAMES = new Set(['figures']);
const ACTIONS = new Set(['history', 'postmortem', 'acknowledge', 'notes', 'resolve']);
const PATHS = new Set(['/', '/metrics', '/healthz', '/readyz', '/live', '/incident', '/incidents', '/pipeline', '/favicon.ico', '/api/alertmanager', '/api/demo/faults']);

/**
 * The route a request path belongs to, as logs and /metrics name it: ids replaced by `:id`, Next's
 * assets folded into one, anything unknown `other`. A bounded set of values: a raw URL would put
 * ids and tokens into the log and one series per URL into /metrics.
 */
export function routePattern(pathname: string): string {
  if (PATHS.has(pathname)) return pathname;
  if (pathname.startsWith('/_next/')) return '/_next/*';
  const segments = pathname.split('/').slice(1);
  if (segments[0] !== 'api') return 'other';
  const [, resource, id, action, ...rest] = segments;
  if (resource === undefined || !ID_RESOURCES.has(resource)) return '/api/other';
  if (id === undefined || id === '') return `/api/${resource}`;
  const idPart = FIXED_NAMES.has(id) ? id : ':id';
  if (action === undefined) return `/api/${resource}/${idPart}`;
  if (rest.length === 0 && ACTIONS.has(action)) return `/api/${resource}/${idPart}/${action}`;
  return '/api/other';
}

/** The route of a request's raw URL (path and query); `other` when it does not parse. */
export function routeOfUrl(url: string | undefined): string {
  try {
    return routePattern(new URL(url ?? '/', 'http://pipewatch.local').pathname);
  } catch {
    return 'other';
  }
}
