import type { LeaseFence } from '../../lib/leadership/leader-lease';

/** What this replica may do now, as the incident service asks before every write and send. */
export type Acting =
  /** It leads: `term` changes on every new leadership, `fence` goes with every incident write (null: SQLite, no lease). */
  | { kind: 'leader'; term: number; fence: LeaseFence | null }
  | { kind: 'follower' };

export interface Leadership {
  acting(): Acting;
  /** When this replica last became leader or stepped down (epoch ms); its start when it never changed. */
  changedAtMs(): number;
  /** Called on every change of `acting().kind`. */
  subscribe(listener: (acting: Acting) => void): () => void;
  start(): void;
  /** Stops claiming and gives the lease up at once (shutdown), so another replica need not wait for it to lapse. Idempotent. */
  release(): Promise<void>;
}

/** SQLite: one process per file (see sqlite-process-lock.ts), so it always leads. */
export function createSoleLeadership(nowMs: () => number = Date.now): Leadership {
  const startedAtMs = nowMs();
  return {
    acting: () => ({ kind: 'leader', term: 1, fence: null }),
    changedAtMs: () => startedAtMs,
    subscribe: () => () => {},
    start: () => {},
    release: () => Promise.resolve(),
  };
}
