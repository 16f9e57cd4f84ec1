import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CycleResult } from '../../lib/collection/collection-loop';
import { PIPEWATCH_METRIC } from '../../lib/alerting/pipewatch-metric-names';
import { createServiceMetrics } from './service-metrics';

/** The parts of a collection cycle the exposition reads. */
export type CycleFigures = Pick<CycleResult, 'durationMs' | 'roundTrips' | 'skippedCycles' | 'sources' | 'snapshots' | 'diagnoses' | 'openIncidents'>;

export interface PipewatchMetricsOptions {
  registry?: Registry;
  /** `pipewatch_build_info`'s labels: the package version and the commit it was built from. */
  build?: { version: string; commit: string };
  /** Per-partition series are left out while the pipelines have more partitions than this (metrics.maxPartitionSeries). */
  maxPartitionSeries?: number;
}

/**
 * Pipewatch's own /metrics: the standard process and Node.js series, its health as a collector
 * and as a service, and the pipeline figures it computed, so Prometheus keeps the long history and
 * teams can alert on Pipewatch's numbers (lag in seconds included) even when the dashboard is
 * down. Names and labels are documented in docs/api.md.
 */
export function createPipewatchMetrics({ registry = new Registry(), build = { version: 'unknown', commit: 'unknown' }, maxPartitionSeries = Infinity }: PipewatchMetricsOptions = {}) {
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({ name: PIPEWATCH_METRIC.buildInfo, help: 'Always 1; the labels say which build runs.', labelNames: ['version', 'commit'], registers }).set(build, 1);
  const partitionSeriesLeftOut = new Gauge({ name: PIPEWATCH_METRIC.partitionSeriesLeftOut, help: '1 while the per-partition series are left out: the pipelines have more partitions than metrics.maxPartitionSeries.', registers });
  const cycleDuration = new Histogram({
    name: PIPEWATCH_METRIC.cycleDurationSeconds,
    help: 'Time one collection cycle took, both sources included.',
    // Fine enough that a 10 % change of the median shows (bench:steady reads its quantiles).
    buckets: [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.75, 0.9, 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10, 15, 30],
    registers,
  });
  const roundTrips = new Gauge({ name: PIPEWATCH_METRIC.kafkaRoundTrips, help: 'Broker requests in the last cycle.', registers });
  const skipped = new Gauge({ name: PIPEWATCH_METRIC.skippedCycles, help: 'Cycles skipped since start because the previous one was still running.', registers });
  const sourceUp = new Gauge({ name: PIPEWATCH_METRIC.sourceUp, help: '1 when the source answered fully in its last attempt, 0.5 when partly (degraded), 0 when down.', labelNames: ['source'], registers });
  const sourceFailures = new Gauge({ name: PIPEWATCH_METRIC.sourceConsecutiveFailures, help: 'Failed attempts in a row.', labelNames: ['source'], registers });
  const cycles = new Counter({ name: PIPEWATCH_METRIC.cyclesTotal, help: 'Collection cycles run.', registers });

  const pipelineLabels = ['pipeline', 'consumer_group'] as const;
  const lag = new Gauge({ name: PIPEWATCH_METRIC.pipelineLagMessages, help: 'Records not yet consumed, over partitions with a commit.', labelNames: pipelineLabels, registers });
  const lagSeconds = new Gauge({ name: PIPEWATCH_METRIC.pipelineLagSeconds, help: 'Age of the oldest unconsumed record (0 when caught up).', labelNames: pipelineLabels, registers });
  const produceRate = new Gauge({ name: PIPEWATCH_METRIC.pipelineProduceRate, help: 'Records produced per second to the pipeline topics.', labelNames: pipelineLabels, registers });
  const consumeRate = new Gauge({ name: PIPEWATCH_METRIC.pipelineConsumeRate, help: 'Records committed per second by the group.', labelNames: pipelineLabels, registers });
  const drainSeconds = new Gauge({ name: PIPEWATCH_METRIC.pipelineTimeToDrainSeconds, help: 'Time until lag is gone at current rates; +Inf when not draining.', labelNames: pipelineLabels, registers });
  const dlqDepth = new Gauge({ name: PIPEWATCH_METRIC.pipelineDlqMessages, help: 'Records retained in the pipeline DLQ topics.', labelNames: pipelineLabels, registers });
  const members = new Gauge({ name: PIPEWATCH_METRIC.pipelineMembers, help: 'Members of the consumer group (absent when not visible).', labelNames: pipelineLabels, registers });
  const noCommit = new Gauge({ name: PIPEWATCH_METRIC.pipelinePartitionsWithoutCommit, help: 'Partitions the group has never committed on.', labelNames: pipelineLabels, registers });
  const retentionHeadroom = new Gauge({ name: PIPEWATCH_METRIC.pipelineRetentionHeadroomSeconds, help: 'Time until retention deletes the oldest unconsumed record (worst partition); negative: records are being lost.', labelNames: pipelineLabels, registers });
  const lost = new Gauge({ name: PIPEWATCH_METRIC.pipelineLostMessages, help: 'Records deleted by retention before the group consumed them.', labelNames: pipelineLabels, registers });
  const partitionLabels = ['pipeline', 'consumer_group', 'topic', 'partition'] as const;
  const partitionLag = new Gauge({ name: PIPEWATCH_METRIC.partitionLagMessages, help: 'Records not yet consumed on one partition.', labelNames: partitionLabels, registers });
  const partitionLagSeconds = new Gauge({ name: PIPEWATCH_METRIC.partitionLagSeconds, help: 'Age of the oldest unconsumed record on one partition.', labelNames: partitionLabels, registers });
  const status = new Gauge({ name: PIPEWATCH_METRIC.pipelineStatus, help: '1 for the pipeline\'s current health status (ok, warn, err, stall, stop, rewind, unknown), one series per pipeline.', labelNames: ['pipeline', 'status'], registers });
  const findings = new Gauge({ name: PIPEWATCH_METRIC.pipelineFinding, help: 'Failure types the classifier finds now (1 per finding; confidence as a label).', labelNames: ['pipeline', 'failure_type', 'confidence'], registers });
  const openIncidents = new Gauge({ name: PIPEWATCH_METRIC.openIncidents, help: 'Open incidents by pipeline, failure type and severity.', labelNames: ['pipeline', 'failure_type', 'severity'], registers });
  const activity = new Gauge({ name: PIPEWATCH_METRIC.pipelineActivity, help: '1 for the group\'s current activity (active, stopped, inactive, abandoned), one series per pipeline; inactive and abandoned groups are never incidents.', labelNames: ['pipeline', 'consumer_group', 'activity'], registers });
  const positionAge = new Gauge({ name: PIPEWATCH_METRIC.pipelinePositionAgeSeconds, help: 'For a group not consuming: age of the record at its position (a lower bound when Pipewatch cannot date it).', labelNames: pipelineLabels, registers });
  const perPipeline = [status, activity, positionAge, findings, openIncidents, lag, lagSeconds, produceRate, consumeRate, drainSeconds, dlqDepth, members, noCommit, lost, retentionHeadroom, partitionLag, partitionLagSeconds];

  function record(cycle: CycleFigures): void {
    cycles.inc();
    cycleDuration.observe(cycle.durationMs / 1000);
    if (cycle.roundTrips !== null) roundTrips.set(cycle.roundTrips);
    skipped.set(cycle.skippedCycles);
    for (const [source, health] of Object.entries(cycle.sources)) {
      if (health.activity === 'disabled') continue;
      sourceUp.set({ source }, health.health === 'ok' ? 1 : health.health === 'degraded' ? 0.5 : 0);
      sourceFailures.set({ source }, health.consecutiveFailures);
    }
    // Rebuilt every cycle: a pipeline that went away, or a figure that became unknown, must vanish
    // from /metrics rather than keep its last value. Synchronous, so no scrape sees it half-built.
    for (const gauge of perPipeline) gauge.reset();
    for (const diagnosis of cycle.diagnoses) {
      status.set({ pipeline: diagnosis.pipelineId, status: diagnosis.status.pipeline.kind }, 1);
      for (const { finding } of diagnosis.findings) findings.set({ pipeline: diagnosis.pipelineId, failure_type: finding.type, confidence: finding.confidence }, 1);
    }
    for (const incident of cycle.openIncidents) openIncidents.inc({ pipeline: incident.pipelineId, failure_type: incident.type, severity: incident.severity });
    let partitionCount = 0;
    for (const snapshot of cycle.snapshots) if (snapshot.kafka.kind === 'sampled') partitionCount += snapshot.kafka.partitions.length;
    const withPartitions = partitionCount <= maxPartitionSeries;
    partitionSeriesLeftOut.set(withPartitions ? 0 : 1);
    for (const snapshot of cycle.snapshots) {
      const labels = { pipeline: snapshot.pipelineId, consumer_group: snapshot.groupId };
      activity.set({ ...labels, activity: snapshot.activity.state }, 1);
      if (snapshot.activity.positionAtMs !== null) positionAge.set(labels, Math.max(0, snapshot.takenAtMs - snapshot.activity.positionAtMs) / 1000);
      if (snapshot.kafka.kind !== 'sampled') continue;
      const { totals, dlq, group, partitions } = snapshot.kafka;
      lag.set(labels, totals.lagMessages);
      if (totals.maxLagSeconds.kind !== 'unknown') lagSeconds.set(labels, totals.maxLagSeconds.seconds);
      if (totals.produceRatePerSec !== null) produceRate.set(labels, totals.produceRatePerSec);
      if (totals.consumeRatePerSec !== null) consumeRate.set(labels, totals.consumeRatePerSec);
      if (totals.timeToDrain.kind === 'drained') drainSeconds.set(labels, 0);
      if (totals.timeToDrain.kind === 'draining') drainSeconds.set(labels, totals.timeToDrain.seconds);
      if (totals.timeToDrain.kind === 'not-draining') drainSeconds.set(labels, Infinity);
      if (snapshot.dlqTopics.length > 0) dlqDepth.set(labels, dlq.depthMessages);
      if (group.membership.kind === 'visible') members.set(labels, group.membership.members.length);
      noCommit.set(labels, totals.partitionsWithoutCommit);
      lost.set(labels, totals.lostMessages);
      if (totals.retentionHeadroomSeconds !== null) retentionHeadroom.set(labels, totals.retentionHeadroomSeconds);
      if (!withPartitions) continue;
      for (const p of partitions) {
        const partition = { ...labels, topic: p.topic, partition: String(p.partition) };
        if (p.lag.kind !== 'no-commit') partitionLag.set(partition, Number(p.lag.lagMessages));
        if (p.lagSeconds.kind !== 'unknown') partitionLagSeconds.set(partition, p.lagSeconds.seconds);
      }
    }
  }

  return { registry, record, ...createServiceMetrics(registry) };
}
