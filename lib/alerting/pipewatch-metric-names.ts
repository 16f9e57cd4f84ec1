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
  partitionSeriesLeftOut: 'pipewatch_partition_series_left_out',
  buildInfo: 'pipewatch_build_info',
  httpRequestsTotal: 'pipewatch_http_requests_total',
  httpRequestDurationSeconds: 'pipewatch_http_request_duration_seconds',
  liveClients: 'pipewatch_live_clients',
  liveMessagesSentTotal: 'pipewatch_live_messages_sent_total',
  liveMessagesDroppedTotal: 'pipewatch_live_messages_dropped_total',
  notificationsSentTotal: 'pipewatch_notifications_sent_total',
  notificationsFailedTotal: 'pipewatch_notifications_failed_total',
  notificationsRetriedTotal: 'pipewatch_notifications_retried_total',
  notificationsDroppedTotal: 'pipewatch_notifications_dropped_total',
  notificationsQueued: 'pipewatch_notifications_queued',
  storeWriteDurationSeconds: 'pipewatch_store_write_duration_seconds',
  storeWriteFailuresTotal: 'pipewatch_store_write_failures_total',
  kafkaRequestDurationSeconds: 'pipewatch_kafka_request_duration_seconds',
  kafkaRequestErrorsTotal: 'pipewatch_kafka_request_errors_total',
  prometheusQueryDurationSeconds: 'pipewatch_prometheus_query_duration_seconds',
  prometheusQueryErrorsTotal: 'pipewatch_prometheus_query_errors_total',
} as const;

/**
 * Node's process figures under the names every Node service exposes (prom-client's defaults,
 * unprefixed): dashboards and alerts written for any Node service work on Pipewatch too.
 */
export const STANDARD_PROCESS_METRICS = ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'process_start_time_seconds', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_gc_duration_seconds'] as const;
