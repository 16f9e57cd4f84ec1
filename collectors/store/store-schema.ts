import type { Generated } from 'kysely';

/** The two databases the store runs on; the schema and queries differ only where this is checked. */
export type StoreDialect = 'sqlite' | 'postgres';

/**
 * The tables as Kysely sees them. Times are epoch milliseconds (`*_at_ms`, `*_ms`): INTEGER in
 * SQLite, bigint in PostgreSQL (parsed back to number at the connection, see open-store.ts).
 * JSON columns are text so both dialects store and return the same bytes.
 */
export interface StoreDatabase {
  incidents: IncidentsTable;
  timeline_entries: TimelineEntriesTable;
  evidence_points: EvidencePointsTable;
  mutes: MutesTable;
  external_alerts: ExternalAlertsTable;
  leader_lease: LeaderLeaseTable;
  notification_outbox: NotificationOutboxTable;
  pipeline_activity: PipelineActivityTable;
}

export interface PipelineActivityTable {
  pipeline_id: string;
  last_active_at_ms: number;
}

export interface IncidentsTable {
  /** The reducer's id: `${pipelineId}/${family}/${firstSeenAtMs}`. */
  id: string;
  pipeline_id: string;
  family: string;
  type: string;
  severity: string;
  status: string;
  first_seen_at_ms: number;
  opened_at_ms: number;
  last_seen_at_ms: number;
  resolved_at_ms: number | null;
  acknowledged_at_ms: number | null;
  acknowledged_by: string | null;
  /** null while open, and when the reducer resolved it (automatically). */
  resolved_by: string | null;
  resolve_reason: string | null;
  /** The cycle time of the newest reducer change applied: older replayed changes do not overwrite it. */
  last_change_at_ms: number;
  /** The latest Incident, JSON-safe (bigint offsets as decimal strings). */
  incident_json: string;
}

export interface TimelineEntriesTable {
  id: Generated<number>;
  incident_id: string;
  at_ms: number;
  kind: string;
  /** Of the entry's canonical JSON: with (incident_id, kind, at_ms) the key that makes re-recording a no-op. */
  digest: string;
  entry_json: string;
}

export interface EvidencePointsTable {
  incident_id: string;
  at_ms: number;
  point_json: string;
}

export interface MutesTable {
  id: Generated<number>;
  pipeline_id: string;
  from_ms: number;
  until_ms: number;
  muted_by: string;
  reason: string;
  created_at_ms: number;
  unmuted_at_ms: number | null;
  unmuted_by: string | null;
}

export interface ExternalAlertsTable {
  id: Generated<number>;
  fingerprint: string;
  status: string;
  starts_at_ms: number;
  ends_at_ms: number | null;
  labels_json: string;
  annotations_json: string;
  pipeline_id: string | null;
  incident_id: string | null;
  received_at_ms: number;
}

export interface LeaderLeaseTable {
  name: string;
  holder: string;
  /** Raised by every new holder: a write carrying an older token is refused. */
  token: number;
  /** By the database's clock, so replicas' clocks need not agree. */
  expires_at_ms: number;
}

export interface NotificationOutboxTable {
  target_id: string;
  /** The Notification's deduplication key: one row per incident, event and target. */
  notification_key: string;
  incident_id: string;
  /** The Notification, JSON-safe. */
  notification_json: string;
  enqueued_at_ms: number;
  /** null while due. */
  settled_at_ms: number | null;
  /** delivered, failed (given up) or dropped (queue full). */
  outcome: string | null;
}
