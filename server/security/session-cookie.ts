import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The dashboard's session cookie. Its value is `<issuedAtMs>.<HMAC-SHA256 of issuedAtMs keyed by
 * the token>`: the raw token never sits in the browser, a stolen cookie expires, and every
 * replica with the same token accepts every other's without shared state.
 */
export const SESSION_MAX_AGE_MS = 12 * 3_600_000;
/** Clocks of two replicas never agree exactly. */
const FUTURE_SKEW_MS = 60_000;

/**
 * `__Host-` binds the cookie to this origin's scheme and host (browsers only keep it when Secure);
 * without https a cookie is shared by every port of a host, so the name carries the port: two
 * Pipewatches on one machine keep their own sessions.
 */
export function sessionCookieName(publicUrl: string, port: number): string {
  return isHttps(publicUrl) ? '__Host-pipewatch_session' : `pipewatch_session_${port}`;
}

export function issueSession(token: string, nowMs: number): string {
  const issuedAtMs = String(Math.floor(nowMs));
  return `${issuedAtMs}.${sign(token, issuedAtMs)}`;
}

export function verifySession(value: string, token: string, nowMs: number): boolean {
  const match = /^([1-9]\d{0,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return false;
  const issuedAtMs = Number(match[1]);
  if (issuedAtMs > nowMs + FUTURE_SKEW_MS || nowMs - issuedAtMs > SESSION_MAX_AGE_MS) return false;
  const expected = Buffer.from(sign(token, match[1]!));
  const presented = Buffer.from(match[2]!);
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}

export function sessionSetCookie(name: string, value: string, publicUrl: string): string {
  const secure = isHttps(publicUrl) ? '; Secure' : '';
  return `${name}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MAX_AGE_MS / 1000}${secure}`;
}

function sign(token: string, issuedAtMs: string): string {
  return createHmac('sha256', token).update(`pipewatch-session:${issuedAtMs}`).digest('base64url');
}

function isHttps(publicUrl: string): boolean {
  return URL.canParse(publicUrl) && new URL(publicUrl).protocol === 'https:';
}
