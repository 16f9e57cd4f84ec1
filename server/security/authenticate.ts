import { sameSecret } from '../http/access';
import { verifySession } from './session-cookie';

/**
 * How a request proved who sent it. `open`: no token is configured. `session`: the dashboard's
 * cookie. `bearer`: the token itself. `ingest`: PIPEWATCH_INGEST_TOKEN, for machine senders.
 */
export type AuthKind = 'open' | 'session' | 'bearer' | 'ingest';

export interface Credentials {
  bearer: string | null;
  session: string | null;
}

export interface Tokens {
  token: string | null;
  ingestToken: string | null;
}

export type AuthOutcome =
  | { kind: 'authenticated'; auth: AuthKind }
  | { kind: 'missing' }
  /** A bearer token that matches neither: counts towards the rate limit. */
  | { kind: 'wrong-token' }
  /** A cookie that is forged, of another token or expired: not guessing, not counted. */
  | { kind: 'stale-session' };

export function authenticate(credentials: Credentials, tokens: Tokens, nowMs: number): AuthOutcome {
  if (tokens.token === null) return { kind: 'authenticated', auth: 'open' };
  if (credentials.bearer !== null) {
    if (sameSecret(credentials.bearer, tokens.token)) return { kind: 'authenticated', auth: 'bearer' };
    if (tokens.ingestToken !== null && sameSecret(credentials.bearer, tokens.ingestToken)) return { kind: 'authenticated', auth: 'ingest' };
    return { kind: 'wrong-token' };
  }
  if (credentials.session !== null) {
    return verifySession(credentials.session, tokens.token, nowMs) ? { kind: 'authenticated', auth: 'session' } : { kind: 'stale-session' };
  }
  return { kind: 'missing' };
}

/** The ingest token only feeds Pipewatch: it cannot read incidents or act on them. */
export function mayUseApiRoute(auth: AuthKind, method: string, segments: readonly string[]): boolean {
  if (auth !== 'ingest') return true;
  return method === 'POST' && segments.length === 1 && segments[0] === 'alertmanager';
}

export const INGEST_ONLY_MESSAGE = 'the ingest token (PIPEWATCH_INGEST_TOKEN) may only POST /api/alertmanager; reading and acting on incidents needs PIPEWATCH_TOKEN';
