import type { RecommendationView } from './build-diagnosis-view';
import { describeIncidentStatus, describeSeverity, type StateLabel } from './describe-status';
import { formatMessagesText } from './format-pipeline-values';
import { formatDurationText, formatRelative, formatUtcDateTime, formatUtcStamp } from './format-time';
import { failureTableEntry, failureTitle } from './failure-title';
import type { IncidentDetailAnswer } from './incident-detail-answer';
import { buildPipelineHref } from './view-links';
import { windowCovering } from './window-options';
import { assertNever } from '../assert-never';

export interface IncidentFact {
  label: string;
  /** The main value: an absolute UTC time, a duration, a count. */
  value: string;
  /** Under it: relative time, who, how long after the previous step. */
  sub: string | null;
  /** The full date and time, on hover. */
  title: string | null;
}

export interface IncidentDetailView {
  title: string;
  /** One sentence: what, where, since when, where it stands. */
  summary: string;
  severity: StateLabel;
  status: StateLabel;
  /** "Resolved by hand by ana: sink scaled up", or how it resolved by itself. */
  resolution: { text: string; how: string | null; reason: string | null } | null;
  facts: IncidentFact[];
  evidence: string[];
  confidence: string | null;
  recommendation: { source: 'incident' | 'live' | 'failure' | 'failure-table'; view: RecommendationView; note: string | null };
  pipelineHref: string;
  /** Why the link's window does not reach back to the start, when it does not. */
  pipelineLinkNote: string | null;
  /** Acknowledge and resolve make sense only while the incident is not resolved; notes always do. */
  canAcknowledge: boolean;
  canResolve: boolean;
}

/** Lead time before the first sighting, so the link's charts show what "before" looked like. */
const LEAD_MS = 60_000;

/**
 * `live` is the pipeline's current recommendation for this failure type, if its diagnosis still
 * shows one: concrete numbers beat the table's generic response while the incident is open.
 */
export function buildIncidentDetailView(incident: IncidentDetailAnswer, nowMs: number, pipelineName: string | null, live: RecommendationView | null): IncidentDetailView {
  const title = failureTitle(incident.type);
  const status = describeIncidentStatus(incident.status);
  const startedAtMs = minOf(incident.firstSeenAtMs, incident.openedAtMs);
  const endedAtMs = incident.status === 'resolved' ? (incident.resolvedAtMs ?? incident.resolution?.atMs ?? null) : null;
  const where = pipelineName ?? incident.pipelineId;
  const since = startedAtMs === null ? '' : ` since ${formatUtcStamp(startedAtMs, nowMs)} (${formatRelative(startedAtMs, nowMs)})`;
  const summary =
    endedAtMs === null
      ? `${title} on ${where}${since}: ${status.label.toLowerCase()}.`
      : `${title} on ${where}, ${formatUtcStamp(startedAtMs, nowMs)} to ${formatUtcStamp(endedAtMs, nowMs)} (${formatDurationText(startedAtMs === null ? null : endedAtMs - startedAtMs)}): resolved.`;

  const ack = incident.acknowledged;
  const resolution = describeResolution(incident);
  const facts: IncidentFact[] = [
    timeFact('First seen', incident.firstSeenAtMs, nowMs, null),
    timeFact('Opened', incident.openedAtMs, nowMs, gap('held', incident.firstSeenAtMs, incident.openedAtMs, '')),
    ack
      ? timeFact('Acknowledged', ack.atMs, nowMs, [`by ${ack.by}`, gap('', incident.openedAtMs, ack.atMs, ' after opening')].filter(Boolean).join(' · '))
      : { label: 'Acknowledged', value: 'not yet', sub: null, title: null },
    endedAtMs !== null
      ? timeFact('Resolved', endedAtMs, nowMs, [resolution?.how, gap('', incident.openedAtMs, endedAtMs, ' after opening')].filter(Boolean).join(' · '))
      : { label: 'Resolved', value: 'not yet', sub: incident.status === 'recovering' ? 'recovery being verified' : null, title: null },
    {
      label: endedAtMs === null ? 'Lasting' : 'Duration',
      value: formatDurationText(startedAtMs === null ? null : (endedAtMs ?? nowMs) - startedAtMs),
      sub: endedAtMs === null ? 'from first seen, ongoing' : 'first seen to resolved',
      title: null,
    },
    { label: 'Lag before → peak', value: `${formatMessagesText(incident.baselineLagMessages)} → ${formatMessagesText(incident.peakLagMessages)}`, sub: null, title: null },
    timeFact('Last seen', incident.lastSeenAtMs, nowMs, null),
  ];

  const coverFromMs = startedAtMs === null ? null : startedAtMs - LEAD_MS;
  const window = coverFromMs === null ? null : windowCovering(coverFromMs, nowMs);
  return {
    title,
    summary,
    severity: describeSeverity(incident.severity),
    status,
    resolution,
    facts,
    evidence: incident.finding?.evidence ?? [],
    confidence: incident.finding?.confidence ?? null,
    recommendation: chooseRecommendation(incident, live, endedAtMs === null),
    pipelineHref: buildPipelineHref(incident.pipelineId, window ?? '7d'),
    pipelineLinkNote: window === null && coverFromMs !== null ? 'The pipeline page reaches back seven days; this incident started earlier.' : null,
    canAcknowledge: endedAtMs === null && ack === null,
    canResolve: endedAtMs === null,
  };
}

