import { formatLatency, formatRate, formatSeconds } from '../units/format-units';
import type { PipelineSnapshot, PipelineTotals } from '../pipelines/pipeline-snapshot';
import { DEFAULT_CLASSIFY_OPTIONS } from './classify-options';
import { partitionLabel } from './diagnosis-window';
import { formatGrowth, formatMessages, formatOffset, formatPercent } from './evidence-text';
import { failureEntry } from './failure-table';
import type { Finding, FindingOf, MemberRef } from './finding';
import { assertNever } from '../assert-never';
import { capitalize } from '../units/format-text';

/** The table's response for one finding, made concrete with the live numbers. */
export interface Recommendation {
  now: string[];
  check: string[];
  expectedEffect: string;
  settings: string[];
}

/** The Java client's defaults, which most consumers run with. */
const DEFAULT_MAX_POLL_INTERVAL_SECONDS = 300;
const DEFAULT_MAX_POLL_RECORDS = 500;

export function recommend(finding: Finding, latest: PipelineSnapshot): Recommendation {
  const entry = failureEntry(finding.type);
  const totals = latest.kafka.kind === 'sampled' ? latest.kafka.totals : null;
  const base = { check: [...entry.checks], settings: [...entry.settings] };
  switch (finding.type) {
    case 'transient-sink-error': {
      const f = finding.facts;
      return {
        ...base,
        now: [
          'Keep retrying in place with exponential backoff and full jitter; do not dead-letter or skip these records: they are not bad',
          `Sink errors ${formatRate(f.transientErrorsPerSec)}${f.errorRatio === null ? '' : ` (${formatPercent(f.errorRatio)} of attempts)`}, retries ${formatRate(f.retriesPerSec)}; records still processed${f.processedPerSec === null ? '' : ` at ${formatRate(f.processedPerSec)}`}`,
        ],
        expectedEffect: `Jittered backoff spreads the retries so the sink recovers instead of meeting a thundering herd; ${drainText(totals)}. If no write succeeds for ${formatSeconds(DEFAULT_CLASSIFY_OPTIONS.unavailableAfterMs / 1000)} (the default escalation delay) this becomes a sink outage.`,
      };
    }
    case 'sink-unavailable': {
      const f = finding.facts;
      const paused = f.consumersPaused !== null && f.consumersPaused > 0 ? ` (${f.consumersPaused} member${f.consumersPaused === 1 ? '' : 's'} already paused)` : '';
      return {
        ...base,
        now: [
          `Pause the consumer${paused}: no write has succeeded for ${formatSeconds(f.secondsWithoutSuccess)}, retrying harder only adds load`,
          "Alert the sink's owners; recover by hand: confirm the sink's health endpoint answers, then resume",
        ],
        check: [...base.check, ...retentionCheck(latest)],
        expectedEffect: `Nothing is lost while paused: records wait in Kafka (${backlogText(totals)}). After the sink is back, ${afterRecoveryText(totals, finding)}.`,
      };
    }
    case 'permanent-data-error': {
      const f = finding.facts;
      const now = [`Publish failing records to ${f.dlqTopics.join(', ') || 'a dead letter topic'} with error metadata (error class, reason, source topic/partition/offset), alert, and continue`];
      if (f.dlqGrowthPerSec !== null && f.dlqGrowthPerSec > 0) now.push(`The DLQ grows ${formatPerMinute(f.dlqGrowthPerSec)}${f.dlqDepthMessages === null ? '' : `, ${formatMessages(f.dlqDepthMessages)} retained`}: triage it`);
      for (const s of f.stuckPartitions) {
        now.push(
          `${partitionLabel(s)} is stuck at committed offset ${formatOffset(s.stuckAtOffset)} for ${formatSeconds(s.stuckForSeconds)}${ownerText(s.owner)}: dead-letter the record at ${formatOffset(s.stuckAtOffset)} so the partition moves again`,
        );
      }
      const stuckLag = f.stuckPartitions.reduce((sum, s) => sum + s.lagMessages, 0);
      return {
        ...base,
        now,
        expectedEffect:
          f.stuckPartitions.length > 0
            ? `Once past the bad record, the ${formatMessages(stuckLag)} waiting behind it drain; the main flow is unaffected meanwhile (${flowText(totals)}).`
            : `The main flow keeps moving (${flowText(totals)}); the DLQ gathers ${formatPerMinute(f.dlqGrowthPerSec)} until the source data or schema is fixed, then replay it.`,
      };
    }
    case 'slow-sink': {
      const f = finding.facts;
      const latency = f.latencyP99Seconds === null ? 'sink latency' : `sink p99 ${formatLatency(f.latencyP99Seconds)}${f.baselineLatencyP99Seconds === null ? '' : ` vs ${formatLatency(f.baselineLatencyP99Seconds)} baseline`}`;
      const fits = f.latencyP99Seconds !== null && f.latencyP99Seconds > 0 ? Math.max(1, Math.floor(DEFAULT_MAX_POLL_INTERVAL_SECONDS / 2 / f.latencyP99Seconds)) : null;
      return {
        ...base,
        now: [
          `Reduce poll size: lower max.poll.records${fits === null ? '' : ` to at most ~${fits} (default ${DEFAULT_MAX_POLL_RECORDS}) so a poll at ${formatLatency(f.latencyP99Seconds)} per record finishes well inside max.poll.interval.ms (default ${formatSeconds(DEFAULT_MAX_POLL_INTERVAL_SECONDS)})`}, and max.partition.fetch.bytes / fetch.max.bytes with it (kafkajs: maxBytesPerPartition / maxBytes)`,
          `Slow consumption rather than adding concurrency: ${latency}; lag ${formatGrowth(f.lagGrowthPerSec)}`,
        ],
        expectedEffect: `Members stay inside max.poll.interval.ms, so no evictions and no rebalance storm. ${capitalize(drainText(totals))}; once the sink is back near its baseline, ${afterRecoveryText(totals, finding)}.`,
      };
    }
    case 'kafka-rebalance': {
      const f = finding.facts;
      const dup =
        f.duplicateEstimateMessages === null
          ? 'Expect some records redelivered (those consumed after the last commit before the rebalance)'
          : f.duplicateEstimateMessages === 0
            ? 'Expect next to no redeliveries: partitions were committed right before the rebalance'
            : `Expect up to ~${formatMessages(f.duplicateEstimateMessages)} redelivered (consumed after the last commit before the rebalance)`;
      const who = [...f.left.map((c) => `${c} left`), ...f.joined.map((c) => `${c} joined`)];
      return {
        ...base,
        now: [
          'Let it settle: members commit offsets when partitions are revoked, and new owners replay from the last commit',
          `${dup}; an idempotent sink (upserts keyed by event id) absorbs them`,
        ],
        check: [...(who.length > 0 ? [`Members: ${who.join(', ')}${membersText(finding.members)}`] : []), ...(f.rebalances > 1 ? [`${f.rebalances} rebalances in the window: find the member that keeps leaving`] : []), ...base.check],
        expectedEffect: `Lag spiked to ${formatMessages(f.peakLagMessages)} (${formatMessages(f.baselineLagMessages)} before): ${drainText(totals)}; duplicates leave no trace downstream when the sink is idempotent.`,
      };
    }
    case 'consumer-stopped': {
      const f = finding.facts;
      const what = f.members === 0 || !f.groupExists ? `no member in group ${latest.groupId}` : `members of ${latest.groupId} do nothing${membersText(finding.members)}`;
      return {
        ...base,
        now: [`Restart the consumer: ${what}, no commit for ${formatSeconds(f.stoppedForSeconds)}`, 'Find why it stopped (exit code, logs, OOM kills) before it stops again'],
        check: [...base.check, ...retentionCheck(latest)],
        expectedEffect: `The backlog waits in Kafka (${backlogText(totals)}); with the consumer back, ${afterRecoveryText(totals, finding)}.`,
      };
    }
    case 'upstream-stall': {
      const f = finding.facts;
      return {
        ...base,
        now: [`Check the producers of ${latest.topics.join(', ')}: nothing appended for ${formatSeconds(f.silentForSeconds)}, after ${formatRate(f.baselineProduceRatePerSec)}`],
        expectedEffect: 'Nothing to do on the consumer side; when production resumes, consumption follows and downstream data is fresh again.',
      };
    }
    case 'hot-partition': {
      const f = finding.facts;
      const labels = finding.partitions.map(partitionLabel).join(', ');
      const skewed = f.produceShare !== null && f.produceShare >= f.lagShare * 0.5 && f.produceShare > f.hotPartitions / f.totalPartitions;
      return {
        ...base,
        now: [
          skewed
            ? `Keys are skewed: ${labels} receive${f.hotPartitions === 1 ? 's' : ''} ${formatPercent(f.produceShare)} of production; spread the key (salt it, or key by a finer entity)`
            : `Relieve the owner of ${labels}${membersText(finding.members)}: it falls behind while its peers keep up; restart or move it`,
        ],
        expectedEffect: `The ${formatPercent(f.lagShare)} of the lag on ${labels} (${formatMessages(finding.partitions.reduce((s, p) => s + p.lagMessages, 0))}) drains once load evens out.`,
      };
    }
    case 'lag-near-retention':
      return recommendRetention(finding, base, totals);
    default:
      return assertNever(finding, 'finding');
  }
}

