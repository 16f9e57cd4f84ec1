import type { FailureTableEntry } from '../diagnosis/failure-table';
import { formatMessages } from '../diagnosis/evidence-text';
import { formatLatency, formatRate, formatSeconds, MISSING } from '../units/format-units';
import { describeTimelineEntry } from './describe-timeline-entry';
import type { EvidenceMetric } from './evidence-point';
import type { IncidentDetail } from './incident-store';
import { escapeMarkdown as esc, formatMarkdownTable, formatUtc } from './markdown-text';
import { summarizeEvidence } from './summarize-evidence';

/** Partitions listed from the latest finding; the rest are counted. */
const MAX_PARTITION_ROWS = 20;

const METRIC_TEXT: Record<EvidenceMetric, { label: string; format: (value: number | null) => string }> = {
  lagMessages: { label: 'Lag', format: formatMessages },
  lagSeconds: { label: 'Lag in seconds', format: formatSeconds },
  consumeRatePerSec: { label: 'Consume rate', format: formatRate },
  produceRatePerSec: { label: 'Produce rate', format: formatRate },
  dlqDepthMessages: { label: 'DLQ depth', format: formatMessages },
  retriesPerSec: { label: 'Retries', format: formatRate },
  sinkTransientErrorsPerSec: { label: 'Sink transient errors', format: formatRate },
  sinkPermanentErrorsPerSec: { label: 'Sink permanent errors', format: formatRate },
  sinkLatencyP99Seconds: { label: 'Sink p99 latency', format: formatLatency },
};

/** A postmortem draft from everything the store holds on one incident. Pure: the same detail gives the same text. */
export function buildPostmortemMarkdown(detail: IncidentDetail, failure: FailureTableEntry): string {
  return [title(detail, failure), summary(detail), finding(detail), timeline(detail), evidence(detail), recommendation(failure), actions(detail), alerts(detail)].join('\n\n') + '\n';
}

function title({ stored: { incident } }: IncidentDetail, failure: FailureTableEntry): string {
  return `# ${esc(failure.title)} on pipeline ${esc(incident.pipelineId)}\n\nIncident ${esc(incident.id)}, severity ${incident.severity}, ${statusText(incident.status)}.`;
}

function statusText(status: string): string {
  return status === 'resolved' ? 'resolved' : `still ${status} when this was written`;
}

function summary({ stored: { incident, resolution } }: IncidentDetail): string {
  const since = (ms: number) => formatSeconds((ms - incident.firstSeenAtMs) / 1000);
  const rows = [
    ['First seen', formatUtc(incident.firstSeenAtMs), '0 s'],
    ['Detected (incident opened)', formatUtc(incident.openedAtMs), since(incident.openedAtMs)],
    incident.acknowledged === null ? ['Acknowledged', 'not acknowledged', MISSING] : [`Acknowledged by ${esc(incident.acknowledged.by)}`, formatUtc(incident.acknowledged.atMs), since(incident.acknowledged.atMs)],
    resolution === null
      ? ['Resolved', `not yet (last seen ${formatUtc(incident.lastSeenAtMs)})`, MISSING]
      : [resolution.kind === 'by-hand' ? `Resolved by hand by ${esc(resolution.by)}` : 'Resolved automatically (recovery verified)', formatUtc(resolution.atMs), since(resolution.atMs)],
  ];
  const after = (toMs: number | null) => (toMs === null ? MISSING : formatSeconds((toMs - incident.openedAtMs) / 1000));
  return [
    '## Summary',
    formatMarkdownTable(['Milestone', 'Time (UTC)', 'Since first seen'], rows),
    [
      `- Time to detect: ${formatSeconds((incident.openedAtMs - incident.firstSeenAtMs) / 1000)} (first seen to opened)`,
      `- Time to acknowledge: ${after(incident.acknowledged?.atMs ?? null)} (opened to acknowledged)`,
      `- Time to resolve: ${after(resolution?.atMs ?? null)} (opened to resolved)`,
      `- Lag: ${formatMessages(incident.baselineLagMessages)} before the fault, ${formatMessages(incident.peakLagMessages)} at its peak`,
    ].join('\n'),
  ].join('\n\n');
}

