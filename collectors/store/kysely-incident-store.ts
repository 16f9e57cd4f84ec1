import type { Kysely, Transaction } from 'kysely';
import type { Incident, IncidentChange } from '../../lib/incidents/incident';
import { parseEvidencePoint, type EvidencePoint } from '../../lib/incidents/evidence-point';
import { parseIncidentRow, toIncidentRow, toStoredIncident, type IncidentRecord } from '../../lib/incidents/incident-record';
import type {
  AcknowledgedEntry,
  ExternalAlertInput,
  IncidentDetail,
  IncidentFigures,
  IncidentFilter,
  IncidentListQuery,
  IncidentPage,
  IncidentStore,
  Mute,
  MuteRequest,
  RecordChangesSummary,
  StoredExternalAlert,
  StoredIncident,
} from '../../lib/incidents/incident-store';
import * as reads from './kysely-incident-reads';
import { planRecordedChanges } from '../../lib/incidents/plan-recorded-changes';
import type { StoreDatabase, StoreDialect } from './store-schema';
import { storeError, type StoreResult } from '../../lib/incidents/store-result';
import { parseExternalAlertRow, parseMuteRow, toTimelineRow } from './store-rows';
import type { StoredTimelineEntry } from '../../lib/incidents/stored-timeline-entry';
import { isEpochMs, validateExternalAlert, validateMuteRequest, validateName, validateText } from '../../lib/incidents/validate-store-input';

type Db = Kysely<StoreDatabase>;

/** Rows per INSERT: well under SQLite's 32,766 bound variables at 16 columns. */
const CHUNK_ROWS = 500;

export interface KyselyIncidentStoreOptions {
  dialect: StoreDialect;
  now: () => number;
}

