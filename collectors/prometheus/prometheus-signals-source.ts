import { mapWithConcurrency } from '../../lib/collection/map-with-concurrency';
import { SIGNAL_NAMES, type SignalName, type SignalOutcome, type SignalsSample } from '../../lib/signals/signals';
import type { SignalsSource } from '../../lib/signals/signals-source';
import { buildSignalOutcome } from './build-signal-outcome';
import { buildDefaultSignalQueries, DEFAULT_GROUP_LABEL } from './default-signal-queries';
import type { PrometheusClient } from '../../lib/signals/prometheus-client';

export interface PrometheusSignalsSourceOptions {
  client: PrometheusClient;
  /** PromQL per signal replacing the default; each must answer one float per group. */
  queries?: Partial<Record<SignalName, string>>;
  /** Window of the default queries' rate(); see DEFAULT_RATE_WINDOW_SECONDS. */
  rateWindowSeconds?: number;
  groupLabel?: string;
  /** Queries in flight at once; Prometheus shares its query slots (20 by default) with every other reader. */
  maxConcurrentQueries?: number;
  nowMs?: () => number;
  /** Each signal's query as it finished: for /metrics. `error` is the kind of failure (unreachable, http, a Prometheus error type), null when it answered. */
  observeQuery?: (query: { signal: SignalName; durationMs: number; error: string | null }) => void;
}

export const DEFAULT_MAX_CONCURRENT_QUERIES = 4;

/**
 * Reads every signal from Prometheus, one instant query per signal across all groups. Queries are
 * evaluated at Prometheus's own now rather than a pinned time: with a 10 s window, a few seconds
 * of clock skew between this host and Prometheus would empty the end of every window.
 * Never rejects for a Prometheus problem: each signal carries its own error.
 */
export class PrometheusSignalsSource implements SignalsSource {
  /** The PromQL each signal runs, defaults and overrides merged: for the screen and for logs. */
  readonly queries: Readonly<Record<SignalName, string>>;
  private readonly client: PrometheusClient;
  private readonly groupLabel: string;
  private readonly maxConcurrentQueries: number;
  private readonly nowMs: () => number;
  private readonly observeQuery: PrometheusSignalsSourceOptions['observeQuery'];

  constructor(options: PrometheusSignalsSourceOptions) {
    this.client = options.client;
    this.observeQuery = options.observeQuery;
    this.groupLabel = options.groupLabel ?? DEFAULT_GROUP_LABEL;
    this.queries = {
      ...buildDefaultSignalQueries({ rateWindowSeconds: options.rateWindowSeconds, groupLabel: this.groupLabel }),
      ...definedOnly(options.queries ?? {}),
    };
    this.maxConcurrentQueries = options.maxConcurrentQueries ?? DEFAULT_MAX_CONCURRENT_QUERIES;
    if (!Number.isInteger(this.maxConcurrentQueries) || this.maxConcurrentQueries < 1) {
      throw new RangeError(`maxConcurrentQueries must be a whole number ≥ 1, got ${options.maxConcurrentQueries}`);
    }
    this.nowMs = options.nowMs ?? Date.now;
  }

  async sample(): Promise<SignalsSample> {
    const takenAtMs = this.nowMs();
    const outcomes = await mapWithConcurrency(SIGNAL_NAMES, this.maxConcurrentQueries, async (signal) => {
      const promql = this.queries[signal];
      const startedMs = performance.now();
      const answer = await this.client.query(promql);
      this.observeQuery?.({ signal, durationMs: performance.now() - startedMs, error: answer.ok ? null : answer.error.type });
      return buildSignalOutcome(signal, promql, answer, this.groupLabel);
    });
    const signals = Object.fromEntries(SIGNAL_NAMES.map((signal, index) => [signal, outcomes[index]!])) as Record<SignalName, SignalOutcome>;
    return { takenAtMs, signals };
  }
}

function definedOnly(queries: Partial<Record<SignalName, string>>): Partial<Record<SignalName, string>> {
  return Object.fromEntries(Object.entries(queries).filter(([, promql]) => promql !== undefined));
}
