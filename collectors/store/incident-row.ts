import { toJsonSafe } from '../../lib/api/json-safe';
import type { Incident } from '../../lib/incidents/incident';
import type { IncidentRecord } from '../../lib/incidents/incident-record';
import type { Resolution } from '../../lib/incidents/incident-store';
import { parseIncidentJson } from '../../lib/incidents/parse-incident-json';
import type { IncidentsTable } from './store-schema';

/** An incident record as one row of the incidents table, and back. */
export function toIncidentRow({ incident, resolution, lastChangeAtMs }: IncidentRecord): IncidentsTable {
  return {
    id: incident.id,
    pipeline_id: incident.pipelineId,
    family: incident.family,
    type: incident.type,
    severity: incident.severity,
    status: incident.status,
    first_seen_at_ms: incident.firstSeenAtMs,
    opened_at_ms: incident.openedAtMs,
    last_seen_at_ms: incident.lastSeenAtMs,
    resolved_at_ms: incident.resolvedAtMs,
    acknowledged_at_ms: incident.acknowledged?.atMs ?? null,
    acknowledged_by: incident.acknowledged?.by ?? null,
    resolved_by: resolution?.kind === 'by-hand' ? resolution.by : null,
    resolve_reason: resolution?.reason ?? null,
    last_change_at_ms: lastChangeAtMs,
    incident_json: JSON.stringify(toJsonSafe(incident)),
  };
}

export function parseIncidentRow(row: IncidentsTable): IncidentRecord {
  const incident: Incident = parseIncidentJson(row.incident_json);
  return { incident, resolution: resolutionOf(row), lastChangeAtMs: Number(row.last_change_at_ms) };
}

function resolutionOf(row: IncidentsTable): Resolution | null {
  if (row.status !== 'resolved' || row.resolved_at_ms === null) return null;
  const atMs = Number(row.resolved_at_ms);
  return row.resolved_by === null
    ? { kind: 'automatic', atMs, reason: row.resolve_reason ?? '' }
    : { kind: 'by-hand', atMs, by: row.resolved_by, reason: row.resolve_reason ?? '' };
}
