import { sql } from 'kysely';
import { downsampleEvidence } from '../../lib/incidents/downsample-evidence';
import type { PruneOptions, PruneSummary } from '../../lib/incidents/incident-store';
import { storeError, type StoreResult } from '../../lib/incidents/store-result';
import { parseEvidenceRow } from './store-rows';
import type { StoreTransaction, WriteContext } from './store-writes';

/**
 * Retention: one call deletes one batch in one short transaction, so that a collection cycle's
 * write never waits long behind it (SQLite has one writer; better-sqlite3 also holds the event
 * loop while a statement runs). The caller calls again while `more` is true.
 */
export async function pruneExpired({ db, dialect }: WriteContext, nowMs: number, { retentionMs, batchSize }: PruneOptions): Promise<PruneSummary> {
  const cutoffMs = nowMs - retentionMs;
  return db.transaction().execute(async (trx) => {
    const expired = await trx
      .selectFrom('incidents')
      .select('id')
      .where('status', '=', 'resolved')
      .where('resolved_at_ms', '<', cutoffMs)
      .orderBy('resolved_at_ms')
      .orderBy('id')
      .limit(batchSize + 1)
      .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked())
      .execute();
    const ids = expired.slice(0, batchSize).map((r) => r.id);
    let timelineEntries = 0;
    let evidencePoints = 0;
    let incidents = 0;
    if (ids.length > 0) {
      // Explicitly rather than by the foreign keys' cascade: the counts are what the log line reports.
      timelineEntries = deletedCount(await trx.deleteFrom('timeline_entries').where('incident_id', 'in', ids).executeTakeFirst());
      evidencePoints = deletedCount(await trx.deleteFrom('evidence_points').where('incident_id', 'in', ids).executeTakeFirst());
      // Alerts linked to these incidents go with them; unlinked old ones are deleted below by age.
      await trx.updateTable('external_alerts').set({ incident_id: null }).where('incident_id', 'in', ids).execute();
      // Their notifications, sent long ago (or never, past any use): the outbox is bounded by the incidents kept.
      await trx.deleteFrom('notification_outbox').where('incident_id', 'in', ids).execute();
      incidents = deletedCount(await trx.deleteFrom('incidents').where('id', 'in', ids).executeTakeFirst());
    }
    const alerts = await pruneAlerts(trx, cutoffMs, batchSize);
    const mutes = await pruneMutes(trx, cutoffMs, batchSize);
    return {
      incidents,
      timelineEntries,
      evidencePoints,
      externalAlerts: alerts.deleted,
      mutes: mutes.deleted,
      more: expired.length > batchSize || alerts.more || mutes.more,
    };
  });
}

/** Alerts received before the cutoff that no stored incident holds: an incident kept shows its alerts whatever their age. */
async function pruneAlerts(trx: StoreTransaction, cutoffMs: number, batchSize: number): Promise<{ deleted: number; more: boolean }> {
  const rows = await trx
    .selectFrom('external_alerts')
    .select('id')
    .where('received_at_ms', '<', cutoffMs)
    .where('incident_id', 'is', null)
    .orderBy('received_at_ms')
    .orderBy('id')
    .limit(batchSize + 1)
    .execute();
  const ids = rows.slice(0, batchSize).map((r) => r.id);
  if (ids.length === 0) return { deleted: 0, more: false };
  return { deleted: deletedCount(await trx.deleteFrom('external_alerts').where('id', 'in', ids).executeTakeFirst()), more: rows.length > batchSize };
}

/**
 * Mutes that ended (ran out or were unmuted) before the cutoff, except those overlapping an
 * incident still stored: its detail lists the mutes over its span (getIncident's condition).
 */
async function pruneMutes(trx: StoreTransaction, cutoffMs: number, batchSize: number): Promise<{ deleted: number; more: boolean }> {
  const rows = await trx
    .selectFrom('mutes')
    .select('id')
    .where((eb) => eb.or([eb('until_ms', '<', cutoffMs), eb('unmuted_at_ms', '<', cutoffMs)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('incidents')
            .select(sql`1`.as('one'))
            .whereRef('incidents.pipeline_id', '=', 'mutes.pipeline_id')
            .whereRef('incidents.first_seen_at_ms', '<=', 'mutes.until_ms')
            .where((inner) => inner.or([inner('incidents.resolved_at_ms', 'is', null), inner('incidents.resolved_at_ms', '>=', inner.ref('mutes.from_ms'))])),
        ),
      ),
    )
    .orderBy('id')
    .limit(batchSize + 1)
    .execute();
  const ids = rows.slice(0, batchSize).map((r) => r.id);
  if (ids.length === 0) return { deleted: 0, more: false };
  return { deleted: deletedCount(await trx.deleteFrom('mutes').where('id', 'in', ids).executeTakeFirst()), more: rows.length > batchSize };
}

/**
 * Keeps at most `maxPoints` of an incident's evidence, chosen by downsampleEvidence over the
 * whole span (the extremes of every metric survive); the others are deleted.
 */
export async function thinEvidence({ db, dialect }: WriteContext, incidentId: string, maxPoints: number): Promise<StoreResult<{ kept: number; removed: number }>> {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) return storeError('invalid', 'maxPoints must be a whole number of at least 2');
  return db.transaction().execute(async (trx) => {
    const incident = await trx
      .selectFrom('incidents')
      .select('id')
      .where('id', '=', incidentId)
      .$if(dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    if (incident === undefined) return storeError('not-found', `no incident ${incidentId}`);
    const rows = await trx.selectFrom('evidence_points').select('point_json').where('incident_id', '=', incidentId).orderBy('at_ms').execute();
    const points = rows.map(parseEvidenceRow);
    if (points.length <= maxPoints) return { ok: true as const, kept: points.length, removed: 0 };
    const keep = new Set(downsampleEvidence(points, maxPoints).map((p) => p.atMs));
    const drop = points.filter((p) => !keep.has(p.atMs)).map((p) => p.atMs);
    let removed = 0;
    for (let i = 0; i < drop.length; i += DELETE_CHUNK) {
      const chunk = drop.slice(i, i + DELETE_CHUNK);
      removed += deletedCount(await trx.deleteFrom('evidence_points').where('incident_id', '=', incidentId).where('at_ms', 'in', chunk).executeTakeFirst());
    }
    return { ok: true as const, kept: points.length - removed, removed };
  });
}

/** Times per DELETE … IN: well under SQLite's bound variables. */
const DELETE_CHUNK = 5_000;

function deletedCount(result: { numDeletedRows: bigint } | undefined): number {
  return Number(result?.numDeletedRows ?? 0n);
}