function recommendRetention(finding: FindingOf<'lag-near-retention'>, base: Pick<Recommendation, 'check' | 'settings'>, totals: PipelineTotals | null): Recommendation {
  const now: string[] = [];
  for (const r of finding.facts.atRisk) {
    if (r.lostMessages > 0) now.push(`${partitionLabel(r)} already lost ${formatMessages(r.lostMessages)} to retention: replay them from the source if it still has them`);
  }
  const nearing = finding.facts.atRisk.filter((r) => r.lostMessages === 0 && r.headroomSeconds !== null);
  for (const topic of [...new Set(nearing.map((r) => r.topic))]) {
    const onTopic = nearing.filter((r) => r.topic === topic);
    const worst = onTopic.reduce((a, b) => ((b.headroomSeconds ?? 0) < (a.headroomSeconds ?? 0) ? b : a));
    now.push(
      `Raise retention.ms on ${topic} now: the oldest unconsumed record of ${onTopic.map(partitionLabel).join(', ')} is ${worst.lagSecondsAtLeast ? 'at least ' : ''}${formatSeconds(worst.lagSeconds)} old of ${formatSeconds(worst.retentionSeconds)} (${formatSeconds(Math.max(0, worst.headroomSeconds ?? 0))} left)`,
    );
  }
  return { ...base, now: [...now, 'Catch up: add consumers (up to one per partition) or speed up the sink'], expectedEffect: `Raising retention keeps the records until they are consumed; ${drainText(totals)}.` };
}

