import type { PipelineDiagnosis } from '../diagnosis/diagnose-cycle';
import { failureEntry } from '../diagnosis/failure-table';
import type { SourceHealth } from '../collection/source-health';
import type { PipelineSnapshot, SignalReading } from './pipeline-snapshot';
import type { SignalName } from '../signals/signals';
import type { TimeLagEstimate } from '../time-lag/estimate-lag-seconds';
import type { TimeToDrain } from './evaluate-time-to-drain';
import { formatCount, formatLatency, formatRate, formatSeconds, MISSING } from '../units/format-units';
import { assertNever } from '../assert-never';
import { isDormant } from './group-activity';
import { adviseDormantGroup, describeActivityState, formatPositionAge } from './describe-activity';

export interface SnapshotTableInput {
  takenAtMs: number;
  sources: { kafka: SourceHealth; prometheus: SourceHealth };
  snapshots: readonly PipelineSnapshot[];
  /** Absent: the table shows no STATUS column and no diagnosis. */
  diagnoses?: readonly PipelineDiagnosis[];
}

export interface SnapshotTableOptions {
  partitions: boolean;
  /** Leave out inactive and abandoned groups, saying how many (`snapshot --hide-inactive`). */
  hideInactive?: boolean;
}

/**
 * `pipewatch snapshot` for people: one row per pipeline (like kafka-consumer-groups --describe,
 * with lag in seconds, rates, DLQ and sink signals), then optionally one row per partition.
 * Inactive and abandoned groups come after the active ones, in a table of their own.
 */
export function formatSnapshotTable(input: SnapshotTableInput, options: SnapshotTableOptions): string {
  const lines = [`Pipewatch snapshot at ${new Date(input.takenAtMs).toISOString()}`, formatSources(input.sources), ''];
  if (input.snapshots.length === 0) {
    lines.push('No pipelines: no consumer group matched (check discovery.includeGroups / excludeGroups).');
    return lines.join('\n');
  }
  const dormant = input.snapshots.filter((s) => isDormant(s.activity));
  const active = input.snapshots.filter((s) => !isDormant(s.activity));
  if (active.length > 0) lines.push(...formatActive({ ...input, snapshots: active }, options));
  else lines.push('No active pipeline: every group seen is inactive.');
  if (dormant.length > 0) {
    lines.push('');
    if (options.hideInactive) lines.push(`${dormant.length} inactive group${dormant.length === 1 ? '' : 's'} hidden (--hide-inactive).`);
    else lines.push(...formatDormant(dormant, input.takenAtMs));
  }
  return lines.join('\n');
}

/** Groups not consuming since before Pipewatch first saw them: no incident; what to do about them. */
function formatDormant(snapshots: readonly PipelineSnapshot[], atMs: number): string[] {
  const lines = [`${snapshots.length} inactive group${snapshots.length === 1 ? '' : 's'} (not consuming since before monitoring began; never an incident):`];
  lines.push(
    ...renderTable(
      ['ACTIVITY', 'PIPELINE', 'STATE', 'LAG', 'POSITION AGE', 'TOPICS'],
      snapshots.map((s) => [
        describeActivityState(s.activity.state).toUpperCase(),
        safe(s.name),
        s.kafka.kind === 'sampled' ? (s.kafka.group.exists ? s.kafka.group.state : 'no such group') : 'no data',
        s.kafka.kind === 'sampled' ? formatCount(s.kafka.totals.lagMessages) + (s.activity.belowLogStart ? ' (below log start)' : '') : MISSING,
        (formatPositionAge(s.activity, atMs) ?? MISSING).replace(/^position | old$/g, ''),
        safe(s.topics.join(','), 60),
      ]),
    ),
  );
  const [first, ...rest] = adviseDormantGroup('<group>');
  lines.push(`  do: ${first}`, ...rest.map((step) => `      ${step}`));
  return lines;
}

function formatActive(input: SnapshotTableInput, options: SnapshotTableOptions): string[] {
  const lines: string[] = [];
  const diagnoses = new Map((input.diagnoses ?? []).map((d) => [d.pipelineId, d]));
  const withStatus = input.diagnoses !== undefined;
  const header = ['PIPELINE', 'STATE', 'MEMBERS', 'LAG', 'LAG TIME', 'PRODUCE', 'CONSUME', 'DRAIN', 'DLQ', 'DLQ GROWTH', 'RETRIES', 'SINK P99', 'ERRORS T/P', 'PAUSED'];
  lines.push(
    ...renderTable(
      withStatus ? ['STATUS', ...header] : header,
      input.snapshots.map((snapshot) => {
        const row = pipelineRow(snapshot);
        return withStatus ? [(diagnoses.get(snapshot.pipelineId)?.status.pipeline.kind ?? 'unknown').toUpperCase(), ...row] : row;
      }),
    ),
  );
  for (const snapshot of input.snapshots) {
    const diagnosis = diagnoses.get(snapshot.pipelineId);
    if (diagnosis && diagnosis.findings.length > 0) lines.push('', ...formatDiagnosis(snapshot, diagnosis));
  }
  if (options.partitions) {
    for (const snapshot of input.snapshots) {
      if (snapshot.kafka.kind !== 'sampled') continue;
      lines.push('', `${safe(snapshot.name)} (group ${safe(snapshot.groupId)})`);
      lines.push(
        ...renderTable(
          ['TOPIC', 'PARTITION', 'LOG START', 'LOG END', 'COMMITTED', 'LAG', 'LAG TIME', 'PRODUCE', 'CONSUME', 'OWNER'],
          snapshot.kafka.partitions.map((p) => [
            safe(p.topic),
            String(p.partition),
            p.logStartOffset.toString(),
            p.logEndOffset.toString(),
            p.committedOffset === null ? 'none' : p.committedOffset.toString(),
            p.lag.kind === 'ok'
              ? formatCount(Number(p.lag.lagMessages))
              : p.lag.kind === 'no-commit'
                ? 'no commit'
                : `${formatCount(Number(p.lag.lagMessages))} (${formatCount(Number(p.lag.lostMessages))} lost)`,
            formatLagTime(p.lagSeconds),
            formatRate(p.produceRatePerSec),
            formatRate(p.consumeRatePerSec),
            p.owner ? safe(`${p.owner.clientId}@${p.owner.host}`) : MISSING,
          ]),
        ),
      );
    }
  }
  return lines;
}

