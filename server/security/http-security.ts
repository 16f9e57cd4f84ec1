import { randomBytes } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { PipewatchConfig } from '../../lib/config/pipewatch-config';
import { bearerToken, cookieValue, sameSecret } from '../http/access';
import { createAuthRateLimiter, DEFAULT_AUTH_RATE_LIMIT, type AuthRateLimitOptions } from './auth-rate-limit';
import { authenticate, INGEST_ONLY_MESSAGE, mayUseApiRoute, type AuthKind } from './authenticate';
import { checkHost, type HostPolicy } from './host-check';
import { buildLoginRedirect } from './login-redirect';
import { checkWriteRequest, isStateChanging } from './request-guard';
import { buildSecurityHeaders, cacheControlFor } from './security-headers';
import { issueSession, sessionCookieName, sessionSetCookie } from './session-cookie';

export interface HttpSecurityOptions {
  config: PipewatchConfig;
  dev: boolean;
  now?: () => number;
  rateLimit?: Partial<AuthRateLimitOptions>;
}

export type Refusal = { ok: false; status: number; message: string; retryAfterSeconds?: number };
export type Access = { ok: true; auth: AuthKind } | Refusal;

export interface HttpSecurity {
  /** First thing on every request: the security headers, and the nonce Next puts on its scripts. */
  applyHeaders(request: IncomingMessage, response: ServerResponse): void;
  /** Host, credentials, role, and for writes where the request comes from. */
  checkApi(request: IncomingMessage, url: URL): Access;
  /** Dashboard pages and assets; true when it has answered (a refusal, or the `?token=` redirect). */
  handlePage(request: IncomingMessage, response: ServerResponse, url: URL): boolean;
  /** The live socket's upgrade: the same rules as an API read. */
  checkLive(request: IncomingMessage): Access;
  sendRefusal(response: ServerResponse, refusal: Refusal, as: 'json' | 'text'): void;
}

