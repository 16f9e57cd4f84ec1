import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Checks shared by the HTTP server and the live socket. The server's full rules (hosts, session
 * cookies, the ingest token, where writes come from) are in server/security/; checkToken is the
 * bearer-only check for a live socket used on its own (the live benchmark).
 */

export type AccessDecision = { ok: true } | { ok: false; status: 401 | 403; message: string };

export function checkToken(request: IncomingMessage, token: string | null): AccessDecision {
  if (token === null) return { ok: true };
  const presented = bearerToken(request);
  if (presented === null) {
    return { ok: false, status: 401, message: 'this Pipewatch needs its token: send Authorization: Bearer <PIPEWATCH_TOKEN>' };
  }
  return sameSecret(presented, token) ? { ok: true } : { ok: false, status: 401, message: 'wrong token: it must equal the server\'s PIPEWATCH_TOKEN' };
}

/**
 * Browsers send Origin on websocket upgrades, and a page of another site could otherwise open a
 * socket with the user's cookie. Clients that send no Origin (scripts, the benchmark) are not browsers.
 */
export function checkOrigin(request: IncomingMessage, allowedOrigins: readonly string[]): AccessDecision {
  const origin = request.headers.origin;
  if (origin === undefined) return { ok: true };
  const host = request.headers.host;
  const sameHost = host !== undefined && URL.canParse(origin) && new URL(origin).host === host;
  if (sameHost || allowedOrigins.includes(origin)) return { ok: true };
  return { ok: false, status: 403, message: `origin ${origin} may not open the live socket: only pages served by this Pipewatch (${host ?? 'unknown host'}) may` };
}

export function sameSecret(presented: string, expected: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim() ?? null;
}

export function cookieValue(request: IncomingMessage, name: string): string | null {
  const header = request.headers.cookie;
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}
