import type { Kysely } from 'kysely';
import type { Mute, MuteRequest } from '../../lib/incidents/incident-store';
import { storeError, type StoreResult } from '../../lib/incidents/store-result';
import type { StoredTimelineEntry } from '../../lib/incidents/stored-timeline-entry';
import { validateMuteRequest, validateName } from '../../lib/incidents/validate-store-input';
import type { StoreDatabase } from './store-schema';
import { parseMuteRow } from './store-rows';
import { insertTimelineEntries, openIncidentIds, type WriteContext } from './store-writes';

/** Muting a pipeline's notifications for a window; each mute and unmute is noted on its open incidents. */

export async function mutePipeline({ db, now }: WriteContext, request: MuteRequest): Promise<StoreResult<{ mute: Mute }>> {
  const nowMs = now();
  const problem = validateMuteRequest(request, nowMs);
  if (problem !== null) return { ok: false, error: problem };
  return db.transaction().execute(async (trx) => {
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
    await insertTimelineEntries(trx, (await openIncidentIds(trx, mute.pipelineId)).map((incidentId) => ({ incidentId, entry })));
    return { ok: true as const, mute };
  });
}

export async function unmute({ db, dialect, now }: WriteContext, muteId: number, by: string): Promise<StoreResult<{ mute: Mute }>> {
  if (!Number.isSafeInteger(muteId)) return storeError('invalid', 'muteId must be a whole number');
  const problem = validateName('by', by);
  if (problem !== null) return { ok: false, error: problem };
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('mutes')
      .selectAll()
      .where('id', '=', muteId)
      .$if(dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    if (row === undefined) return storeError('not-found', `no mute ${muteId}`);
    const before = parseMuteRow(row);
    const atMs = now();
    if (before.unmuted !== null) return storeError('conflict', `mute ${muteId} was already ended by ${before.unmuted.by}`);
    if (before.untilMs <= atMs) return storeError('conflict', `mute ${muteId} already ran out`);
    await trx.updateTable('mutes').set({ unmuted_at_ms: atMs, unmuted_by: by.trim() }).where('id', '=', muteId).execute();
    const mute: Mute = { ...before, unmuted: { atMs, by: by.trim() } };
    const entry: StoredTimelineEntry = { kind: 'unmuted', atMs, by: by.trim(), muteId };
    await insertTimelineEntries(trx, (await openIncidentIds(trx, mute.pipelineId)).map((incidentId) => ({ incidentId, entry })));
    return { ok: true as const, mute };
  });
}

export async function activeMutes(db: Kysely<StoreDatabase>, atMs: number): Promise<Mute[]> {
  const rows = await db
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