function drainText(totals: PipelineTotals | null): string {
  if (!totals) return 'lag is unknown (Kafka not read this cycle)';
  const ttd = totals.timeToDrain;
  switch (ttd.kind) {
    case 'drained':
      return 'the backlog is drained';
    case 'draining':
      return `the backlog of ${formatMessages(totals.lagMessages)} drains in ${formatSeconds(ttd.seconds)} at current rates`;
    case 'not-draining':
      return `the backlog of ${formatMessages(totals.lagMessages)} ${ttd.netGrowthPerSec > 0 ? `grows ${formatGrowth(ttd.netGrowthPerSec)}` : 'holds'}: it does not drain at current rates`;
    case 'unknown':
      return `time to drain is unknown (${ttd.reason})`;
    default:
      return assertNever(ttd, 'time to drain');
  }
}

function backlogText(totals: PipelineTotals | null): string {
  if (!totals) return 'backlog unknown';
  const growth = totals.produceRatePerSec === null ? '' : `, growing ${formatGrowth(totals.produceRatePerSec - (totals.consumeRatePerSec ?? 0))}`;
  return `${formatMessages(totals.lagMessages)}${growth}`;
}

/**
 * Drain time at the consume rate the pipeline had before the fault, the rate it returns to. A
 * consumer that was caught up consumed only what was produced, so that rate says nothing about
 * its spare capacity: then the honest answer is that catching up needs some.
 */
function afterRecoveryText(totals: PipelineTotals | null, finding: Finding): string {
  const consume =
    finding.type === 'slow-sink' || finding.type === 'sink-unavailable' || finding.type === 'consumer-stopped' ? finding.facts.baselineConsumeRatePerSec : null;
  const produce = totals?.produceRatePerSec ?? null;
  if (!totals || consume === null || produce === null) return `the backlog of ${formatMessages(totals?.lagMessages)} drains as fast as the consumer's spare capacity allows`;
  const net = consume - produce;
  if (net <= Math.max(1, produce * 0.05)) {
    return `the backlog of ${formatMessages(totals.lagMessages)} needs spare capacity: before the fault the consumer kept up at ${formatRate(consume)} with ${formatRate(produce)} produced, so add consumers (up to one per partition) or speed up the sink to catch up`;
  }
  return `the backlog of ${formatMessages(totals.lagMessages)} drains in ~${formatSeconds(totals.lagMessages / net)} at the pre-fault rate of ${formatRate(consume)}`;
}

function flowText(totals: PipelineTotals | null): string {
  return totals ? `consuming ${formatRate(totals.consumeRatePerSec)}, lag ${formatMessages(totals.lagMessages)}` : 'Kafka not read this cycle';
}

function retentionCheck(latest: PipelineSnapshot): string[] {
  if (latest.kafka.kind !== 'sampled') return [];
  const { maxLagSeconds, retentionHeadroomSeconds } = latest.kafka.totals;
  if (retentionHeadroomSeconds !== null) {
    return [`Retention deletes the oldest unconsumed record in ${formatSeconds(Math.max(0, retentionHeadroomSeconds))}${retentionHeadroomSeconds < 0 ? ' (records are being lost now)' : ''}`];
  }
  if (maxLagSeconds.kind !== 'estimated') return [];
  return [`The oldest unconsumed record is ${formatSeconds(maxLagSeconds.seconds)} old: compare with retention.ms of ${latest.topics.join(', ')}`];
}

function formatPerMinute(perSec: number | null): string {
  return perSec === null ? '–' : `${(perSec * 60).toLocaleString('en-US', { maximumFractionDigits: 1 })} records/min`;
}

function ownerText(owner: MemberRef | null): string {
  return owner ? ` (owner ${owner.clientId} on ${owner.host})` : '';
}

function membersText(members: readonly MemberRef[]): string {
  return members.length === 0 ? '' : ` (${members.map((m) => `${m.clientId} on ${m.host}`).join(', ')})`;
}
