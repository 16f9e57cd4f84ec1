/**
 * The series Pipewatch's own /metrics exposes (docs/api.md), named once: the exposition writes
 * them, and the alerting rules and the long-range history read them back from Prometheus.
 */
export const PIPEWATCH_METRIC = {
  cycleDurationSeconds: 'pipewatch_collection_cycle_duration_seconds',
  cyclesTotal: 'pipewatch_collection_cycles_total',
  skippedCycles: 'pipewatch_collection_skipped_cycles',
  kafkaRoundTrips: 'pipewatch_kafka_round_trips',
  sourceUp: 'pipewatch_source_up',
  sourceConsecutiveFailures: 'pipewatch_source_consecutive_failures',
  pipelineLagMessages: 'pipewatch_pipeline_lag_messages',
  pipelineLagSeconds: 'pipewatch_pipeline_lag_seconds',
  pipelineProduceRate: 'pipewatch_pipeline_produce_rate',
  pipelineConsumeRate: 'pipewatch_pipeline_consume_rate',
  pipelineTimeToDrainSeconds: 'pipewatch_pipeline_time_to_drain_seconds',
  pipelineDlqMessages: 'pipewatch_pipeline_dlq_messages',
  pipelineMembers: 'pipewatch_pipeline_members',
  pipelinePartitionsWithoutCommit: 'pipewatch_pipeline_partitions_without_commit',
  pipelineRetentionHeadroomSeconds: 'pipewatch_pipeline_retention_headroom_seconds',
  pipelineLostMessages: 'pipewatch_pipeline_lost_messages',
  partitionLagMessages: 'pipewatch_partition_lag_messages',
  partitionLagSeconds: 'pipewatch_partition_lag_seconds',
  pipelineStatus: 'pipewatch_pipeline_status',
  pipelineActivity: 'pipewatch_pipeline_activity',
  pipelinePositionAgeSeconds: 'pipewatch_pipeline_position_age_seconds',
  pipelineFinding: 'pipewatch_pipeline_finding',
  openIncidents: 'pipewatch_open_incidents',
} as const;

/** Node's process figures (CPU, memory, event loop) carry this prefix. */
export const PIPEWATCH_PROCESS_METRIC_PREFIX = 'pipewatch_process_';
