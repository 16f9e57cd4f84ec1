/**
 * The classifier compares a window with itself: baselines come from the window's earliest third
 * (or a baseline the caller pinned from a healthy window), so there are no fixed thresholds. What
 * remains are noise floors, below which a change is not worth a finding, and delays from the
 * clients' own defaults. Each is documented with why it has its value.
 */
export interface ClassifyOptions {
  /** "Now" is the median of the readings this recent (at least minRecentSamples of them): one glitch is not a fault. */
  recentMs: number;
  minRecentSamples: number;
  /** The baseline is the median of this leading fraction of the window. */
  baselineFraction: number;
  /** Overrides the window's own baseline, e.g. one pinned while the pipeline was healthy. */
  baseline: Partial<WindowBaseline>;
  /** Fewer sampled Kafka cycles than this and nothing is classified. */
  minKafkaSamples: number;

  /**
   * Lag growth this close to a rebalance, before or after, is the rebalance's. 30 s is kafkajs'
   * session timeout: a member that dies without leaving stalls its partitions that long before
   * the group notices, so the spike starts before the event.
   */
  rebalanceGraceMs: number;
  /** Without a successful write this long, transient errors are an outage; the lab's consumer pauses after the same 10 s. */
  unavailableAfterMs: number;
  /** No commit on any partition this long (and 3 typical commit gaps) before members that do nothing count as stopped. */
  minStoppedMs: number;
  /**
   * One partition's commit stuck this long, and stuckGapFactor times its peers' longest commit gap,
   * is a stuck record. 30 s is kafkajs' session timeout: a member that died without leaving stalls
   * its partitions that long before the group reassigns them, and that is a rebalance to come.
   */
  minStuckMs: number;
  stuckGapFactor: number;
  /** Production is stalled after this long without a record, and silenceGaps mean inter-arrival times (e^-5 < 1 % by chance). */
  minSilenceMs: number;
  silenceGaps: number;

  /** Sink latency is up at twice its baseline and 50 ms above it: histogram buckets make smaller moves noise. */
  minLatencyRatio: number;
  minLatencyIncreaseSeconds: number;
  /** Above this transient error ratio it is an error problem, not a slow sink. */
  maxSlowSinkErrorRatio: number;
  /** Without latency (Kafka only) a slow sink shows as consumption below this share of its baseline while lag grows. */
  maxConsumeShareForSlowSink: number;
  /** Errors count from 3 a minute and 1 % of attempts: a lone timeout is not a finding. */
  minErrorsPerSec: number;
  minErrorRatio: number;
  /** Lag changes smaller than this are flat: caught-up pipelines wobble by a few records. */
  minLagGrowthMessages: number;

  /** Hot: at least hotLagShare of the lag on at most hotPartitionShare of the partitions (at least one). */
  hotLagShare: number;
  hotPartitionShare: number;
  minHotLagMessages: number;

  /** Lag near retention: at least this share of retention and not draining in time, or past alwaysRetentionShare. */
  minRetentionShare: number;
  alwaysRetentionShare: number;
}

export interface WindowBaseline {
  lagMessages: number | null;
  produceRatePerSec: number | null;
  consumeRatePerSec: number | null;
  sinkLatencyP99Seconds: number | null;
  sinkTransientErrorsPerSec: number | null;
}

export const DEFAULT_CLASSIFY_OPTIONS: ClassifyOptions = {
  recentMs: 5_000,
  minRecentSamples: 3,
  baselineFraction: 1 / 3,
  baseline: {},
  minKafkaSamples: 4,
  rebalanceGraceMs: 30_000,
  unavailableAfterMs: 10_000,
  minStoppedMs: 10_000,
  minStuckMs: 30_000,
  stuckGapFactor: 3,
  minSilenceMs: 6_000,
  silenceGaps: 5,
  minLatencyRatio: 2,
  minLatencyIncreaseSeconds: 0.05,
  maxSlowSinkErrorRatio: 0.1,
  maxConsumeShareForSlowSink: 0.8,
  minErrorsPerSec: 0.05,
  minErrorRatio: 0.01,
  minLagGrowthMessages: 10,
  hotLagShare: 0.8,
  hotPartitionShare: 0.25,
  minHotLagMessages: 100,
  minRetentionShare: 0.5,
  alwaysRetentionShare: 0.9,
};
