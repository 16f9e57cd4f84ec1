import type { QueryError } from './query-result';

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
 * What a signal's number is. Only a latency quantile may be +Infinity: histogram_quantile answers
 * +Inf when the quantile falls in the top (+Inf) bucket, i.e. "slower than the largest bucket".
 */
export type SignalUnit = 'per-second' | 'seconds-quantile' | 'members';

export const SIGNAL_UNITS: Readonly<Record<SignalName, SignalUnit>> = {
  recordsProcessedPerSec: 'per-second',
  sinkRequestsPerSec: 'per-second',
  retriesPerSec: 'per-second',
  sinkLatencyP50Seconds: 'seconds-quantile',
  sinkLatencyP95Seconds: 'seconds-quantile',
  sinkLatencyP99Seconds: 'seconds-quantile',
  sinkTransientErrorsPerSec: 'per-second',
  sinkPermanentErrorsPerSec: 'per-second',
  dlqPublishesPerSec: 'per-second',
  consumersPaused: 'members',
  rebalancesPerSec: 'per-second',
};

/**
 * One signal's reading for every consumer group in one cycle. A group absent from `byGroup` has
 * no such series (not instrumented, or no traffic yet: a quantile of nothing is NaN): a gap,
 * never a zero. `warnings` holds Prometheus's warnings and infos, and any value that was dropped.
 */
export type SignalOutcome =
  | { kind: 'ok'; byGroup: ReadonlyMap<string, number>; warnings: string[] }
  | { kind: 'error'; promql: string; error: SignalError };

export type UnreachableReason = 'connection-refused' | 'dns' | 'timeout' | 'connection-reset' | 'tls' | 'network';

export type SignalError =
  | QueryError
  /** Nothing answered. The Prometheus source always sets `reason` and `url` (credentials stripped). */
  | { type: 'unreachable'; message: string; reason?: UnreachableReason; url?: string }
  /** A non-2xx answer whose body is not a Prometheus error, e.g. a proxy's 502 page. */
  | { type: 'http'; status: number; message: string; url?: string }
  /** The query answered a matrix, scalar, string or native histograms instead of floats per series. */
  | { type: 'not-a-vector'; got: 'matrix' | 'scalar' | 'string' | 'native-histograms'; message: string }
  /** A series without the group label, or two series for one group: the query is not one number per group. */
  | { type: 'not-by-group'; message: string };

export interface SignalsSample {
  takenAtMs: number;
  signals: Readonly<Record<SignalName, SignalOutcome>>;
}
