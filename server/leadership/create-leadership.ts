import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { StoreSettings } from '../../lib/config/pipewatch-config';
import { DEFAULT_LEADERSHIP_TIMING } from '../../lib/leadership/leadership-state';
import { createPostgresLeaderLease } from '../../collectors/store/postgres-leader-lease';
import { createLeaseLeadership } from './lease-leadership';
import { createSoleLeadership, type Leadership } from './leadership';
import type { Logger } from '../../lib/log/logger';

/** A claim that has not answered within this is a failed claim: a partitioned database cannot hold the leader in doubt. */
const LEASE_QUERY_TIMEOUT_MS = 2_000;

/** This process's name in the lease row and in pg_stat_activity: host, pid and a random part (pids repeat across hosts and restarts). */
export function replicaName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** SQLite: this process leads. PostgreSQL: whichever replica holds the lease (docs/store.md). */
export function createLeadershipFromConfig(store: StoreSettings, replica: string, log: Logger): Leadership {
  if (store.kind === 'sqlite') return createSoleLeadership();
  const lease = createPostgresLeaderLease({
    url: store.url,
    leaseMs: DEFAULT_LEADERSHIP_TIMING.leaseMs,
    queryTimeoutMs: LEASE_QUERY_TIMEOUT_MS,
    applicationName: `pipewatch ${replica} lease`,
  });
  return createLeaseLeadership({ lease, holder: replica, log });
}