export class KyselyIncidentStore implements IncidentStore {
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly options: KyselyIncidentStoreOptions,
  ) {}

  async recordChanges(changes: readonly IncidentChange[]): Promise<RecordChangesSummary> {
    const ids = [...new Set(changes.flatMap((c) => (c.kind === 'rejected' ? [] : [c.incident.id])))];
    if (ids.length === 0) return { incidentsWritten: 0, timelineEntriesAdded: 0, changesIgnored: 0 };
    return this.db.transaction().execute(async (trx) => {
      const existing = new Map<string, IncidentRecord>();
      for (const chunk of chunks(ids)) for (const row of await this.lockIncidents(trx, chunk)) existing.set(row.id, parseIncidentRow(row));
      const plan = planRecordedChanges(existing, changes);
      await this.writeIncidents(trx, [...plan.records.values()]);
      const added = await insertEntries(trx, plan.entries);
      return { incidentsWritten: plan.records.size, timelineEntriesAdded: added, changesIgnored: plan.ignored };
    });
  }

  async recordEvidence(incidentId: string, points: readonly EvidencePoint[]): Promise<StoreResult<{ added: number }>> {
    const parsed = points.map((p) => ({ given: p, point: parseEvidencePoint(p) }));
    const bad = parsed.find(({ point }) => point === null || !isEpochMs(point.atMs));
    if (bad) return storeError('invalid', `not an evidence point: ${JSON.stringify(bad.given).slice(0, 200)}`);
    return this.db.transaction().execute(async (trx) => {
      if (!(await exists(trx, incidentId))) return storeError('not-found', `no incident ${incidentId}`);
      let added = 0;
      for (const chunk of chunks(parsed)) {
        const result = await trx
          .insertInto('evidence_points')
          .values(chunk.map(({ point }) => ({ incident_id: incidentId, at_ms: point!.atMs, point_json: JSON.stringify(point) })))
          .onConflict((oc) => oc.columns(['incident_id', 'at_ms']).doNothing())
          .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      return { ok: true as const, added };
    });
  }

  async acknowledge(incidentId: string, by: string, note: string | null): Promise<StoreResult<{ entry: AcknowledgedEntry }>> {
    const problem = validateName('by', by) ?? validateText('note', note, false);
    if (problem !== null) return { ok: false, error: problem };
    return this.db.transaction().execute(async (trx) => {
      const record = await this.lockIncident(trx, incidentId);
      if (record === null) return storeError('not-found', `no incident ${incidentId}`);
      const { incident } = record;
      if (incident.status === 'resolved') return storeError('conflict', `incident ${incidentId} is already resolved`);
      if (incident.acknowledged !== null) return storeError('conflict', `incident ${incidentId} was already acknowledged by ${incident.acknowledged.by}`);
      const atMs = this.options.now();
      const entry: AcknowledgedEntry = { kind: 'acknowledged', atMs, by: by.trim(), note: note === null || note.trim() === '' ? null : note };
      await this.writeIncidents(trx, [{ ...record, incident: { ...incident, acknowledged: { atMs, by: entry.by } } }]);
      await insertEntries(trx, [{ incidentId, entry }]);
      return { ok: true as const, entry };
    });
  }

  async addNote(incidentId: string, by: string, text: string): Promise<StoreResult<{ entry: StoredTimelineEntry }>> {
    const problem = validateName('by', by) ?? validateText('text', text, true);
    if (problem !== null) return { ok: false, error: problem };
    return this.db.transaction().execute(async (trx) => {
      if (!(await exists(trx, incidentId))) return storeError('not-found', `no incident ${incidentId}`);
      const entry: StoredTimelineEntry = { kind: 'note', atMs: this.options.now(), by: by.trim(), text };
      await insertEntries(trx, [{ incidentId, entry }]);
      return { ok: true as const, entry };
    });
  }

  async resolveByHand(incidentId: string, by: string, reason: string): Promise<StoreResult<{ incident: StoredIncident }>> {
    const problem = validateName('by', by) ?? validateText('reason', reason, true);
    if (problem !== null) return { ok: false, error: problem };
    return this.db.transaction().execute(async (trx) => {
      const record = await this.lockIncident(trx, incidentId);
      if (record === null) return storeError('not-found', `no incident ${incidentId}`);
      if (record.incident.status === 'resolved') {
        const how = record.resolution?.kind === 'by-hand' ? `by ${record.resolution.by}` : 'automatically';
        return storeError('conflict', `incident ${incidentId} is already resolved (${how})`);
      }
      const atMs = this.options.now();
      const next: IncidentRecord = {
        ...record,
        incident: { ...record.incident, status: 'resolved', resolvedAtMs: atMs },
        resolution: { kind: 'by-hand', atMs, by: by.trim(), reason },
      };
      await this.writeIncidents(trx, [next]);
      const durationMs = atMs - record.incident.firstSeenAtMs;
      await insertEntries(trx, [{ incidentId, entry: { kind: 'resolved-by-hand', atMs, by: by.trim(), reason, durationMs } }]);
      return { ok: true as const, incident: toStoredIncident(next) };
    });
  }

  async mutePipeline(request: MuteRequest): Promise<StoreResult<{ mute: Mute }>> {
    const nowMs = this.options.now();
    const problem = validateMuteRequest(request, nowMs);
    if (problem !== null) return { ok: false, error: problem };
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('mutes')
        .values({
          pipeline_id: request.pipelineId,
          from_ms: request.fromMs,
          until_ms: request.untilMs,
          muted_by: request.by.trim(),
          reason: request.reason,
          created_at_ms: nowMs,
          unmuted_at_ms: null,
          unmuted_by: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const mute = parseMuteRow(row);
      const entry: StoredTimelineEntry = { kind: 'muted', atMs: nowMs, by: mute.by, muteId: mute.id, fromMs: mute.fromMs, untilMs: mute.untilMs, reason: mute.reason };
      await insertEntries(trx, (await openIncidentIds(trx, mute.pipelineId)).map((incidentId) => ({ incidentId, entry })));
      return { ok: true as const, mute };
    });
  }

  async unmute(muteId: number, by: string): Promise<StoreResult<{ mute: Mute }>> {
    if (!Number.isSafeInteger(muteId)) return storeError('invalid', 'muteId must be a whole number');
    const problem = validateName('by', by);
    if (problem !== null) return { ok: false, error: problem };
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('mutes')
        .selectAll()
        .where('id', '=', muteId)
        .$if(this.options.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (row === undefined) return storeError('not-found', `no mute ${muteId}`);
      const before = parseMuteRow(row);
      const atMs = this.options.now();
      if (before.unmuted !== null) return storeError('conflict', `mute ${muteId} was already ended by ${before.unmuted.by}`);
      if (before.untilMs <= atMs) return storeError('conflict', `mute ${muteId} already ran out`);
      await trx.updateTable('mutes').set({ unmuted_at_ms: atMs, unmuted_by: by.trim() }).where('id', '=', muteId).execute();
      const mute: Mute = { ...before, unmuted: { atMs, by: by.trim() } };
      const entry: StoredTimelineEntry = { kind: 'unmuted', atMs, by: by.trim(), muteId };
      await insertEntries(trx, (await openIncidentIds(trx, mute.pipelineId)).map((incidentId) => ({ incidentId, entry })));
      return { ok: true as const, mute };
    });
  }

  async activeMutes(atMs: number): Promise<Mute[]> {
    const rows = await this.db
      .selectFrom('mutes')
      .selectAll()
      .where('from_ms', '<=', atMs)
      .where('until_ms', '>', atMs)
      .where((eb) => eb.or([eb('unmuted_at_ms', 'is', null), eb('unmuted_at_ms', '>', atMs)]))
      .orderBy('from_ms')
      .orderBy('id')
      .execute();
    return rows.map(parseMuteRow);
  }

  async recordExternalAlert(alert: ExternalAlertInput): Promise<StoreResult<{ alert: StoredExternalAlert; duplicate: boolean }>> {
    const problem = validateExternalAlert(alert);
    if (problem !== null) return { ok: false, error: problem };
    return this.db.transaction().execute(async (trx) => {
      const same = (status: string) =>
        trx.selectFrom('external_alerts').selectAll().where('fingerprint', '=', alert.fingerprint).where('starts_at_ms', '=', alert.startsAtMs).where('status', '=', status);
      const known = await same(alert.status).executeTakeFirst();
      if (known !== undefined) return { ok: true as const, alert: parseExternalAlertRow(known), duplicate: true };
      // The same occurrence (firing, then resolved) stays with the incident it was first linked to.
      const earlier = await same(alert.status === 'firing' ? 'resolved' : 'firing').where('incident_id', 'is not', null).executeTakeFirst();
      const incidentId = earlier?.incident_id ?? (alert.pipelineId === null ? null : ((await openIncidentIds(trx, alert.pipelineId)).at(-1) ?? null));
      const receivedAtMs = this.options.now();
      const inserted = await trx
        .insertInto('external_alerts')
        .values({
          fingerprint: alert.fingerprint,
          status: alert.status,
          starts_at_ms: alert.startsAtMs,
          ends_at_ms: alert.endsAtMs,
          labels_json: JSON.stringify(alert.labels),
          annotations_json: JSON.stringify(alert.annotations),
          pipeline_id: alert.pipelineId,
          incident_id: incidentId,
          received_at_ms: receivedAtMs,
        })
        .onConflict((oc) => oc.columns(['fingerprint', 'starts_at_ms', 'status']).doNothing())
        .returningAll()
        .executeTakeFirst();
      // Lost a race with the same webhook delivered twice at once.
      if (inserted === undefined) return { ok: true as const, alert: parseExternalAlertRow(await same(alert.status).executeTakeFirstOrThrow()), duplicate: true };
      const stored = parseExternalAlertRow(inserted);
      if (incidentId !== null) {
        const entry: StoredTimelineEntry = {
          kind: 'external-alert',
          atMs: receivedAtMs,
          alertId: stored.id,
          fingerprint: stored.fingerprint,
          status: stored.status,
          alertName: stored.labels.alertname ?? null,
          summary: stored.annotations.summary ?? stored.annotations.description ?? null,
        };
        await insertEntries(trx, [{ incidentId, entry }]);
      }
      return { ok: true as const, alert: stored, duplicate: false };
    });
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

  /** Idempotent: a second close does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }

  /**
   * SQLite serialises writers on its one connection; PostgreSQL needs the rows locked for
   * read-modify-write, in id order so two writers cannot deadlock.
   */
  private lockIncidents(trx: Transaction<StoreDatabase>, ids: readonly string[]) {
    return trx
      .selectFrom('incidents')
      .selectAll()
      .where('id', 'in', ids)
      .orderBy('id')
      .$if(this.options.dialect === 'postgres', (qb) => qb.forUpdate())
      .execute();
  }

  private async lockIncident(trx: Transaction<StoreDatabase>, id: string): Promise<IncidentRecord | null> {
    const [row] = await this.lockIncidents(trx, [id]);
    return row === undefined ? null : parseIncidentRow(row);
  }

  private async writeIncidents(trx: Transaction<StoreDatabase>, records: readonly IncidentRecord[]): Promise<void> {
    for (const chunk of chunks(records)) {
      await trx
        .insertInto('incidents')
        .values(chunk.map(toIncidentRow))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            type: eb.ref('excluded.type'),
            severity: eb.ref('excluded.severity'),
            status: eb.ref('excluded.status'),
            last_seen_at_ms: eb.ref('excluded.last_seen_at_ms'),
            resolved_at_ms: eb.ref('excluded.resolved_at_ms'),
            acknowledged_at_ms: eb.ref('excluded.acknowledged_at_ms'),
            acknowledged_by: eb.ref('excluded.acknowledged_by'),
            resolved_by: eb.ref('excluded.resolved_by'),
            resolve_reason: eb.ref('excluded.resolve_reason'),
            last_change_at_ms: eb.ref('excluded.last_change_at_ms'),
            incident_json: eb.ref('excluded.incident_json'),
          })),
        )
        .execute();
    }
  }
}

