/**
 * The role only one replica may hold at a time: recording incident changes and notifying. The
 * domain declares it; collectors/store/postgres-leader-lease.ts implements it on PostgreSQL.
 */
export interface LeaderLease {
  /**
   * Renews the lease when `held` is this holder's current token and it has not lapsed; otherwise
   * takes it when it is free or lapsed, under a new, higher token. null: another replica holds it
   * (or `held` was overtaken). Rejects when the database cannot be reached.
   */
  claim(holder: string, held: number | null): Promise<{ token: number } | null>;
  /** Lets the lease lapse at once, if `token` still holds it, so another replica need not wait. */
  release(holder: string, token: number): Promise<void>;
  /** Calls back once when the lease's own connection breaks (terminated, server gone). */
  onConnectionLost(listener: () => void): void;
  close(): Promise<void>;
}

/** What a leader's writes carry: the store refuses them, in their own transaction, once another holder has taken over. */
export interface LeaseFence {
  holder: string;
  token: number;
}
