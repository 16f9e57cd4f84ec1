import type { QueryError } from '../metrics/query-result';

/**
 * What Pipewatch reads from Prometheus about each consumer group: what only the consumer knows
 * (sink outcomes, latency, retries, DLQ publishes, pauses). The default PromQL for each follows
 * docs/instrumentation.md; a config can override any of them.
 */
export const SIGNAL_NAMES = [
  'recordsProcessedPerSec',
  'sinkRequestsPerSec',
  'retriesPerSec',
  'sinkLatencyP50Seconds',
  'sinkLatencyP95Seconds',
  'sinkLatencyP99Seconds',
  'sinkTransientErrorsPerSec',
  'sinkPermanentErrorsPerSec',
  'dlqPublishesPerSec',
  'consumersPaused',
  'rebalancesPerSec',
] as const;

export type SignalName = (typeof SIGNAL_NAMES)[number];

/**
 * One signal's reading for every consumer group in one cycle. A group absent from `byGroup` has
 * no such series (not instrumented, or no traffic yet): a gap, never a zero.
 */
export type SignalOutcome =
  | { kind: 'ok'; byGroup: ReadonlyMap<string, number>; warnings: string[] }
  | { kind: 'error'; promql: string; error: SignalError };

export type SignalError =
  | QueryError
  | { type: 'unreachable'; message: string }
  | { type: 'http'; status: number; message: string }
  | { type: 'not-a-vector'; message: string };

export interface SignalsSample {
  takenAtMs: number;
  signals: Readonly<Record<SignalName, SignalOutcome>>;
}
