import { sql, type Kysely, type Migration } from 'kysely';
import { MAX_STORED_TIME_MS } from '../../lib/units/date-range';

/**
 * 002_clamp_times. Earlier versions accepted a mute's `untilMs` without bound, up to 2^53 − 1;
 * such a time is no date, and the pages and the postmortem that showed it failed. Mutes' until
 * and the times of timeline entries (the `muted` entry repeats the mute's window) are brought
 * into 1970…9999. The digest stays: it identifies the entry, not its text.
 */
const TIME_FIELDS = ['atMs', 'fromMs', 'untilMs'] as const;

export function buildClampTimesMigration(): Migration {
  return {
    async up(db: Kysely<any>) {
      const clamp = (column: string) => sql<number>`case when ${sql.ref(column)} > ${MAX_STORED_TIME_MS} then ${MAX_STORED_TIME_MS} when ${sql.ref(column)} < 0 then 0 else ${sql.ref(column)} end`;
      const outside = (column: string) => sql<boolean>`${sql.ref(column)} > ${MAX_STORED_TIME_MS} or ${sql.ref(column)} < 0`;
      for (const column of ['from_ms', 'until_ms']) {
        await db.updateTable('mutes').set({ [column]: clamp(column) }).where(outside(column)).execute();
      }
      await db.updateTable('timeline_entries').set({ at_ms: clamp('at_ms') }).where(outside('at_ms')).execute();

      // Only `muted` entries carry times a person typed; the others are cycle times.
      const muted = await db.selectFrom('timeline_entries').select(['id', 'entry_json']).where('kind', '=', 'muted').execute();
      for (const row of muted as { id: number; entry_json: string }[]) {
        const entry = JSON.parse(row.entry_json) as Record<string, unknown>;
        let changed = false;
        for (const field of TIME_FIELDS) {
          const value = entry[field];
          if (typeof value !== 'number') continue;
          const clamped = Math.min(Math.max(value, 0), MAX_STORED_TIME_MS);
          if (clamped !== value) {
            entry[field] = clamped;
            changed = true;
          }
        }
        if (changed) await db.updateTable('timeline_entries').set({ entry_json: JSON.stringify(entry) }).where('id', '=', row.id).execute();
      }
    },
    // Clamped times cannot be restored, and nothing needs them back.
    async down() {},
  };
}