/** The request-level rules of docs/security.md, in one place for the server to call. */
export function createHttpSecurity(options: HttpSecurityOptions): HttpSecurity {
  const { server } = options.config;
  const now = options.now ?? Date.now;
  const limiter = createAuthRateLimiter({ ...DEFAULT_AUTH_RATE_LIMIT, ...options.rateLimit, now });
  const policy: HostPolicy = { boundHost: server.host, publicUrl: server.publicUrl, allowedHosts: server.allowedHosts };
  const tokens = { token: server.token, ingestToken: server.ingestToken };
  const tokenRequired = server.token !== null;

  const cookieName = (request: IncomingMessage) => sessionCookieName(server.publicUrl, request.socket.localPort ?? server.port);
  const clientAddress = (request: IncomingMessage) => request.socket.remoteAddress ?? 'unknown';
  const hostRefusal = (request: IncomingMessage): Refusal | null => {
    const decision = checkHost(request.headers.host, policy);
    return decision.ok ? null : decision;
  };
  const tooMany = (retryAfterSeconds: number): Refusal => ({
    ok: false,
    status: 429,
    message: `too many wrong tokens from this address; retry in ${retryAfterSeconds} s`,
    retryAfterSeconds,
  });

  function authorize(request: IncomingMessage): Access {
    const bearer = bearerToken(request);
    if (tokenRequired && bearer !== null) {
      const rate = limiter.check(clientAddress(request));
      if (!rate.ok) return tooMany(rate.retryAfterSeconds);
    }
    const outcome = authenticate({ bearer, session: cookieValue(request, cookieName(request)) }, tokens, now());
    switch (outcome.kind) {
      case 'authenticated':
        return { ok: true, auth: outcome.auth };
      case 'missing':
        return { ok: false, status: 401, message: 'this Pipewatch needs its token: open the dashboard once with ?token=<PIPEWATCH_TOKEN>, or send Authorization: Bearer <token>' };
      case 'wrong-token':
        limiter.recordFailure(clientAddress(request));
        return { ok: false, status: 401, message: "wrong token: it must equal the server's PIPEWATCH_TOKEN (or PIPEWATCH_INGEST_TOKEN, for Alertmanager)" };
      case 'stale-session':
        return { ok: false, status: 401, message: 'the session has expired or was made for another token: open the dashboard once more with ?token=<PIPEWATCH_TOKEN>' };
    }
  }

  function checkRead(request: IncomingMessage): Access {
    // With a token a rebound name gets nowhere: the browser has no cookie for it.
    if (!tokenRequired) {
      const refused = hostRefusal(request);
      if (refused) return refused;
    }
    return authorize(request);
  }

  return {
    applyHeaders(request, response) {
      const nonce = randomBytes(16).toString('base64');
      const headers = buildSecurityHeaders(nonce, { dev: options.dev });
      // Whatever the client sent in these is replaced: Next and the root layout trust them.
      request.headers['content-security-policy'] = headers['content-security-policy'];
      request.headers['x-nonce'] = nonce;
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      if (tokenRequired) keepHtmlPrivate(response);
    },

    checkApi(request, url) {
      const method = request.method ?? 'GET';
      const writing = isStateChanging(method);
      if (writing) {
        const refused = hostRefusal(request);
        if (refused) return refused;
      }
      const access = checkRead(request);
      if (!access.ok) return access;
      const segments = url.pathname.split('/').slice(2).filter((s) => s !== '');
      if (!mayUseApiRoute(access.auth, method, segments)) return { ok: false, status: 403, message: INGEST_ONLY_MESSAGE };
      if (!writing) return access;
      const guard = checkWriteRequest(
        {
          method,
          host: request.headers.host,
          origin: request.headers.origin,
          secFetchSite: headerText(request.headers['sec-fetch-site']),
          contentType: request.headers['content-type'],
          hasBody: Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined,
        },
        policy,
      );
      return guard.ok ? access : guard;
    },

    handlePage(request, response, url) {
      const answer = (refusal: Refusal) => {
        sendRefusal(response, refusal, 'text');
        return true;
      };
      if (!tokenRequired) {
        const refused = hostRefusal(request);
        return refused ? answer(refused) : false;
      }
      if (url.pathname.startsWith('/_next/static/')) return false;
      const presented = url.searchParams.get('token');
      if (presented !== null) {
        const rate = limiter.check(clientAddress(request));
        if (!rate.ok) return answer(tooMany(rate.retryAfterSeconds));
        if (sameSecret(presented, server.token!)) {
          response.writeHead(303, {
            location: buildLoginRedirect(url),
            'set-cookie': sessionSetCookie(cookieName(request), issueSession(server.token!, now()), server.publicUrl),
          });
          response.end();
          return true;
        }
        limiter.recordFailure(clientAddress(request));
      }
      const access = authorize(request);
      if (!access.ok) return answer(access);
      if (access.auth === 'ingest') return answer({ ok: false, status: 403, message: INGEST_ONLY_MESSAGE });
      return false;
    },

    checkLive(request) {
      const access = checkRead(request);
      if (access.ok && access.auth === 'ingest') return { ok: false, status: 403, message: INGEST_ONLY_MESSAGE };
      return access;
    },

    sendRefusal,
  };
}

function sendRefusal(response: ServerResponse, refusal: Refusal, as: 'json' | 'text'): void {
  const headers: OutgoingHttpHeaders = { 'cache-control': 'no-store' };
  if (refusal.retryAfterSeconds !== undefined) headers['retry-after'] = String(refusal.retryAfterSeconds);
  if (as === 'json') {
    response.writeHead(refusal.status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ error: refusal.message }));
  } else {
    response.writeHead(refusal.status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    response.end(`${refusal.message}\n`);
  }
}

/**
 * Next decides Cache-Control for pages itself (a prerendered page is `s-maxage=31536000`); with a
 * token the HTML is private. Node's end() goes through writeHead too, so one wrapper sees every answer.
 */
function keepHtmlPrivate(response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const given = args.find((arg, i) => i > 0 && typeof arg === 'object' && arg !== null && !Array.isArray(arg)) as Record<string, unknown> | undefined;
    const givenType = given && Object.entries(given).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    const contentType = headerText(givenType ?? response.getHeader('content-type'));
    const cacheControl = cacheControlFor(contentType, true, undefined);
    if (cacheControl !== undefined) {
      if (given) for (const name of Object.keys(given)) if (name.toLowerCase() === 'cache-control') delete given[name];
      response.setHeader('cache-control', cacheControl);
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof response.writeHead;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(String).join(', ');
  return undefined;
}
