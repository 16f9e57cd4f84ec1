/**
 * Where `/?token=…` sends the browser once the cookie is set: the same path and query without the
 * token. A path that begins with `//` or `/\` is a scheme-relative URL to a browser (another
 * host), so leading slashes collapse to one: the redirect never leaves this origin.
 */
export function buildLoginRedirect(url: URL): string {
  const query = new URLSearchParams(url.search);
  query.delete('token');
  const path = `/${url.pathname.replace(/^[/\\]+/, '')}`;
  const search = query.toString();
  return `${path}${search === '' ? '' : `?${search}`}`;
}
