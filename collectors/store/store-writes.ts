import type { InsertResult, Kysely, Transaction } from 'kysely';
import type { StoredTimelineEntry } from '../../lib/incidents/stored-timeline-entry';
import type { StoreDatabase, StoreDialect } from './store-schema';
import { toTimelineRow } from './store-rows';

/** What every write needs: the database, which one it is (for row locks), and the clock for action times. */
export interface WriteContext {
  db: Kysely<StoreDatabase>;
  dialect: StoreDialect;
  now: () => number;
}

export type StoreTransaction = Transaction<StoreDatabase>;

/** Rows per INSERT: well under SQLite's 32,766 bound variables at 16 columns. */
const CHUNK_ROWS = 500;

export function inChunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK_ROWS) out.push(items.slice(i, i + CHUNK_ROWS));
  return out;
}

/** Rows an `on conflict do nothing` insert really added. */
export function insertedCount(result: InsertResult): number {
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/** Adds entries once: one already stored (same incident, kind, time and content) is skipped, not an error. */
export async function insertTimelineEntries(trx: StoreTransaction, entries: readonly { incidentId: string; entry: StoredTimelineEntry }[]): Promise<number> {
  const rows = new Map(entries.map(({ incidentId, entry }) => toTimelineRow(incidentId, entry)).map((row) => [`${row.incident_id}\u0000${row.kind}\u0000${row.at_ms}\u0000${row.digest}`, row]));
  let added = 0;
  for (const chunk of inChunks([...rows.values()])) {
    const result = await trx
      .insertInto('timeline_entries')
      .values(chunk)
      .onConflict((oc) => oc.columns(['incident_id', 'kind', 'at_ms', 'digest']).doNothing())
      .executeTakeFirst();
    added += insertedCount(result);
  }
  return added;
}

export async function incidentExists(trx: StoreTransaction, incidentId: string): Promise<boolean> {
  return (await trx.selectFrom('incidents').select('id').where('id', '=', incidentId).executeTakeFirst()) !== undefined;
}

/** The pipeline's open and recovering incidents, oldest opened first. */
export async function openIncidentIds(trx: StoreTransaction, pipelineId: string): Promise<string[]> {
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
