import type { FailureType } from '../diagnosis/failure-table';
import type { Incident, IncidentChange } from './incident';
import type { EvidencePoint } from './evidence-point';
import type { StoreResult } from './store-result';
import type { StoredTimelineEntry } from './stored-timeline-entry';
import type { LeaseFence } from '../leadership/leader-lease';
import type { Notification } from '../notify/notification';

/**
 * The durable record of incidents: what the reducer emitted, what people did about them, and the
 * evidence to write a postmortem from. Implemented by KyselyIncidentStore on SQLite or PostgreSQL.
 */
export interface IncidentStore {
  /**
   * One transaction. Idempotent: replaying the same changes (a restart) adds nothing. 'rejected'
   * changes are not stored. The notifications they call for go into the outbox in the same
   * transaction. With a fence, the transaction is refused (FencedWriteError) once another replica
   * holds the lease.
   */
  recordChanges(changes: readonly IncidentChange[], options?: RecordOptions): Promise<RecordChangesSummary>;
  /** Idempotent per point time: a point already stored for that atMs is kept. Fenced like recordChanges. */
  recordEvidence(incidentId: string, points: readonly EvidencePoint[], fence?: LeaseFence | null): Promise<StoreResult<{ added: number }>>;

  /** Adds due notifications outside a change (a resolve by hand on any replica); one row per target and key. Returns the rows added. */
  enqueueNotifications(deliveries: readonly OutboxDelivery[]): Promise<number>;
  /** Due notifications, oldest first: the leader sends them, a new leader those the old one left. */
  pendingNotifications(limit: number): Promise<OutboxDelivery[]>;
  settleNotification(targetId: string, notificationKey: string, outcome: OutboxOutcome): Promise<void>;

  acknowledge(incidentId: string, by: string, note: string | null): Promise<StoreResult<{ entry: AcknowledgedEntry }>>;
  addNote(incidentId: string, by: string, text: string): Promise<StoreResult<{ entry: StoredTimelineEntry }>>;
  /** The incident leaves openIncidents(); later reducer changes for it are ignored (see docs/store.md). */
  resolveByHand(incidentId: string, by: string, reason: string): Promise<StoreResult<{ incident: StoredIncident }>>;
  mutePipeline(request: MuteRequest): Promise<StoreResult<{ mute: Mute }>>;
  unmute(muteId: number, by: string): Promise<StoreResult<{ mute: Mute }>>;
  activeMutes(atMs: number): Promise<Mute[]>;
  /** Re-posting the same alert (fingerprint, start, status) is a no-op that reports `duplicate`. */
  recordExternalAlert(alert: ExternalAlertInput): Promise<StoreResult<{ alert: StoredExternalAlert; duplicate: boolean }>>;

  /** Newest opened first; `nextCursor` continues the listing, null on the last page. */
  listIncidents(query?: IncidentListQuery): Promise<StoreResult<IncidentPage>>;
  getIncident(incidentId: string): Promise<StoreResult<{ detail: IncidentDetail }>>;
  /** Open and recovering incidents, to seed the reducer after a restart. */
  openIncidents(): Promise<Incident[]>;
  incidentFigures(filter?: IncidentFilter): Promise<StoreResult<{ figures: IncidentFigures[] }>>;

  /**
   * Deletes one batch of what is older than `retentionMs` before `nowMs`: up to `batchSize`
   * resolved incidents (by resolvedAtMs) with their timelines and evidence, unlinked external
   * alerts received before then, and mutes that ended before then. Open incidents are never
   * deleted. One short transaction; call again while `more`.
   */
  pruneExpired(nowMs: number, options: PruneOptions): Promise<PruneSummary>;
  /** Keeps at most `maxPoints` of the incident's evidence, chosen by downsampleEvidence over its whole span. */
  thinEvidence(incidentId: string, maxPoints: number): Promise<StoreResult<{ kept: number; removed: number }>>;
  /**
   * Per pipeline, when it was last seen active (consuming): a group active before a restart and
   * Empty after is stopped, not inactive. Upserts; an older time never replaces a newer one.
   */
  recordLastActive(entries: readonly LastActiveEntry[]): Promise<void>;
  lastActive(): Promise<Map<string, number>>;
  /** Resolves when the database answers a trivial query (readiness); rejects when it cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface RecordOptions {
  /** The leader's lease; null or absent: no lease (SQLite). */
  fence?: LeaseFence | null;
  notifications?: readonly OutboxDelivery[];
}

