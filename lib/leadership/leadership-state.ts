import { assertNever } from '../assert-never';

/**
 * Who leads, as one replica knows it. A leader counts from the moment it *sent* its last
 * successful claim, so its own view of the lease always lapses before the database's does.
 */
export type LeadershipState =
  | { kind: 'follower'; sinceMs: number; term: number; claimAgainAtMs: number }
  | { kind: 'leader'; sinceMs: number; term: number; token: number; claimedAtMs: number };

export type LeadershipEvent =
  /** A claim sent at `sentAtMs` came back holding `token`. */
  | { type: 'claimed'; sentAtMs: number; token: number }
  /** Another replica holds the lease (or has taken it over). */
  | { type: 'refused'; atMs: number }
  /** The claim failed: the database did not answer. */
  | { type: 'unreachable'; atMs: number }
  /** The lease's connection broke: this replica steps down and lets another take over. */
  | { type: 'connection-lost'; atMs: number }
  /** The clock moved on: a leader without a recent claim steps down on its own. */
  | { type: 'tick'; atMs: number }
  | { type: 'released'; atMs: number };

export interface LeadershipTiming {
  /** How long a claim holds the lease, by the database's clock. */
  leaseMs: number;
  /** How often a replica claims: a leader renews, a follower tries to take over. */
  claimEveryMs: number;
  /** A leader that has not renewed for this long stops acting: less than leaseMs by a margin for clock drift and the claim's own latency. */
  stepDownAfterMs: number;
}

/** Failover within leaseMs + claimEveryMs of the leader's last renewal: 10 s + 2 s, inside the documented 15 s. */
export const DEFAULT_LEADERSHIP_TIMING: LeadershipTiming = { leaseMs: 10_000, claimEveryMs: 2_000, stepDownAfterMs: 7_000 };

export const INITIAL_LEADERSHIP_STATE: LeadershipState = { kind: 'follower', sinceMs: 0, term: 0, claimAgainAtMs: 0 };

export type LeadershipTransition = 'became-leader' | 'stepped-down' | null;

export function reduceLeadership(state: LeadershipState, event: LeadershipEvent, timing: LeadershipTiming): { state: LeadershipState; transition: LeadershipTransition } {
  switch (event.type) {
    case 'claimed': {
      if (state.kind === 'leader' && state.token === event.token) return stay({ ...state, claimedAtMs: Math.max(state.claimedAtMs, event.sentAtMs) });
      // A claim that was in flight when the connection broke: this replica is yielding, it does not take the lease back.
      if (state.kind === 'follower' && event.sentAtMs < state.claimAgainAtMs) return stay(state);
      return { state: { kind: 'leader', sinceMs: event.sentAtMs, term: state.term + 1, token: event.token, claimedAtMs: event.sentAtMs }, transition: 'became-leader' };
    }
    case 'refused':
      return stepDown(state, event.atMs, event.atMs);
    case 'unreachable':
    case 'tick':
      return state.kind === 'leader' && event.atMs - state.claimedAtMs >= timing.stepDownAfterMs ? stepDown(state, event.atMs, event.atMs) : stay(state);
    case 'connection-lost':
      // Not claiming for a whole lease lets another replica take over rather than this one again.
      return stepDown(state, event.atMs, state.kind === 'leader' ? event.atMs + timing.leaseMs : state.claimAgainAtMs);
    case 'released':
      return stepDown(state, event.atMs, Number.POSITIVE_INFINITY);
    default:
      return assertNever(event, 'leadership event');
  }
}

/** Whether this replica may write incidents and notify at `nowMs`: checked again before every act, not only on events. */
export function mayAct(state: LeadershipState, nowMs: number, timing: LeadershipTiming): boolean {
  return state.kind === 'leader' && nowMs - state.claimedAtMs < timing.stepDownAfterMs;
}

function stay(state: LeadershipState): { state: LeadershipState; transition: LeadershipTransition } {
  return { state, transition: null };
}

function stepDown(state: LeadershipState, atMs: number, claimAgainAtMs: number): { state: LeadershipState; transition: LeadershipTransition } {
  if (state.kind === 'follower') return stay(claimAgainAtMs > state.claimAgainAtMs ? { ...state, claimAgainAtMs } : state);
  return { state: { kind: 'follower', sinceMs: atMs, term: state.term, claimAgainAtMs }, transition: 'stepped-down' };
}
