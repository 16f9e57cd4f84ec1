import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import { canonicalJson } from '../../lib/incidents/canonical-json';
import { parseEvidencePoint, type EvidencePoint } from '../../lib/incidents/evidence-point';
import type { Mute, StoredExternalAlert } from '../../lib/incidents/incident-store';
import type { ExternalAlertsTable, MutesTable, TimelineEntriesTable } from './store-schema';
import { isStoredTimelineKind, type StoredTimelineEntry } from '../../lib/incidents/stored-timeline-entry';

/** Rows to domain values and back, for the tables other than incidents (see incident-record.ts). */

export function toTimelineRow(incidentId: string, entry: StoredTimelineEntry): Omit<TimelineEntriesTable, 'id'> {
  const json = canonicalJson(entry);
  return { incident_id: incidentId, at_ms: entry.atMs, kind: entry.kind, digest: createHash('sha256').update(json).digest('hex').slice(0, 32), entry_json: json };
}

/** The store wrote every entry itself: an unknown kind is corruption or a newer schema, and fails loudly. */
export function parseTimelineRow(row: Pick<TimelineEntriesTable, 'kind' | 'entry_json'>): StoredTimelineEntry {
  const entry = JSON.parse(row.entry_json) as StoredTimelineEntry;
  if (!isStoredTimelineKind(row.kind) || entry.kind !== row.kind) throw new Error(`unknown timeline entry kind ${JSON.stringify(row.kind)}: ${row.entry_json.slice(0, 200)}`);
  return entry;
}

export function parseEvidenceRow(row: { point_json: string }): EvidencePoint {
  const point = parseEvidencePoint(JSON.parse(row.point_json));
  if (point === null) throw new Error(`stored evidence point is not one: ${row.point_json.slice(0, 200)}`);
  return point;
}

export function parseMuteRow(row: Selectable<MutesTable>): Mute {
  return {
    id: Number(row.id),
    pipelineId: row.pipeline_id,
    fromMs: Number(row.from_ms),
    untilMs: Number(row.until_ms),
    by: row.muted_by,
    reason: row.reason,
    createdAtMs: Number(row.created_at_ms),
    unmuted: row.unmuted_at_ms === null || row.unmuted_by === null ? null : { atMs: Number(row.unmuted_at_ms), by: row.unmuted_by },
  };
}

export function parseExternalAlertRow(row: Selectable<ExternalAlertsTable>): StoredExternalAlert {
  if (row.status !== 'firing' && row.status !== 'resolved') throw new Error(`external alert ${row.id} has status ${JSON.stringify(row.status)}`);
  return {
    id: Number(row.id),
    fingerprint: row.fingerprint,
    status: row.status,
    startsAtMs: Number(row.starts_at_ms),
    endsAtMs: row.ends_at_ms === null ? null : Number(row.ends_at_ms),
    labels: JSON.parse(row.labels_json) as Record<string, string>,
    annotations: JSON.parse(row.annotations_json) as Record<string, string>,
    pipelineId: row.pipeline_id,
    incidentId: row.incident_id,
    receivedAtMs: Number(row.received_at_ms),
  };
}
