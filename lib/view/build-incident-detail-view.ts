import type { RecommendationView } from './build-diagnosis-view';
import { describeIncidentStatus, describeSeverity, type StateLabel } from './describe-status';
import { formatMessagesText } from './format-pipeline-values';
import { formatDurationMs, formatRelative, formatUtcDateTime, formatUtcStamp } from './format-time';
import { failureTableEntry, failureTitle } from './failure-title';
import type { IncidentDetail } from './parse-incident-detail';
import { buildPipelineHref } from './view-links';
import { windowCovering } from './window-options';

export interface IncidentDetailView {
  title: string;
  /** One sentence: what, where, since when, where it stands. */
  summary: string;
  severity: StateLabel;
  status: StateLabel;
  facts: { label: string; value: string; title?: string }[];
  evidence: string[];
  confidence: string | null;
  recommendation: { source: 'incident' | 'live' | 'failure-table'; view: RecommendationView; note: string | null };
  timeline: { key: string; kind: string; label: string; at: string; atTitle: string; summary: string }[];
  pipelineHref: string;
  /** Why the link's window does not reach back to the start, when it does not. */
  pipelineLinkNote: string | null;
}

/** Lead time before the first sighting, so the link's charts show what "before" looked like. */
const LEAD_MS = 60_000;

/**
 * `live` is the pipeline's current recommendation for this failure type, if its diagnosis still
 * shows one: concrete numbers beat the table's generic response while the incident is open.
 */
export function buildIncidentDetailView(incident: IncidentDetail, nowMs: number, pipelineName: string | null, live: RecommendationView | null): IncidentDetailView {
  const title = failureTitle(incident.type);
  const status = describeIncidentStatus(incident.status);
  const startedAtMs = minOf(incident.firstSeenAtMs, incident.openedAtMs);
  const endedAtMs = incident.resolvedAtMs;
  const where = pipelineName ?? incident.pipelineId;
  const since = startedAtMs === null ? '' : ` since ${formatUtcStamp(startedAtMs, nowMs)} (${formatRelative(startedAtMs, nowMs)})`;
  const summary =
    endedAtMs === null
      ? `${title} on ${where}${since}: ${status.label.toLowerCase()}.`
      : `${title} on ${where}, ${formatUtcStamp(startedAtMs, nowMs)} to ${formatUtcStamp(endedAtMs, nowMs)} (${formatDurationMs(startedAtMs === null ? null : endedAtMs - startedAtMs)}): resolved.`;

  const facts: IncidentDetailView['facts'] = [
    { label: 'First seen', value: formatUtcStamp(incident.firstSeenAtMs, nowMs), title: formatUtcDateTime(incident.firstSeenAtMs) },
    { label: 'Opened', value: formatUtcStamp(incident.openedAtMs, nowMs), title: formatUtcDateTime(incident.openedAtMs) },
    { label: 'Last seen', value: formatUtcStamp(incident.lastSeenAtMs, nowMs), title: formatUtcDateTime(incident.lastSeenAtMs) },
    { label: endedAtMs === null ? 'Lasting' : 'Duration', value: formatDurationMs(startedAtMs === null ? null : (endedAtMs ?? nowMs) - startedAtMs) },
    { label: 'Lag before', value: formatMessagesText(incident.baselineLagMessages) },
    { label: 'Peak lag', value: formatMessagesText(incident.peakLagMessages) },
    { label: 'Acknowledged', value: incident.acknowledged ? `by ${incident.acknowledged.by}, ${formatUtcStamp(incident.acknowledged.atMs, nowMs)}` : 'no' },
  ];

  const entry = failureTableEntry(incident.type);
  const recommendation: IncidentDetailView['recommendation'] = incident.recommendation
    ? { source: 'incident', view: incident.recommendation, note: null }
    : live && endedAtMs === null
      ? { source: 'live', view: live, note: 'From the pipeline’s current diagnosis, with live numbers.' }
      : {
          source: 'failure-table',
          view: { now: entry ? [entry.response] : [], check: entry ? [...entry.checks] : [], expectedEffect: '', settings: entry ? [...entry.settings] : [] },
          note:
            endedAtMs === null
              ? 'The failure table’s response for this type: the pipeline’s current diagnosis does not show this finding right now, so there are no live numbers.'
              : 'The failure table’s response for this type.',
        };

  const coverFromMs = startedAtMs === null ? null : startedAtMs - LEAD_MS;
  const window = coverFromMs === null ? null : windowCovering(coverFromMs, nowMs);
  return {
    title,
    summary,
    severity: describeSeverity(incident.severity),
    status,
    facts,
    evidence: incident.finding?.evidence ?? [],
    confidence: incident.finding?.confidence ?? null,
    recommendation,
    timeline: incident.timeline.map((t, i) => ({
      key: `${i}-${t.kind}-${t.atMs ?? ''}`,
      kind: t.kind,
      label: timelineLabel(t.kind),
      at: formatUtcStamp(t.atMs, nowMs),
      atTitle: `${formatUtcDateTime(t.atMs)} (${formatRelative(t.atMs, nowMs)})`,
      summary: t.summary,
    })),
    pipelineHref: buildPipelineHref(incident.pipelineId, window ?? '1h'),
    pipelineLinkNote: window === null && coverFromMs !== null ? 'The live charts reach back one hour; this incident started earlier.' : null,
  };
}

function timelineLabel(kind: string): string {
  switch (kind) {
    case 'opened':
      return 'Opened';
    case 'reclassified':
      return 'Reclassified';
    case 'recovering':
      return 'Recovering';
    case 'relapsed':
      return 'Relapsed';
    case 'acknowledged':
      return 'Acknowledged';
    case 'resolved':
      return 'Resolved';
    default:
      // A kind added after this build: show it as it comes.
      return kind;
  }
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
