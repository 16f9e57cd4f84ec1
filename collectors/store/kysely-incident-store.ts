import { sql, type Kysely } from 'kysely';
import type { Incident, IncidentChange } from '../../lib/incidents/incident';
import type { EvidencePoint } from '../../lib/incidents/evidence-point';
import type {
  AcknowledgedEntry,
  ExternalAlertInput,
  IncidentDetail,
  IncidentFigures,
  IncidentFilter,
  IncidentListQuery,
  IncidentPage,
  IncidentStore,
  LastActiveEntry,
  Mute,
  MuteRequest,
  OutboxDelivery,
  OutboxOutcome,
  PruneOptions,
  RecordOptions,
  PruneSummary,
  RecordChangesSummary,
  StoredExternalAlert,
  StoredIncident,
} from '../../lib/incidents/incident-store';
import type { StoreResult } from '../../lib/incidents/store-result';
import type { StoredTimelineEntry } from '../../lib/incidents/stored-timeline-entry';
import type { LeaseFence } from '../../lib/leadership/leader-lease';
import * as outbox from './kysely-outbox';
import { recordExternalAlert } from './kysely-external-alerts';
import * as reads from './kysely-incident-reads';
import * as writes from './kysely-incident-writes';
import * as mutes from './kysely-mutes';
import * as lastActive from './kysely-last-active';
import * as retention from './kysely-retention';
import type { StoreDatabase, StoreDialect } from './store-schema';
import type { WriteContext } from './store-writes';

export interface KyselyIncidentStoreOptions {
  dialect: StoreDialect;
  now: () => number;
  /** Called once the database is closed (the SQLite process lock is released). */
  onClose?: () => void;
}

/** The incident store on SQLite or PostgreSQL; each concern's queries live in their own file. */
export class KyselyIncidentStore implements IncidentStore {
  private closed = false;
  private readonly context: WriteContext;
  private readonly onClose: () => void;

  constructor(
    private readonly db: Kysely<StoreDatabase>,
    options: KyselyIncidentStoreOptions,
  ) {
    this.context = { db, dialect: options.dialect, now: options.now };
    this.onClose = options.onClose ?? (() => {});
  }

  recordChanges(changes: readonly IncidentChange[], options?: RecordOptions): Promise<RecordChangesSummary> {
    return writes.recordChanges(this.context, changes, options);
  }

  recordEvidence(incidentId: string, points: readonly EvidencePoint[], fence?: LeaseFence | null): Promise<StoreResult<{ added: number }>> {
    return writes.recordEvidence(this.context, incidentId, points, fence);
  }

  enqueueNotifications(deliveries: readonly OutboxDelivery[]): Promise<number> {
    return outbox.insertDeliveries(this.db, deliveries, this.context.now());
  }

  pendingNotifications(limit: number): Promise<OutboxDelivery[]> {
    return outbox.pendingDeliveries(this.db, limit);
  }

  settleNotification(targetId: string, notificationKey: string, outcome: OutboxOutcome): Promise<void> {
    return outbox.settleDelivery(this.db, targetId, notificationKey, outcome, this.context.now());
  }

  acknowledge(incidentId: string, by: string, note: string | null): Promise<StoreResult<{ entry: AcknowledgedEntry }>> {
    return writes.acknowledge(this.context, incidentId, by, note);
  }

  addNote(incidentId: string, by: string, text: string): Promise<StoreResult<{ entry: StoredTimelineEntry }>> {
    return writes.addNote(this.context, incidentId, by, text);
  }

  resolveByHand(incidentId: string, by: string, reason: string): Promise<StoreResult<{ incident: StoredIncident }>> {
    return writes.resolveByHand(this.context, incidentId, by, reason);
  }

  mutePipeline(request: MuteRequest): Promise<StoreResult<{ mute: Mute }>> {
    return mutes.mutePipeline(this.context, request);
  }

  unmute(muteId: number, by: string): Promise<StoreResult<{ mute: Mute }>> {
    return mutes.unmute(this.context, muteId, by);
  }

  activeMutes(atMs: number): Promise<Mute[]> {
    return mutes.activeMutes(this.db, atMs);
  }

  recordExternalAlert(alert: ExternalAlertInput): Promise<StoreResult<{ alert: StoredExternalAlert; duplicate: boolean }>> {
    return recordExternalAlert(this.context, alert);
  }

  listIncidents(query: IncidentListQuery = {}): Promise<StoreResult<IncidentPage>> {
    return reads.listIncidents(this.db, query);
  }

  getIncident(incidentId: string): Promise<StoreResult<{ detail: IncidentDetail }>> {
    return reads.getIncident(this.db, incidentId);
  }

  openIncidents(): Promise<Incident[]> {
    return reads.openIncidents(this.db);
  }

  incidentFigures(filter: IncidentFilter = {}): Promise<StoreResult<{ figures: IncidentFigures[] }>> {
    return reads.incidentFigures(this.db, filter);
  }

  pruneExpired(nowMs: number, options: PruneOptions): Promise<PruneSummary> {
    return retention.pruneExpired(this.context, nowMs, options);
  }

  thinEvidence(incidentId: string, maxPoints: number): Promise<StoreResult<{ kept: number; removed: number }>> {
    return retention.thinEvidence(this.context, incidentId, maxPoints);
  }

  recordLastActive(entries: readonly LastActiveEntry[]): Promise<void> {
    return lastActive.recordLastActive(this.db, entries);
  }

  lastActive(): Promise<Map<string, number>> {
    return lastActive.lastActive(this.db);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('the incident store is closed');
    await sql`select 1`.execute(this.db);
  }

  /** Idempotent: a second close does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
    this.onClose();
  }
}
