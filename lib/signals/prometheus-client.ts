import type { QueryError, QueryResult } from './query-result';
import type { UnreachableReason } from './signals';
import type { RangeQueryStep } from './range-query-step';

/** Why a request never got an answer Prometheus wrote: nothing answered, or something else did. */
export type TransportError =
  | { type: 'unreachable'; reason: UnreachableReason; url: string; message: string }
  /** A non-2xx answer whose body is not a Prometheus error, e.g. a proxy's 502 page. */
  | { type: 'http'; status: number; url: string; message: string };

export type ClientError = QueryError | TransportError;

export type ClientQueryOutcome =
  | { ok: true; result: QueryResult; warnings: string[]; infos: string[] }
  | { ok: false; error: ClientError; warnings: string[]; infos: string[] };

export type InvalidRangeError = { type: 'invalid-range'; reason: Extract<RangeQueryStep, { kind: 'invalid' }>['reason']; message: string };

export type ClientRangeOutcome =
  /** `stepMs` is the step actually sent: the minimum asked for, or wider to stay under 11,000 points. */
  | { ok: true; result: QueryResult; stepMs: number; warnings: string[]; infos: string[] }
  | { ok: false; error: ClientError | InvalidRangeError; warnings: string[]; infos: string[] };

/**
 * Runs PromQL against a Prometheus-compatible HTTP API. Never rejects for a problem of the server
 * or the network: those are outcomes.
 */
export interface PrometheusClient {
  /** Instant query at `timeMs` (epoch ms), or at the server's now when omitted. */
  query(promql: string, options?: { timeMs?: number }): Promise<ClientQueryOutcome>;
  queryRange(promql: string, startMs: number, endMs: number, minStepMs: number): Promise<ClientRangeOutcome>;
}
