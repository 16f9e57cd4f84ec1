import pg from 'pg';
import type { LeaderLease } from '../../lib/leadership/leader-lease';

export interface PostgresLeaderLeaseOptions {
  url: string;
  /** Which role the row stands for. */
  name?: string;
  leaseMs: number;
  /** Each query gives up after this: a partitioned database must not hold a claim for ever. */
  queryTimeoutMs: number;
  /** Shown in pg_stat_activity, so an operator can tell the replicas' connections apart. */
  applicationName: string;
}

/** The database's clock in epoch ms: every replica judges the lease by the same clock. */
const NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/**
 * The lease as one row of leader_lease, on a connection of its own (not the store's pool): its
 * liveness is the lease's, and a terminated connection is noticed at once (`onConnectionLost`).
 */
export function createPostgresLeaderLease(options: PostgresLeaderLeaseOptions): LeaderLease {
  const name = options.name ?? 'incidents';
  const table = 'leader_lease';
  const listeners: (() => void)[] = [];
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;

  function connect(): Promise<pg.Client> {
    if (client !== null) return Promise.resolve(client);
    connecting ??= (async () => {
      const next = new pg.Client({
        connectionString: options.url,
        connectionTimeoutMillis: options.queryTimeoutMs,
        query_timeout: options.queryTimeoutMs,
        application_name: options.applicationName,
        // A connection cut by the network (no FIN, no RST) is noticed by TCP keepalive, not left hanging.
        keepAlive: true,
      });
      let lost = false;
      const onLost = () => {
        if (lost) return;
        lost = true;
        if (client === next) client = null;
        void next.end().catch(() => undefined);
        for (const listener of listeners) listener();
      };
      next.on('error', onLost);
      next.on('end', onLost);
      try {
        await next.connect();
      } catch (error) {
        lost = true;
        await next.end().catch(() => undefined);
        throw error;
      }
      client = next;
      return next;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  return {
    async claim(holder, held) {
      const db = await connect();
      if (held !== null) {
        const renewed = await db.query<{ token: string }>(
          `update ${table} set expires_at_ms = ${NOW_MS} + $4 where name = $1 and holder = $2 and token = $3 and expires_at_ms > ${NOW_MS} returning token`,
          [name, holder, held, options.leaseMs],
        );
        if (renewed.rows.length === 1) return { token: Number(renewed.rows[0]!.token) };
      }
      // Free or lapsed: taken under the next token. A row held by someone else and not lapsed is left alone.
      const taken = await db.query<{ token: string }>(
        `insert into ${table} (name, holder, token, expires_at_ms) values ($1, $2, 1, ${NOW_MS} + $3)
         on conflict (name) do update set holder = excluded.holder, token = ${table}.token + 1, expires_at_ms = excluded.expires_at_ms
         where ${table}.expires_at_ms <= ${NOW_MS}
         returning token`,
        [name, holder, options.leaseMs],
      );
      return taken.rows.length === 1 ? { token: Number(taken.rows[0]!.token) } : null;
    },
    async release(holder, token) {
      const db = await connect();
      await db.query(`update ${table} set expires_at_ms = 0 where name = $1 and holder = $2 and token = $3`, [name, holder, token]);
    },
    onConnectionLost(listener) {
      listeners.push(listener);
    },
    async close() {
      listeners.length = 0;
      const open = client ?? (await connecting?.catch(() => null)) ?? null;
      client = null;
      await open?.end().catch(() => undefined);
    },
  };
}