function chooseRecommendation(incident: IncidentDetailAnswer, live: RecommendationView | null, open: boolean): IncidentDetailView['recommendation'] {
  // The table's one-line response stays in view beside a richer recommendation: it is what the team agreed on.
  const tableResponse = incident.failure?.response ?? failureTableEntry(incident.type)?.response ?? null;
  const alsoTable = tableResponse === null ? '' : ` The failure table’s response for this type: ${tableResponse}`;
  if (incident.recommendation) return { source: 'incident', view: incident.recommendation, note: `The recommendation given with this incident.${alsoTable}` };
  if (live && open) return { source: 'live', view: live, note: `From the pipeline’s current diagnosis, with live numbers.${alsoTable}` };
  const closing = open ? ' The pipeline’s current diagnosis does not show this finding right now, so there are no live numbers.' : '';
  if (incident.failure) {
    const view = { now: [incident.failure.response], check: incident.failure.checks, expectedEffect: '', settings: incident.failure.settings };
    return { source: 'failure', view, note: `The failure table’s response for this type, as given.${closing}` };
  }
  const entry = failureTableEntry(incident.type);
  const view = { now: entry ? [entry.response] : [], check: entry ? [...entry.checks] : [], expectedEffect: '', settings: entry ? [...entry.settings] : [] };
  return { source: 'failure-table', view, note: `The failure table’s response for this type.${closing}` };
}

function describeResolution(incident: IncidentDetailAnswer): IncidentDetailView['resolution'] {
  const resolution = incident.resolution;
  if (incident.status !== 'resolved') return null;
  if (resolution === null) return { text: 'Resolved', how: null, reason: null };
  switch (resolution.kind) {
    case 'automatic':
      return { text: 'Resolved automatically: recovery verified', how: 'automatically', reason: resolution.reason || null };
    case 'by-hand':
      return { text: `Resolved by hand by ${resolution.by}`, how: `by hand, by ${resolution.by}`, reason: resolution.reason || null };
    default:
      return assertNever(resolution, 'resolution');
  }
}

function timeFact(label: string, atMs: number | null, nowMs: number, extra: string | null): IncidentFact {
  return {
    label,
    value: formatUtcStamp(atMs, nowMs),
    sub: atMs === null ? null : [formatRelative(atMs, nowMs), extra].filter(Boolean).join(' · '),
    title: formatUtcDateTime(atMs),
  };
}

/** "held 4.0 s", "1 m 20 s after opening"; null when either end is unknown. */
function gap(prefix: string, fromMs: number | null, toMs: number | null, suffix: string): string | null {
  if (fromMs === null || toMs === null) return null;
  return `${prefix ? `${prefix} ` : ''}${formatDurationText(toMs - fromMs)}${suffix}`;
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
