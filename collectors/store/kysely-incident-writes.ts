import type { IncidentChange } from '../../lib/incidents/incident';
import { parseEvidencePoint, type EvidencePoint } from '../../lib/incidents/evidence-point';
import { toStoredIncident, type IncidentRecord } from '../../lib/incidents/incident-record';
import { parseIncidentRow, toIncidentRow } from './incident-row';
import type { AcknowledgedEntry, RecordChangesSummary, RecordOptions, StoredIncident } from '../../lib/incidents/incident-store';
import type { LeaseFence } from '../../lib/leadership/leader-lease';
import { checkFence } from './check-fence';
import { insertDeliveries } from './kysely-outbox';
import { planRecordedChanges } from '../../lib/incidents/plan-recorded-changes';
import { storeError, type StoreResult } from '../../lib/incidents/store-result';
import type { StoredTimelineEntry } from '../../lib/incidents/stored-timeline-entry';
import { isEpochMs, validateName, validateText } from '../../lib/incidents/validate-store-input';
import type { StoreDialect } from './store-schema';
import { incidentExists, inChunks, insertedCount, insertTimelineEntries, type StoreTransaction, type WriteContext } from './store-writes';

/** The store's writes to incidents and their timelines: the reducer's changes, evidence, and people's actions. */

export async function recordChanges({ db, dialect, now }: WriteContext, changes: readonly IncidentChange[], options: RecordOptions = {}): Promise<RecordChangesSummary> {
  const ids = [...new Set(changes.flatMap((c) => (c.kind === 'rejected' ? [] : [c.incident.id])))];
  if (ids.length === 0) return { incidentsWritten: 0, timelineEntriesAdded: 0, changesIgnored: 0 };
  return db.transaction().execute(async (trx) => {
    await checkFence(trx, dialect, options.fence);
    const existing = new Map<string, IncidentRecord>();
    for (const chunk of inChunks(ids)) for (const row of await lockIncidents(trx, dialect, chunk)) existing.set(row.id, parseIncidentRow(row));
    const plan = planRecordedChanges(existing, changes);
    await writeIncidents(trx, [...plan.records.values()]);
    const added = await insertTimelineEntries(trx, plan.entries);
    await insertDeliveries(trx, options.notifications ?? [], now());
    return { incidentsWritten: plan.records.size, timelineEntriesAdded: added, changesIgnored: plan.ignored };
  });
}

export async function recordEvidence({ db, dialect }: WriteContext, incidentId: string, points: readonly EvidencePoint[], fence?: LeaseFence | null): Promise<StoreResult<{ added: number }>> {
  const parsed = points.map((p) => ({ given: p, point: parseEvidencePoint(p) }));
  const bad = parsed.find(({ point }) => point === null || !isEpochMs(point.atMs));
  if (bad) return storeError('invalid', `not an evidence point: ${JSON.stringify(bad.given).slice(0, 200)}`);
  return db.transaction().execute(async (trx) => {
    await checkFence(trx, dialect, fence);
    if (!(await incidentExists(trx, incidentId))) return noIncident(incidentId);
    let added = 0;
    for (const chunk of inChunks(parsed)) {
      const result = await trx
        .insertInto('evidence_points')
        .values(chunk.map(({ point }) => ({ incident_id: incidentId, at_ms: point!.atMs, point_json: JSON.stringify(point) })))
        .onConflict((oc) => oc.columns(['incident_id', 'at_ms']).doNothing())
        .executeTakeFirst();
      added += insertedCount(result);
    }
    return { ok: true as const, added };
  });
}

export async function acknowledge({ db, dialect, now }: WriteContext, incidentId: string, by: string, note: string | null): Promise<StoreResult<{ entry: AcknowledgedEntry }>> {
  const problem = validateName('by', by) ?? validateText('note', note, false);
  if (problem !== null) return { ok: false, error: problem };
  return db.transaction().execute(async (trx) => {
    const record = await lockIncident(trx, dialect, incidentId);
    if (record === null) return noIncident(incidentId);
    const { incident } = record;
    if (incident.status === 'resolved') return storeError('conflict', `incident ${incidentId} is already resolved`);
    if (incident.acknowledged !== null) return storeError('conflict', `incident ${incidentId} was already acknowledged by ${incident.acknowledged.by}`);
    const atMs = now();
    const entry: AcknowledgedEntry = { kind: 'acknowledged', atMs, by: by.trim(), note: note === null || note.trim() === '' ? null : note };
    await writeIncidents(trx, [{ ...record, incident: { ...incident, acknowledged: { atMs, by: entry.by } } }]);
    await insertTimelineEntries(trx, [{ incidentId, entry }]);
    return { ok: true as const, entry };
  });
}

export async function addNote({ db, now }: WriteContext, incidentId: string, by: string, text: string): Promise<StoreResult<{ entry: StoredTimelineEntry }>> {
  const problem = validateName('by', by) ?? validateText('text', text, true);
  if (problem !== null) return { ok: false, error: problem };
  return db.transaction().execute(async (trx) => {
    if (!(await incidentExists(trx, incidentId))) return noIncident(incidentId);
    const entry: StoredTimelineEntry = { kind: 'note', atMs: now(), by: by.trim(), text };
    await insertTimelineEntries(trx, [{ incidentId, entry }]);
    return { ok: true as const, entry };
  });
}

export async function resolveByHand({ db, dialect, now }: WriteContext, incidentId: string, by: string, reason: string): Promise<StoreResult<{ incident: StoredIncident }>> {
  const problem = validateName('by', by) ?? validateText('reason', reason, true);
  if (problem !== null) return { ok: false, error: problem };
  return db.transaction().execute(async (trx) => {
    const record = await lockIncident(trx, dialect, incidentId);
    if (record === null) return noIncident(incidentId);
    if (record.incident.status === 'resolved') {
      const how = record.resolution?.kind === 'by-hand' ? `by ${record.resolution.by}` : 'automatically';
      return storeError('conflict', `incident ${incidentId} is already resolved (${how})`);
    }
    const atMs = now();
    const next: IncidentRecord = {
      ...record,
      incident: { ...record.incident, status: 'resolved', resolvedAtMs: atMs },
      resolution: { kind: 'by-hand', atMs, by: by.trim(), reason },
    };
    await writeIncidents(trx, [next]);
    const durationMs = atMs - record.incident.firstSeenAtMs;
    await insertTimelineEntries(trx, [{ incidentId, entry: { kind: 'resolved-by-hand', atMs, by: by.trim(), reason, durationMs } }]);
    return { ok: true as const, incident: toStoredIncident(next) };
  });
}

function noIncident(incidentId: string) {
  return storeError('not-found', `no incident ${incidentId}`);
}

/**
 * SQLite serialises writers on its one connection; PostgreSQL needs the rows locked for
 * read-modify-write, in id order so two writers cannot deadlock.
 */
function lockIncidents(trx: StoreTransaction, dialect: StoreDialect, ids: readonly string[]) {
  return trx
    .selectFrom('incidents')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id')
    .$if(dialect === 'postgres', (qb) => qb.forUpdate())
    .execute();
}

async function lockIncident(trx: StoreTransaction, dialect: StoreDialect, id: string): Promise<IncidentRecord | null> {
  const [row] = await lockIncidents(trx, dialect, [id]);
  return row === undefined ? null : parseIncidentRow(row);
}

async function writeIncidents(trx: StoreTransaction, records: readonly IncidentRecord[]): Promise<void> {
  for (const chunk of inChunks(records)) {
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
