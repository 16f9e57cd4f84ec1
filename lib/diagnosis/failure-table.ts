/**
 * The ingestion failure table as data: the five rows of the chapter (data-ingestion-chapter.txt,
 * section 4, "Backpressure, Retries, and Dead Letter Queues") plus the failures they imply. The
 * classifier, the recommendations, the UI and the docs all read this one table.
 */

export const FAILURE_TYPES = [
  'transient-sink-error',
  'permanent-data-error',
  'slow-sink',
  'kafka-rebalance',
  'sink-unavailable',
  'consumer-stopped',
  'upstream-stall',
  'hot-partition',
  'lag-near-retention',
] as const;

export type FailureType = (typeof FAILURE_TYPES)[number];

/** From least to most severe: the one order lists, escalation and ranks use. */
export const SEVERITIES = ['info', 'warning', 'critical'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** Higher is worse: info 0, warning 1, critical 2. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** A sort comparator: the most severe first. */
export function byWorstSeverity(a: Severity, b: Severity): number {
  return severityRank(b) - severityRank(a);
}

export function worseSeverity(a: Severity, b: Severity): Severity {
  return severityRank(b) > severityRank(a) ? b : a;
}

export interface FailureTableEntry {
  type: FailureType;
  title: string;
  /** The signals that detect it, in prose. */
  howItShows: string;
  /** The chapter's recommended response, or ours for an implied row. */
  response: string;
  /** The chapter's table row it comes from, verbatim, or 'implied'. */
  chapterRow: string | 'implied';
  checks: readonly string[];
  /** Kafka client and topic settings that bear on the response. */
  settings: readonly string[];
  severity: Severity;
  /** A failure this one becomes when it persists; an incident keeps its identity across the step. */
  escalatesTo: FailureType | null;
}

export const FAILURE_TABLE: readonly FailureTableEntry[] = [
  {
    type: 'transient-sink-error',
    title: 'Transient sink error',
    howItShows: 'Sink errors (5xx, 429, timeouts) and retries rise while records are still written and committed.',
    response: 'Retry in place with exponential backoff and jitter.',
    chapterRow: 'Transient sink error (5xx, throttle) | HTTP code, exception type | Exponential backoff with jitter, retry in place',
    checks: [
      'Which status codes fail: throttling (429), server errors (5xx) or timeouts',
      "The sink's own status and rate limits",
      'That a retried record finishes within max.poll.interval.ms, or the member is evicted',
    ],
    settings: ['max.poll.interval.ms'],
    severity: 'warning',
    escalatesTo: 'sink-unavailable',
  },
  {
    type: 'permanent-data-error',
    title: 'Permanent data error',
    howItShows:
      'The DLQ grows, or validation/parse failures are counted, while the main flow keeps moving; or one partition stops committing while the others move (a record retried forever).',
    response: 'Publish to DLQ with error metadata, alert, continue.',
    chapterRow: 'Permanent data error (schema, business rule) | Validation, parsing failure | Publish to DLQ with metadata, alert, continue',
    checks: [
      'The DLQ headers (x-error-class, x-error-reason, x-error-detail) of the newest records',
      "Recent schema versions and deploys of the topic's producers",
      'After the fix, replay the DLQ to the main topic',
    ],
    settings: ['enable.idempotence'],
    severity: 'warning',
    escalatesTo: null,
  },
  {
    type: 'slow-sink',
    title: 'Slow sink (backpressure)',
    howItShows: 'Sink latency rises above its baseline while lag grows, with few errors.',
    response: 'Reduce poll size, slow consumption.',
    chapterRow: 'Slow sink (backpressure) | Consumer lag, queue depth | Reduce poll size, slow consumption',
    checks: [
      'Saturation of the sink: CPU, connections, locks, compaction',
      'Whether poll size times sink latency still fits max.poll.interval.ms',
      'Lag in seconds against the topic retention',
    ],
    settings: ['max.poll.records', 'max.partition.fetch.bytes', 'fetch.max.bytes', 'max.poll.interval.ms'],
    severity: 'warning',
    escalatesTo: null,
  },
  {
    type: 'kafka-rebalance',
    title: 'Kafka rebalance',
    howItShows: 'The group passes through PreparingRebalance/CompletingRebalance, members join or leave, partitions move; a brief stall and lag spike follow.',
    response: 'Commit offsets, replay last batch (idempotent sink absorbs duplicates).',
    chapterRow: 'Kafka rebalance | Consumer group event | Commit offsets, replay last batch (idempotency handles duplicates)',
    checks: [
      'Which members joined or left, and why (deploy, crash, eviction)',
      'Whether rebalances repeat: a member exceeding max.poll.interval.ms or session.timeout.ms',
      'The share of duplicate writes at the sink after the rebalance',
    ],
    settings: ['enable.auto.commit', 'session.timeout.ms', 'max.poll.interval.ms', 'partition.assignment.strategy', 'group.instance.id'],
    severity: 'info',
    escalatesTo: null,
  },
  {
    type: 'sink-unavailable',
    title: 'Sink unavailable (extended outage)',
    howItShows: 'Repeated failures and no successful write for longer than the escalation delay; commits stop; consumers pause.',
    response: 'Pause consumer, alert, manual recovery.',
    chapterRow: 'Sink unavailable (extended outage) | Repeated failures | Pause consumer, alert, manual recovery',
    checks: [
      'Whether the sink is reachable at all (connection refused, timeouts)',
      "The sink's health endpoint before resuming",
      'Lag in seconds against the topic retention while paused',
    ],
    settings: ['max.poll.interval.ms'],
    severity: 'critical',
    escalatesTo: null,
  },
  {
    type: 'consumer-stopped',
    title: 'Consumer stopped',
    howItShows: 'The group has no members, or no partition commits, while lag grows.',
    response: 'Restart the consumer; find out why it stopped before it stops again.',
    chapterRow: 'implied',
    checks: [
      'Deploys, crash loops and OOM kills of the consumer processes',
      'Members present but idle: thread dumps of a stuck poll loop',
      'Lag in seconds against the topic retention',
    ],
    settings: ['session.timeout.ms', 'max.poll.interval.ms'],
    severity: 'critical',
    escalatesTo: null,
  },
  {
    type: 'upstream-stall',
    title: 'Upstream stall',
    howItShows: 'Nothing is appended to the source topics any more, after records used to flow.',
    response: 'Check the producers and their source; the consumer side has nothing to do.',
    chapterRow: 'implied',
    checks: ["The producers' delivery errors and timeouts", 'The upstream source (service, CDC connector, job schedule)', 'Whether producers now write to another topic'],
    settings: ['acks', 'delivery.timeout.ms', 'enable.idempotence'],
    severity: 'warning',
    escalatesTo: null,
  },
  {
    type: 'hot-partition',
    title: 'Hot partition',
    howItShows: 'Most of the lag sits on a few partitions while their commits still move.',
    response: 'Spread the keys, or relieve the member that owns the hot partitions.',
    chapterRow: 'implied',
    checks: [
      "The hot partitions' share of production: skewed keys",
      'The member owning them: a slow host, or more partitions than its peers',
    ],
    settings: ['partitioner.class'],
    severity: 'warning',
    escalatesTo: null,
  },
  {
    type: 'lag-near-retention',
    title: 'Lag near retention',
    howItShows: 'The oldest unconsumed record is close to its retention limit and will not be consumed before the limit at current rates; or records were already deleted unconsumed.',
    response: 'Catch up or raise retention.ms on the topic before records are deleted unconsumed.',
    chapterRow: 'implied',
    checks: ['The time to drain against the headroom left', 'Disk room on the brokers before raising retention'],
    settings: ['retention.ms', 'retention.bytes'],
    severity: 'critical',
    escalatesTo: null,
  },
];

const BY_TYPE = new Map(FAILURE_TABLE.map((entry) => [entry.type, entry]));

export function failureEntry(type: FailureType): FailureTableEntry {
  const entry = BY_TYPE.get(type);
  if (!entry) throw new Error(`failure type ${type} is missing from FAILURE_TABLE`);
  return entry;
}

/** The last type of the escalation chain: incidents are keyed by it, so escalation keeps one incident. */
export function incidentFamilyOf(type: FailureType): FailureType {
  let current = failureEntry(type);
  for (let steps = 0; current.escalatesTo !== null && steps < FAILURE_TYPES.length; steps++) current = failureEntry(current.escalatesTo);
  return current.type;
}

/** Position in its escalation chain: a later type is the more severe classification of the same fault. */
export function escalationRank(type: FailureType): number {
  let rank = 0;
  for (const entry of FAILURE_TABLE) if (entry.escalatesTo === type) rank = Math.max(rank, escalationRank(entry.type) + 1);
  return rank;
}
