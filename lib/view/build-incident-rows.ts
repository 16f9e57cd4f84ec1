import type { IncidentStatus } from '../diagnosis/incident';
import type { IncidentJson } from '../live/live-views';
import { failureTitle } from './failure-title';
import { describeIncidentStatus, describeSeverity, type StateLabel } from './describe-status';
import { formatDurationMs, formatRelative, formatUtcStamp } from './format-time';
import { buildIncidentHref, buildPipelineHref } from './view-links';

/** One incident in the list: type, pipeline, severity, status, when it started, how long it lasted. */
export interface IncidentRowView {
  id: string;
  href: string;
  type: string;
  title: string;
  pipelineId: string;
  pipelineName: string;
  pipelineHref: string;
  severity: StateLabel;
  status: StateLabel & { status: IncidentStatus };
  startedAtMs: number;
  startedRelative: string;
  startedAbsolute: string;
  duration: string;
  acknowledged: string;
}

const STATUS_ORDER: Record<IncidentStatus, number> = { open: 0, recovering: 1, resolved: 2 };

/**
 * Open and recovering incidents first, newest first; then resolved ones by when they ended. A
 * name missing from `names` (a pipeline no longer watched) shows its id.
 */
export function buildIncidentRows(incidents: readonly IncidentJson[], nowMs: number, names: Readonly<Record<string, string>> = {}): IncidentRowView[] {
  return [...incidents]
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (b.resolvedAtMs ?? b.openedAtMs) - (a.resolvedAtMs ?? a.openedAtMs) || a.id.localeCompare(b.id))
    .map((i) => {
      const startedAtMs = Math.min(i.firstSeenAtMs, i.openedAtMs);
      const endMs = i.resolvedAtMs ?? nowMs;
      return {
        id: i.id,
        href: buildIncidentHref(i.id),
        type: i.type,
        title: failureTitle(i.type),
        pipelineId: i.pipelineId,
        pipelineName: names[i.pipelineId] ?? i.pipelineId,
        pipelineHref: buildPipelineHref(i.pipelineId),
        severity: describeSeverity(i.severity),
        status: { ...describeIncidentStatus(i.status), status: i.status },
        startedAtMs,
        startedRelative: formatRelative(startedAtMs, nowMs),
        startedAbsolute: formatUtcStamp(startedAtMs, nowMs),
        duration: `${formatDurationMs(endMs - startedAtMs)}${i.resolvedAtMs === null ? ', ongoing' : ''}`,
        acknowledged: i.acknowledged ? `by ${i.acknowledged.by}, ${formatUtcStamp(i.acknowledged.atMs, nowMs)}` : 'no',
      };
    });
}

/** A signature of the open incidents: when it changes, the incident queries are refetched. */
export function incidentsSignature(incidents: readonly Pick<IncidentJson, 'id' | 'status' | 'type' | 'severity' | 'resolvedAtMs' | 'acknowledged'>[]): string {
  return incidents
    .map((i) => `${i.id}|${i.status}|${i.type}|${i.severity}|${i.resolvedAtMs ?? ''}|${i.acknowledged ? 'ack' : ''}`)
    .sort()
    .join('\n');
}
