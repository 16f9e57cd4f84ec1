import { checkHost, parseHostHeader, type HostPolicy } from './host-check';

/**
 * Whether a request that changes state comes from Pipewatch's own pages or a deliberate client.
 * A page of another origin can send a "simple" cross-origin request (a form, a no-cors fetch)
 * without a preflight, cookies included; such a request always has a simple content type and,
 * in browsers, Origin and Sec-Fetch-Site. So a write must be JSON, and what a browser says about
 * its origin must be this Pipewatch. Scripts and Alertmanager send neither header.
 */
export interface WriteRequestHeaders {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  contentType: string | undefined;
  /** A body follows: Content-Length above 0 or Transfer-Encoding. */
  hasBody: boolean;
}

export type GuardDecision = { ok: true } | { ok: false; status: 403 | 415 | 421; message: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ALLOWED_FETCH_SITES = ['same-origin', 'none'];

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function checkWriteRequest(request: WriteRequestHeaders, policy: HostPolicy): GuardDecision {
  const host = checkHost(request.host, policy);
  if (!host.ok) return host;
  if (request.secFetchSite !== undefined && !ALLOWED_FETCH_SITES.includes(request.secFetchSite)) {
    return {
      ok: false,
      status: 403,
      message: `Sec-Fetch-Site ${JSON.stringify(request.secFetchSite)} may not change anything: only ${ALLOWED_FETCH_SITES.join(' or ')} (Pipewatch's own pages, or a client that is not a browser) may`,
    };
  }
  if (request.origin !== undefined && !isOwnOrigin(request.origin, request.host, policy)) {
    return {
      ok: false,
      status: 403,
      message: `Origin ${JSON.stringify(request.origin)} may not change anything: only pages served by this Pipewatch (${request.host ?? 'its own host'}, publicUrl or server.allowedHosts) may`,
    };
  }
  if (request.hasBody && !isJson(request.contentType)) {
    return { ok: false, status: 415, message: `Content-Type must be application/json for a request with a body; got ${request.contentType === undefined ? 'none' : JSON.stringify(request.contentType)}` };
  }
  return { ok: true };
}

/**
 * Same host and port as the request's Host (what the live socket checks too), publicUrl's origin
 * (a proxy that rewrites Host), or a host in allowedHosts. The scheme is not compared: behind a
 * proxy that ends TLS the page is https while Pipewatch itself sees plain http.
 */
export function isOwnOrigin(origin: string, hostHeader: string | undefined, policy: HostPolicy): boolean {
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (hostHeader !== undefined && url.host === hostHeader.trim().toLowerCase()) return true;
  if (URL.canParse(policy.publicUrl) && new URL(policy.publicUrl).origin === url.origin) return true;
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  return policy.allowedHosts.some((entry) => {
    const allowed = parseHostHeader(entry);
    return allowed !== null && allowed.name === url.hostname.toLowerCase() && (allowed.port === null || allowed.port === port);
  });
}

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json';
}
