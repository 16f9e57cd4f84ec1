import { describe, expect, it } from 'vitest';
import {
  INITIAL_LEADERSHIP_STATE,
  mayAct,
  reduceLeadership,
  type LeadershipEvent,
  type LeadershipState,
  type LeadershipTiming,
} from '../../../lib/leadership/leadership-state';

const timing: LeadershipTiming = { leaseMs: 10_000, claimEveryMs: 2_000, stepDownAfterMs: 7_000 };
const leader = (over: Partial<Extract<LeadershipState, { kind: 'leader' }>> = {}): LeadershipState => ({ kind: 'leader', sinceMs: 1_000, term: 1, token: 4, claimedAtMs: 1_000, ...over });
const follower = (over: Partial<Extract<LeadershipState, { kind: 'follower' }>> = {}): LeadershipState => ({ kind: 'follower', sinceMs: 0, term: 0, claimAgainAtMs: 0, ...over });

function run(state: LeadershipState, events: LeadershipEvent[]) {
  const transitions: string[] = [];
  for (const event of events) {
    const reduced = reduceLeadership(state, event, timing);
    state = reduced.state;
    if (reduced.transition !== null) transitions.push(reduced.transition);
  }
  return { state, transitions };
}

describe('reduceLeadership', () => {
  it.each([
    {
      desc: 'a follower whose claim succeeds leads, under a new term',
      start: INITIAL_LEADERSHIP_STATE,
      events: [{ type: 'claimed', sentAtMs: 5_000, token: 1 }] as LeadershipEvent[],
      expected: { state: { kind: 'leader', term: 1, token: 1, claimedAtMs: 5_000, sinceMs: 5_000 }, transitions: ['became-leader'] },
    },
    {
      desc: 'a renewal under the same token moves the claim time on, no transition',
      start: leader(),
      events: [{ type: 'claimed', sentAtMs: 3_000, token: 4 }] as LeadershipEvent[],
      expected: { state: leader({ claimedAtMs: 3_000 }), transitions: [] },
    },
    {
      desc: 'a renewal answered out of order never moves the claim time back',
      start: leader({ claimedAtMs: 6_000 }),
      events: [{ type: 'claimed', sentAtMs: 3_000, token: 4 }] as LeadershipEvent[],
      expected: { state: leader({ claimedAtMs: 6_000 }), transitions: [] },
    },
    {
      desc: 'a claim under another token is a new term (the lease lapsed and was taken again)',
      start: leader(),
      events: [{ type: 'claimed', sentAtMs: 3_000, token: 9 }] as LeadershipEvent[],
      expected: { state: { kind: 'leader', term: 2, token: 9, claimedAtMs: 3_000 }, transitions: ['became-leader'] },
    },
    {
      desc: 'refused: another replica holds the lease, the leader steps down at once',
      start: leader(),
      events: [{ type: 'refused', atMs: 2_000 }] as LeadershipEvent[],
      expected: { state: { kind: 'follower', term: 1, claimAgainAtMs: 2_000 }, transitions: ['stepped-down'] },
    },
    {
      desc: 'the database away for less than the step-down bound: still leading',
      start: leader(),
      events: [{ type: 'unreachable', atMs: 4_000 }, { type: 'tick', atMs: 7_999 }] as LeadershipEvent[],
      expected: { state: leader(), transitions: [] },
    },
    {
      desc: 'partitioned: without a renewal for stepDownAfterMs it steps down on its own clock',
      start: leader(),
      events: [{ type: 'unreachable', atMs: 4_000 }, { type: 'tick', atMs: 8_000 }] as LeadershipEvent[],
      expected: { state: { kind: 'follower', term: 1, sinceMs: 8_000 }, transitions: ['stepped-down'] },
    },
    {
      desc: 'its connection cut: it steps down and does not claim for a whole lease',
      start: leader(),
      events: [{ type: 'connection-lost', atMs: 2_000 }] as LeadershipEvent[],
      expected: { state: { kind: 'follower', claimAgainAtMs: 12_000 }, transitions: ['stepped-down'] },
    },
    {
      desc: 'a claim that was in flight while yielding is not taken up',
      start: follower({ claimAgainAtMs: 12_000 }),
      events: [{ type: 'claimed', sentAtMs: 11_000, token: 5 }] as LeadershipEvent[],
      expected: { state: follower({ claimAgainAtMs: 12_000 }), transitions: [] },
    },
    {
      desc: 'after the yield a claim leads again',
      start: follower({ claimAgainAtMs: 12_000, term: 3 }),
      events: [{ type: 'claimed', sentAtMs: 12_000, token: 5 }] as LeadershipEvent[],
      expected: { state: { kind: 'leader', term: 4, token: 5 }, transitions: ['became-leader'] },
    },
    {
      desc: 'released (shutdown): it never claims again',
      start: leader(),
      events: [{ type: 'released', atMs: 2_000 }, { type: 'claimed', sentAtMs: 99_000, token: 5 }] as LeadershipEvent[],
      expected: { state: { kind: 'follower', claimAgainAtMs: Number.POSITIVE_INFINITY }, transitions: ['stepped-down'] },
    },
    {
      desc: 'a follower refused stays a follower without a transition',
      start: follower(),
      events: [{ type: 'refused', atMs: 2_000 }, { type: 'tick', atMs: 50_000 }, { type: 'unreachable', atMs: 60_000 }] as LeadershipEvent[],
      expected: { state: follower({ claimAgainAtMs: 2_000 }), transitions: [] },
    },
  ])('$desc', ({ start, events, expected }) => {
    const { state, transitions } = run(start, events);
    expect(state).toMatchObject(expected.state);
    expect(transitions).toEqual(expected.transitions);
  });
});

describe('mayAct', () => {
  it.each([
    { desc: 'a leader just renewed', state: leader(), nowMs: 1_000, expected: true },
    { desc: 'a leader just short of the step-down bound', state: leader(), nowMs: 7_999, expected: true },
    { desc: 'a leader at the bound, before its tick has stepped it down', state: leader(), nowMs: 8_000, expected: false },
    { desc: 'a follower', state: follower(), nowMs: 1_000, expected: false },
  ])('$desc: $expected', ({ state, nowMs, expected }) => {
    expect(mayAct(state, nowMs, timing)).toBe(expected);
  });

  it('stops every act before the database lets another replica take the lease', () => {
    // The claim was sent at 1 000; the database extends the lease no earlier than that, to ≥ 11 000.
    const lapsesAtTheEarliestMs = 1_000 + timing.leaseMs;
    const lastActMs = 1_000 + timing.stepDownAfterMs - 1;
    expect(mayAct(leader(), lastActMs, timing)).toBe(true);
    expect(lastActMs).toBeLessThan(lapsesAtTheEarliestMs);
  });
});
