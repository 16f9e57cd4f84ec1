import type { UnreachableReason } from '../../lib/signals/signals';
import type { TransportError } from '../../lib/signals/prometheus-client';

/**
 * Node's fetch (undici) rejects with TypeError("fetch failed") and puts the socket error in
 * `cause`; a connection to a name with several addresses fails with an AggregateError there.
 * AbortSignal.timeout() rejects with a DOMException named TimeoutError, also while reading the body.
 */
const REASON_BY_CODE: Readonly<Record<string, UnreachableReason>> = {
  ECONNREFUSED: 'connection-refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'connection-reset',
  EPIPE: 'connection-reset',
  UND_ERR_SOCKET: 'connection-reset',
  UND_ERR_CLOSED: 'connection-reset',
  CERT_HAS_EXPIRED: 'tls',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls',
  ERR_SSL_WRONG_VERSION_NUMBER: 'tls',
};

/** `url` must already be free of credentials: it goes into the message. */
export function classifyFetchFailure(error: unknown, url: string, timeoutMs: number): TransportError {
  if (isNamed(error, 'TimeoutError')) {
    return { type: 'unreachable', reason: 'timeout', url, message: `no answer from ${url} within ${timeoutMs} ms` };
  }
  const cause = isRecord(error) ? error.cause : undefined;
  const code = errorCode(cause);
  const reason = (code === undefined ? undefined : REASON_BY_CODE[code]) ?? 'network';
  const detail = describe(cause ?? error);
  return { type: 'unreachable', reason, url, message: `${SUMMARY[reason]} ${url}: ${detail}` };
}

const SUMMARY: Readonly<Record<UnreachableReason, string>> = {
  'connection-refused': 'connection refused by',
  dns: 'cannot resolve the host of',
  timeout: 'timed out connecting to',
  'connection-reset': 'connection closed by',
  tls: 'TLS handshake failed with',
  network: 'request failed to',
};

function errorCode(cause: unknown): string | undefined {
  if (!isRecord(cause)) return undefined;
  if (typeof cause.code === 'string') return cause.code;
  if (Array.isArray(cause.errors)) return errorCode(cause.errors[0]);
  return undefined;
}

function describe(value: unknown): string {
  if (isRecord(value) && typeof value.message === 'string' && value.message !== '') return value.message;
  if (isRecord(value) && Array.isArray(value.errors)) return value.errors.map(describe).join('; ');
  return String(value);
}

function isNamed(value: unknown, name: string): boolean {
  return isRecord(value) && value.name === name;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
