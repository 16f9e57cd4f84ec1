import type { LeaderLease } from '../../lib/leadership/leader-lease';
import {
  DEFAULT_LEADERSHIP_TIMING,
  INITIAL_LEADERSHIP_STATE,
  mayAct,
  reduceLeadership,
  type LeadershipEvent,
  type LeadershipState,
  type LeadershipTiming,
} from '../../lib/leadership/leadership-state';
import type { Acting, Leadership } from './leadership';
import type { Logger } from '../../lib/log/logger';

export interface LeaseLeadershipOptions {
  lease: LeaderLease;
  /** This replica's name in the lease row (unique per process). */
  holder: string;
  timing?: LeadershipTiming;
  log: Logger;
  nowMs?: () => number;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** How often the clock is checked between claims: a leader notices its own lease lapsing within this. */
const WATCH_EVERY_MS = 250;

/**
 * Leadership through a lease in PostgreSQL: claims every `claimEveryMs` (renewing, or taking over
 * a lapsed lease), and steps down on its own clock after `stepDownAfterMs` without a renewal,
 * before the database lets anyone else take the lease. The pure rules are in leadership-state.ts.
 */
export function createLeaseLeadership(options: LeaseLeadershipOptions): Leadership {
  const { lease, holder, log } = options;
  const timing = options.timing ?? DEFAULT_LEADERSHIP_TIMING;
  const nowMs = options.nowMs ?? Date.now;
  const setTimer = options.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const listeners = new Set<(acting: Acting) => void>();
  let state: LeadershipState = INITIAL_LEADERSHIP_STATE;
  let changedAtMs = nowMs();
  let timer: unknown = null;
  let claim: Promise<void> | null = null;
  let lastClaimSentMs = Number.NEGATIVE_INFINITY;
  /** A token held when the connection broke: given up as soon as the database answers again. */
  let toRelease: number | null = null;
  let unreachableLogged = false;
  let stopped = false;

  function dispatch(event: LeadershipEvent): void {
    const reduced = reduceLeadership(state, event, timing);
    state = reduced.state;
    if (reduced.transition === null) return;
    changedAtMs = nowMs();
    log.info(reduced.transition === 'became-leader' ? `leader: ${holder} leads (lease token ${state.kind === 'leader' ? state.token : '?'}): it records incidents and notifies` : `leader: ${holder} stepped down (${event.type}): it no longer records incidents or notifies`);
    const acting = current();
    for (const listener of listeners) listener(acting);
  }

  function current(): Acting {
    return state.kind === 'leader' && mayAct(state, nowMs(), timing) ? { kind: 'leader', term: state.term, fence: { holder, token: state.token } } : { kind: 'follower' };
  }

  async function claimOnce(): Promise<void> {
    const sentAtMs = nowMs();
    lastClaimSentMs = sentAtMs;
    try {
      if (toRelease !== null) {
        await lease.release(holder, toRelease);
        toRelease = null;
      }
      if (state.kind === 'follower' && sentAtMs < state.claimAgainAtMs) return;
      const claimed = await lease.claim(holder, state.kind === 'leader' ? state.token : null);
      if (unreachableLogged) log.info('leader: the database answers again');
      unreachableLogged = false;
      if (stopped) {
        if (claimed !== null) await lease.release(holder, claimed.token);
        return;
      }
      if (claimed === null) return dispatch({ type: 'refused', atMs: nowMs() });
      dispatch({ type: 'claimed', sentAtMs, token: claimed.token });
      // Taken while yielding: handed straight back.
      if (state.kind !== 'leader' || state.token !== claimed.token) await lease.release(holder, claimed.token);
    } catch (error) {
      if (!unreachableLogged) log.warn(`leader: cannot reach the database to claim the lease (${(error as Error).message}); retrying every ${timing.claimEveryMs} ms`);
      unreachableLogged = true;
      dispatch({ type: 'unreachable', atMs: nowMs() });
    }
  }

  function watch(): void {
    if (stopped) return;
    timer = setTimer(watch, WATCH_EVERY_MS);
    dispatch({ type: 'tick', atMs: nowMs() });
    if (claim === null && nowMs() - lastClaimSentMs >= timing.claimEveryMs) {
      claim = claimOnce().finally(() => {
        claim = null;
      });
    }
  }

  lease.onConnectionLost(() => {
    if (stopped) return;
    if (state.kind === 'leader') toRelease = state.token;
    dispatch({ type: 'connection-lost', atMs: nowMs() });
  });

  return {
    acting: current,
    changedAtMs: () => changedAtMs,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (timer === null && !stopped) watch();
    },
    async release() {
      if (stopped) return;
      stopped = true;
      if (timer !== null) clearTimer(timer);
      await claim;
      const token = state.kind === 'leader' ? state.token : null;
      dispatch({ type: 'released', atMs: nowMs() });
      if (token !== null) await lease.release(holder, token).catch((error: Error) => log.warn(`leader: the lease was not given up (${error.message}); it lapses within ${timing.leaseMs} ms`));
      await lease.close();
    },
  };
}
