import { sql } from 'kysely';
import type { LeaseFence } from '../../lib/leadership/leader-lease';
import { FencedWriteError } from './fenced-write-error';
import type { StoreDialect } from './store-schema';
import type { StoreTransaction } from './store-writes';

/**
 * Inside the write's own transaction: the lease row must still carry this fence's holder and
 * token. PostgreSQL's share lock on the row holds a taker's update until this transaction ends,
 * so every write either commits before the next holder's token exists or is refused after it.
 * null: no lease (SQLite, one process, always the leader).
 */
export async function checkFence(trx: StoreTransaction, dialect: StoreDialect, fence: LeaseFence | null | undefined): Promise<void> {
  if (fence === null || fence === undefined) return;
  const row = await trx
    .selectFrom('leader_lease')
    .select(sql<number>`1`.as('held'))
    .where('name', '=', 'incidents')
    .where('holder', '=', fence.holder)
    .where('token', '=', fence.token)
    .$if(dialect === 'postgres', (qb) => qb.forShare())
    .executeTakeFirst();
  if (row === undefined) throw new FencedWriteError(fence);
}