async function insertEntries(trx: Transaction<StoreDatabase>, entries: readonly { incidentId: string; entry: StoredTimelineEntry }[]): Promise<number> {
  const rows = new Map(entries.map(({ incidentId, entry }) => toTimelineRow(incidentId, entry)).map((row) => [`${row.incident_id}\u0000${row.kind}\u0000${row.at_ms}\u0000${row.digest}`, row]));
  let added = 0;
  for (const chunk of chunks([...rows.values()])) {
    const result = await trx
      .insertInto('timeline_entries')
      .values(chunk)
      .onConflict((oc) => oc.columns(['incident_id', 'kind', 'at_ms', 'digest']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

async function exists(trx: Transaction<StoreDatabase>, incidentId: string): Promise<boolean> {
  return (await trx.selectFrom('incidents').select('id').where('id', '=', incidentId).executeTakeFirst()) !== undefined;
}

/** The pipeline's open and recovering incidents, oldest opened first. */
async function openIncidentIds(trx: Transaction<StoreDatabase>, pipelineId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('incidents')
    .select('id')
    .where('pipeline_id', '=', pipelineId)
    .where('status', '<>', 'resolved')
    .orderBy('opened_at_ms')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK_ROWS) out.push(items.slice(i, i + CHUNK_ROWS));
  return out;
}
