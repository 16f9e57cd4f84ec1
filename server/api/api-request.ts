import { MAX_STORED_TIME_MS } from '../../lib/units/date-range';
import { parseDurationMs } from '../../lib/units/parse-duration';
import type { AuthKind } from '../security/authenticate';

/** An API request as the routes see it, and the helpers that read its parameters strictly. */

export interface ApiRequest {
  method: string;
  /** Decoded path segments after /api: `/api/pipelines/a%2Fb` → ['pipelines', 'a/b']. */
  segments: string[];
  query: URLSearchParams;
  /** Parsed JSON body for POST/PUT; undefined when there is none. */
  body: unknown;
  /** How the request was authenticated; recorded with what people do. Absent: `open`. */
  auth?: AuthKind;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A 400/404 raised while reading a request; the router turns it into a JSON error. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter: string | null = null,
  ) {
    super(message);
  }
}

export function json(status: number, body: unknown): ApiResponse {
  return { status, body };
}

export function queryEnum<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ApiError(400, `${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`, name);
}

export function queryString(query: URLSearchParams, name: string, maxLength = 512): string | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (value.length === 0 || value.length > maxLength) throw new ApiError(400, `${name} must be 1 to ${maxLength} characters`, name);
  return value;
}

export function queryInt(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const number = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(number) || number < min || number > max) {
    throw new ApiError(400, `${name} must be an integer from ${min} to ${max}; got ${JSON.stringify(value)}`, name);
  }
  return number;
}

/** A duration such as `15m` or `1h`, within bounds. */
export function queryDuration(query: URLSearchParams, name: string, minMs: number, maxMs: number): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const parsed = parseDurationMs(value);
  if (!parsed.ok || parsed.valueMs < minMs || parsed.valueMs > maxMs) {
    throw new ApiError(400, `${name} must be a duration like 5m, 15m or 1h, from ${minMs / 1000} s to ${maxMs / 1000} s; got ${JSON.stringify(value)}`, name);
  }
  return parsed.valueMs;
}


/** A time as epoch milliseconds or an ISO 8601 string, from 1970 to maxMs. */
export function queryTime(query: URLSearchParams, name: string, maxMs = MAX_STORED_TIME_MS): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  // Date.parse alone reads almost anything ("-5", "1") as some date.
  const ms = /^\d{1,16}$/.test(value) ? Number(value) : /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms) || ms < 0 || ms > maxMs) {
    throw new ApiError(400, `${name} must be epoch milliseconds or an ISO 8601 time, from 1970 to ${new Date(maxMs).toISOString()}; got ${JSON.stringify(value)}`, name);
  }
  return ms;
}
