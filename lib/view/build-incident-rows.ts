import type { IncidentStatus } from '../incidents/incident';
import type { IncidentJson } from '../live/live-wire';
import { failureTitle } from './failure-title';
import { describeIncidentStatus, describeSeverity, type StateLabel } from './describe-status';
import { formatDurationText, formatRelative, formatUtcStamp } from './format-time';
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
  /** "by hand, by ana" or "automatically"; null while not resolved. */
  resolution: string | null;
}

/** An item of GET /api/incidents: the incident with how it was resolved (older servers send no `resolution`). */
export type IncidentListItem = IncidentJson & { resolution?: ResolutionJson | null };

export type ResolutionJson = { kind: 'automatic'; atMs: number; reason: string } | { kind: 'by-hand'; atMs: number; by: string; reason: string };

const STATUS_ORDER: Record<IncidentStatus, number> = { open: 0, recovering: 1, resolved: 2 };

/**
 * Open and recovering incidents first, newest first; then resolved ones by when they ended. A
 * name missing from `names` (a pipeline no longer watched) shows its id. An id listed twice counts once (the first).
 */
export function buildIncidentRows(incidents: readonly IncidentListItem[], nowMs: number, names: Readonly<Record<string, string>> = {}): IncidentRowView[] {
  // Pages fetched at different times may both hold an incident that moved between them.
  const unique = [...new Map(incidents.map((i) => [i.id, i] as const).reverse()).values()];
  return unique
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
        duration: `${formatDurationText(endMs - startedAtMs)}${i.resolvedAtMs === null ? ', ongoing' : ''}`,
        acknowledged: i.acknowledged ? `by ${i.acknowledged.by}, ${formatUtcStamp(i.acknowledged.atMs, nowMs)}` : 'no',
        resolution: i.status === 'resolved' ? describeResolution(i.resolution ?? null) : null,
      };
    });
}

function describeResolution(resolution: ResolutionJson | null): string {
  if (resolution === null) return 'resolved';
  switch (resolution.kind) {
    case 'automatic':
      return 'automatically';
    case 'by-hand':
      return `by hand, by ${resolution.by}`;
    default: {
      // The list is read unparsed: a kind from a newer server reads as sent rather than break the page.
      const unreachable: never = resolution;
      return `resolved (${String((unreachable as { kind?: unknown }).kind)})`;
    }
  }
}

/**
 * A signature of the open incidents: when it changes, the incident queries are refetched. Takes
 * incidents or the overview's references to them (`acknowledged` a flag there, a record here).
 */
export function incidentsSignature(incidents: readonly (Pick<IncidentJson, 'id' | 'status' | 'type' | 'severity' | 'resolvedAtMs'> & { acknowledged: unknown })[]): string {
  return incidents
    .map((i) => `${i.id}|${i.status}|${i.type}|${i.severity}|${i.resolvedAtMs ?? ''}|${i.acknowledged ? 'ack' : ''}`)
    .sort()
    .join('\n');
}
