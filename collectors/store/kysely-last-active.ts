import { sql, type Kysely } from 'kysely';
import type { LastActiveEntry } from '../../lib/incidents/incident-store';
import type { StoreDatabase } from './store-schema';

/** When each pipeline was last seen active; see IncidentStore.recordLastActive. */

export async function recordLastActive(db: Kysely<StoreDatabase>, entries: readonly LastActiveEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({ pipeline_id: e.pipelineId, last_active_at_ms: e.atMs }));
  // A replica with an older clock reading, or a replayed batch, must not move the time back.
  await db
    .insertInto('pipeline_activity')
    .values(rows)
    .onConflict((oc) =>
      oc.column('pipeline_id').doUpdateSet({
        last_active_at_ms: sql<number>`case when excluded.last_active_at_ms > pipeline_activity.last_active_at_ms then excluded.last_active_at_ms else pipeline_activity.last_active_at_ms end`,
      }),
    )
    .execute();
}

export async function lastActive(db: Kysely<StoreDatabase>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('pipeline_activity').select(['pipeline_id', 'last_active_at_ms']).execute();
  return new Map(rows.map((r) => [r.pipeline_id, Number(r.last_active_at_ms)]));
}
