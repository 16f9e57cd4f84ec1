import type { SignalName } from '../../lib/signals/signals';

/**
 * Rate window of the default queries. 10 s with the lab's 1 s scrape: a step change shows in the
 * first scrape after it, is half-way in 5 s and complete in 10 s (the diagnosis wants detection
 * within ~10 s), and ten samples per window survive a missed scrape or two without gaps. Keep it
 * at four or more scrape intervals: with a 15 s scrape use 60 s.
 */
export const DEFAULT_RATE_WINDOW_SECONDS = 10;
export const DEFAULT_GROUP_LABEL = 'consumer_group';

export interface DefaultSignalQueryOptions {
  rateWindowSeconds?: number;
  /** The label naming the consumer group, by which every query aggregates. */
  groupLabel?: string;
}

/**
 * One query per signal, aggregated by consumer group over every pipeline at once (a query per
 * pipeline would cost Prometheus N times the work for the same series). Metric names and labels
 * follow docs/instrumentation.md.
 */
export function buildDefaultSignalQueries(options: DefaultSignalQueryOptions = {}): Record<SignalName, string> {
  const window = formatPromqlDuration(options.rateWindowSeconds ?? DEFAULT_RATE_WINDOW_SECONDS);
  const group = options.groupLabel ?? DEFAULT_GROUP_LABEL;
  if (!LABEL_NAME.test(group)) throw new Error(`group label ${JSON.stringify(group)} is not a Prometheus label name`);

  const rate = (selector: string) => `sum by (${group}) (rate(${selector}[${window}]))`;
  const quantile = (q: number) =>
    `histogram_quantile(${q}, sum by (${group}, le) (rate(ingest_sink_request_duration_seconds_bucket[${window}])))`;
  const attempts = rate('ingest_sink_request_duration_seconds_count');
  // Error series are born with their first error (status_code is not known in advance), so a
  // group without one reads 0 wherever its attempts are measured, instead of a gap.
  const errors = (errorClass: string) => `${rate(`ingest_sink_errors_total{error_class="${errorClass}"}`)} or (0 * ${attempts})`;

  return {
    // Every outcome, dead_lettered included: the rate at which the group is done with records.
    recordsProcessedPerSec: rate('ingest_records_processed_total'),
    sinkRequestsPerSec: attempts,
    retriesPerSec: rate('ingest_sink_retries_total'),
    sinkLatencyP50Seconds: quantile(0.5),
    sinkLatencyP95Seconds: quantile(0.95),
    sinkLatencyP99Seconds: quantile(0.99),
    sinkTransientErrorsPerSec: errors('transient'),
    sinkPermanentErrorsPerSec: errors('permanent'),
    dlqPublishesPerSec: rate('ingest_dlq_records_total'),
    // A sum, not a max: "2 of 3 members paused" is a different situation from "all paused".
    // last_over_time bounds the gauge's lookback to the window: a bare selector looks back 5 min,
    // and series of a stopped target were seen to linger that long without staleness markers.
    consumersPaused: `sum by (${group}) (last_over_time(ingest_consumer_paused[${window}]))`,
    // Every member counts each rebalance it takes part in: member joins per second, not rebalances.
    rebalancesPerSec: rate('ingest_consumer_rebalances_total'),
  };
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Seconds → a PromQL duration: "10s", or "1500ms" when not whole. */
export function formatPromqlDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new RangeError(`rate window must be a positive number of seconds, got ${seconds}`);
  const ms = Math.round(seconds * 1000);
  if (ms < 1) throw new RangeError(`rate window must be at least 1 ms, got ${seconds} s`);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