/** One notification to one target, as the outbox keeps it until it is settled. */
export interface OutboxDelivery {
  targetId: string;
  notification: Notification;
}

export type OutboxOutcome = 'delivered' | 'failed' | 'dropped';

export interface LastActiveEntry {
  pipelineId: string;
  atMs: number;
}

export interface PruneOptions {
  retentionMs: number;
  batchSize: number;
}

/** Rows one pruneExpired call deleted. */
export interface PruneSummary {
  incidents: number;
  timelineEntries: number;
  evidencePoints: number;
  externalAlerts: number;
  mutes: number;
  /** Something expired is still left: another batch is due. */
  more: boolean;
}

export interface RecordChangesSummary {
  /** Incident rows inserted or updated. */
  incidentsWritten: number;
  timelineEntriesAdded: number;
  /** Changes for incidents already resolved (by hand, or replayed after the reducer resolved them). */
  changesIgnored: number;
}

export type Resolution =
  /** The reducer verified recovery. */
  | { kind: 'automatic'; atMs: number; reason: string }
  | { kind: 'by-hand'; atMs: number; by: string; reason: string };

export interface StoredIncident {
  /** The newest Incident, with the store's acknowledgement and resolution applied. */
  incident: Incident;
  resolution: Resolution | null;
}

export type AcknowledgedEntry = Extract<StoredTimelineEntry, { kind: 'acknowledged' }>;

export interface MuteRequest {
  pipelineId: string;
  fromMs: number;
  untilMs: number;
  by: string;
  reason: string;
}

export interface Mute extends MuteRequest {
  id: number;
  createdAtMs: number;
  /** Ended early by a person; a mute that ran to untilMs stays null. */
  unmuted: { atMs: number; by: string } | null;
}

/** One Alertmanager alert, already parsed from its webhook (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). */
export interface ExternalAlertInput {
  fingerprint: string;
  status: 'firing' | 'resolved';
  startsAtMs: number;
  endsAtMs: number | null;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  /** The pipeline the alert's labels point at, when the caller could tell. */
  pipelineId: string | null;
}

export interface StoredExternalAlert extends ExternalAlertInput {
  id: number;
  incidentId: string | null;
  receivedAtMs: number;
}

export interface IncidentDetail {
  stored: StoredIncident;
  /** Every entry ever recorded, oldest first: unlike Incident.timeline, not bounded. */
  timeline: StoredTimelineEntry[];
  /** At most MAX_EVIDENCE_POINTS, oldest first: downsampleEvidence of what is stored when there is more. */
  evidence: EvidencePoint[];
  /** More points are stored than `evidence` holds. */
  evidenceDownsampled: boolean;
  externalAlerts: StoredExternalAlert[];
  /** Mutes of the pipeline that overlap the incident. */
  mutes: Mute[];
}

export interface IncidentFilter {
  pipelineId?: string;
  type?: FailureType;
  /** 'open' includes recovering incidents. */
  status?: 'open' | 'resolved';
  /** Incidents overlapping [fromMs, toMs]: first seen by toMs and not resolved before fromMs. */
  fromMs?: number;
  toMs?: number;
}

export interface IncidentListQuery extends IncidentFilter {
  /** 1..500, default 50. */
  limit?: number;
  cursor?: string;
}

export interface IncidentPage {
  incidents: StoredIncident[];
  nextCursor: string | null;
}

export interface DurationFigures {
  samples: number;
  medianSeconds: number | null;
  /** Nearest rank. */
  p95Seconds: number | null;
}

export interface IncidentFigures {
  type: FailureType;
  count: number;
  open: number;
  /** openedAtMs − firstSeenAtMs: how long the fault showed before it was held long enough to open. */
  timeToDetect: DurationFigures;
  /** Acknowledged − opened, over acknowledged incidents. */
  timeToAcknowledge: DurationFigures;
  /** Resolved − opened, over resolved incidents, automatic and by hand. */
  timeToResolve: DurationFigures;
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 500;