function finding({ stored: { incident } }: IncidentDetail): string {
  const f = incident.finding;
  const lines = [
    '## Latest finding',
    `${f.type}, ${f.confidence} confidence${f.kafkaOnly ? ', from Kafka alone (Prometheus signals were not available)' : ''}.`,
    f.evidence.length === 0 ? 'No evidence text.' : f.evidence.map((e) => `- ${esc(e.text)}`).join('\n'),
  ];
  if (f.partitions.length > 0) {
    const rows = f.partitions.slice(0, MAX_PARTITION_ROWS).map((p) => [
      esc(p.topic),
      String(p.partition),
      formatMessages(p.lagMessages),
      p.committedOffset === null ? MISSING : p.committedOffset.toString(),
      p.owner === null ? MISSING : esc(`${p.owner.clientId} (${p.owner.host})`),
    ]);
    lines.push(formatMarkdownTable(['Topic', 'Partition', 'Lag', 'Committed offset', 'Owner'], rows));
    if (f.partitions.length > MAX_PARTITION_ROWS) lines.push(`And ${f.partitions.length - MAX_PARTITION_ROWS} more partitions.`);
  }
  return lines.join('\n\n');
}

function timeline({ timeline: entries }: IncidentDetail): string {
  if (entries.length === 0) return '## Timeline\n\nNothing was recorded.';
  const rows = entries.map((entry) => {
    const { event, details } = describeTimelineEntry(entry);
    return [formatUtc(entry.atMs), event, details];
  });
  return `## Timeline\n\n${formatMarkdownTable(['Time (UTC)', 'Event', 'Details'], rows)}`;
}

function evidence({ evidence: points, stored: { incident } }: IncidentDetail): string {
  const s = summarizeEvidence(points, incident.firstSeenAtMs, incident.resolvedAtMs);
  if (s.points === 0) return '## Evidence\n\nNo evidence points were recorded for this incident.';
  const rows = s.rows.map((row) => {
    const { label, format } = METRIC_TEXT[row.metric];
    return [label, format(row.baseline), `${format(row.worstDuring)} (${row.worst})`, format(row.last)];
  });
  const span = `${s.points} points from ${formatUtc(points.reduce((m, p) => Math.min(m, p.atMs), Infinity))} to ${formatUtc(points.reduce((m, p) => Math.max(m, p.atMs), -Infinity))}: ${s.pointsBefore} before the fault was first seen (the baseline is their median), ${s.pointsDuring} during it.`;
  return ['## Evidence', span, rows.length === 0 ? 'Every metric was a gap.' : formatMarkdownTable(['Signal', 'Baseline', 'Worst during the incident', 'Last'], rows)].join('\n\n');
}

function recommendation(failure: FailureTableEntry): string {
  return [
    '## Recommendation',
    `From the failure table (${failure.type}): ${esc(failure.response)}`,
    `Checks:\n\n${failure.checks.map((c) => `- ${esc(c)}`).join('\n')}`,
    failure.settings.length === 0 ? 'No Kafka settings bear on it.' : `Settings that bear on it: ${failure.settings.map((s) => `\`${s}\``).join(', ')}.`,
  ].join('\n\n');
}

function actions({ timeline: entries, mutes }: IncidentDetail): string {
  const human = entries.filter((e) => e.kind === 'acknowledged' || e.kind === 'note' || e.kind === 'resolved-by-hand' || e.kind === 'muted' || e.kind === 'unmuted');
  const lines = human.map((entry) => {
    const { event, details } = describeTimelineEntry(entry);
    return `- ${formatUtc(entry.atMs)} UTC, ${event.toLowerCase()} ${details}`;
  });
  const muteRows = mutes.map((m) => [
    String(m.id),
    esc(m.by),
    formatUtc(m.fromMs),
    formatUtc(m.untilMs),
    m.unmuted === null ? MISSING : `${formatUtc(m.unmuted.atMs)} by ${esc(m.unmuted.by)}`,
    esc(m.reason),
  ]);
  return [
    '## Actions taken',
    lines.length === 0 ? 'None recorded: nobody acknowledged, annotated or resolved it by hand.' : lines.join('\n'),
    ...(muteRows.length === 0 ? [] : ['Mutes of the pipeline during the incident:', formatMarkdownTable(['Mute', 'By', 'From (UTC)', 'Until (UTC)', 'Ended early', 'Reason'], muteRows)]),
  ].join('\n\n');
}

function alerts({ externalAlerts }: IncidentDetail): string {
  if (externalAlerts.length === 0) return '## External alerts\n\nNo external alerts were linked to this incident.';
  const rows = externalAlerts.map((a) => [
    formatUtc(a.receivedAtMs),
    esc(a.labels.alertname ?? a.fingerprint),
    a.status,
    formatUtc(a.startsAtMs),
    a.endsAtMs === null ? MISSING : formatUtc(a.endsAtMs),
    esc(a.annotations.summary ?? a.annotations.description ?? ''),
  ]);
  return `## External alerts\n\n${formatMarkdownTable(['Received (UTC)', 'Alert', 'Status', 'Starts (UTC)', 'Ends (UTC)', 'Summary'], rows)}`;
}