/** What is wrong, why (the evidence), and what to do now. */
function formatDiagnosis(snapshot: PipelineSnapshot, diagnosis: PipelineDiagnosis): string[] {
  const lines: string[] = [];
  for (const { finding, recommendation } of diagnosis.findings) {
    const entry = failureEntry(finding.type);
    lines.push(`${safe(snapshot.name)}: ${entry.title.toUpperCase()} (${finding.confidence} confidence, ${finding.severity})`);
    lines.push(`  why:    ${finding.evidence.map((e) => e.text).join('; ')}`);
    for (const [index, step] of recommendation.now.entries()) lines.push(`  ${index === 0 ? 'do now:' : '       '} ${step}`);
    lines.push(`  expect: ${recommendation.expectedEffect}`);
    if (recommendation.check.length > 0) lines.push(`  check:  ${recommendation.check.join('; ')}`);
  }
  return lines;
}

function pipelineRow(snapshot: PipelineSnapshot): string[] {
  const signal = (name: SignalName): SignalReading | undefined => (snapshot.signals.kind === 'sampled' ? snapshot.signals.readings[name] : undefined);
  const value = (name: SignalName) => {
    const reading = signal(name);
    return reading?.kind === 'value' ? reading.value : null;
  };
  const signalCell = (name: SignalName, format: (v: number | null) => string) => {
    const reading = signal(name);
    if (reading?.kind === 'error') return 'query error';
    return format(value(name));
  };
  const name = safe(snapshot.name);
  if (snapshot.kafka.kind === 'gap') {
    return [name, `no data: ${safe(snapshot.kafka.reason, 60)}`, '', '', '', '', '', '', '', '', '', '', '', ''];
  }
  const { group, totals, dlq } = snapshot.kafka;
  const members = group.membership.kind === 'visible' ? String(group.membership.members.length) : 'not visible';
  const transient = value('sinkTransientErrorsPerSec');
  const permanent = value('sinkPermanentErrorsPerSec');
  const paused = value('consumersPaused');
  return [
    name,
    group.exists ? group.state : 'no such group',
    members,
    formatCount(totals.lagMessages) + (totals.partitionsWithoutCommit > 0 ? ` (+${totals.partitionsWithoutCommit} p. no commit)` : ''),
    formatLagTime(totals.maxLagSeconds),
    formatRate(totals.produceRatePerSec),
    formatRate(totals.consumeRatePerSec),
    formatDrain(totals.timeToDrain),
    snapshot.dlqTopics.length === 0 ? 'no DLQ' : formatCount(dlq.depthMessages),
    snapshot.dlqTopics.length === 0 ? '' : formatRate(dlq.growthPerSec),
    signalCell('retriesPerSec', formatRate),
    signalCell('sinkLatencyP99Seconds', formatLatency),
    transient === null && permanent === null ? MISSING : `${formatRate(transient)} / ${formatRate(permanent)}`,
    paused === null ? MISSING : paused > 0 ? `YES (${paused})` : 'no',
  ];
}

export function formatLagTime(estimate: TimeLagEstimate): string {
  switch (estimate.kind) {
    case 'caught-up':
      return '0 s';
    case 'estimated':
      if (estimate.confidence === 'interpolated') return formatSeconds(estimate.seconds);
      return `${estimate.capped ? '>' : '~'}${formatSeconds(estimate.seconds)}`;
    case 'unknown':
      return MISSING;
    default:
      return assertNever(estimate, 'estimate');
  }
}

export function formatDrain(drain: TimeToDrain | { kind: 'unknown'; reason: 'no-rate' }): string {
  switch (drain.kind) {
    case 'drained':
      return 'drained';
    case 'draining':
      return formatSeconds(drain.seconds);
    case 'not-draining':
      return drain.netGrowthPerSec > 0 ? `growing ${formatRate(drain.netGrowthPerSec)}` : 'not draining';
    case 'unknown':
      return MISSING;
    default:
      return assertNever(drain, 'drain');
  }
}

function formatSources(sources: SnapshotTableInput['sources']): string {
  const one = (name: string, health: SourceHealth) => {
    if (health.activity === 'disabled') return `${name}: not configured`;
    const error = health.health !== 'ok' && health.lastError ? ` (${safe(health.lastError.message, 120)})` : '';
    return `${name}: ${health.health}${error}`;
  };
  return `Sources — ${one('Kafka', sources.kafka)}; ${one('Prometheus', sources.prometheus)}`;
}

/** Names come from the cluster: control characters would drive the terminal, so they are shown escaped. */
export function safe(text: string, maxLength = 48): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return visible.length > maxLength ? `${visible.slice(0, maxLength - 1)}…` : visible;
}

function renderTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [render(header), ...rows.map(render)];
}
