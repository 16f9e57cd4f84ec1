import { SILENT_LOGGER } from '../../../lib/log/logger';
import { describe, expect, it } from 'vitest';
import type { LeaderLease } from '../../../lib/leadership/leader-lease';
import type { LeadershipTiming } from '../../../lib/leadership/leadership-state';
import { createLeaseLeadership } from '../../../server/leadership/lease-leadership';
import type { Leadership } from '../../../server/leadership/leadership';

/**
 * The claim loop over an in-memory lease with the database's rules (lapse by the database's
 * clock, a new token per holder), on a clock the test moves. After every step: a replica that
 * acts as leader holds the database's lease under its token, and it has not lapsed.
 */
const timing: LeadershipTiming = { leaseMs: 10_000, claimEveryMs: 2_000, stepDownAfterMs: 7_000 };
const STEP_MS = 50;

class World {
  nowMs = 1_000_000;
  row: { holder: string; token: number; expiresAtMs: number } | null = null;
  private timers: { atMs: number; callback: () => void; cancelled: boolean }[] = [];
  readonly setTimer = (callback: () => void, delayMs: number) => {
    const timer = { atMs: this.nowMs + delayMs, callback, cancelled: false };
    this.timers.push(timer);
    return timer;
  };
  readonly clearTimer = (handle: unknown) => {
    (handle as { cancelled: boolean }).cancelled = true;
  };

  lease(holder: string) {
    const world = this;
    const state = { partitioned: false, lost: [] as (() => void)[] };
    const lease: LeaderLease = {
      claim(who, held) {
        if (state.partitioned) return new Promise(() => {});
        const row = world.row;
        if (held !== null && row?.holder === who && row.token === held && row.expiresAtMs > world.nowMs) {
          row.expiresAtMs = world.nowMs + timing.leaseMs;
          return Promise.resolve({ token: held });
        }
        if (row === null || row.expiresAtMs <= world.nowMs) {
          world.row = { holder: who, token: (row?.token ?? 0) + 1, expiresAtMs: world.nowMs + timing.leaseMs };
          return Promise.resolve({ token: world.row.token });
        }
        return Promise.resolve(null);
      },
      release(who, token) {
        if (state.partitioned) return new Promise(() => {});
        if (world.row?.holder === who && world.row.token === token) world.row.expiresAtMs = 0;
        return Promise.resolve();
      },
      onConnectionLost: (listener) => void state.lost.push(listener),
      close: () => Promise.resolve(),
    };
    const leadership = createLeaseLeadership({ lease, holder, timing, log: SILENT_LOGGER, nowMs: () => world.nowMs, setTimer: this.setTimer, clearTimer: this.clearTimer });
    return { holder, leadership, partition: () => (state.partitioned = true), cutConnection: () => state.lost.forEach((l) => l()) };
  }

  /** Moves the clock, running due timers and letting their promises settle; checks the invariant at each step. */
  async advance(ms: number, replicas: readonly { holder: string; leadership: Leadership }[]): Promise<void> {
    for (const end = this.nowMs + ms; this.nowMs < end; ) {
      this.nowMs += STEP_MS;
      for (const timer of this.timers.filter((t) => !t.cancelled && t.atMs <= this.nowMs)) {
        timer.cancelled = true;
        timer.callback();
      }
      this.timers = this.timers.filter((t) => !t.cancelled);
      for (let i = 0; i < 5; i++) await Promise.resolve();
      for (const { holder, leadership } of replicas) {
        const acting = leadership.acting();
        if (acting.kind !== 'leader') continue;
        expect(this.row, `${holder} acts while the database says otherwise`).toMatchObject({ holder, token: acting.fence?.token });
        expect(this.row!.expiresAtMs).toBeGreaterThan(this.nowMs);
      }
    }
  }
}

const leaderOf = (replicas: readonly { holder: string; leadership: Leadership }[]) => replicas.filter((r) => r.leadership.acting().kind === 'leader').map((r) => r.holder);

describe('lease leadership', () => {
  it('two replicas started together: one leads, and keeps leading while it renews', async () => {
    const world = new World();
    const replicas = [world.lease('a'), world.lease('b')];
    for (const r of replicas) r.leadership.start();
    await world.advance(500, replicas);
    expect(leaderOf(replicas)).toEqual(['a']);
    await world.advance(60_000, replicas);
    expect(leaderOf(replicas)).toEqual(['a']);
    expect(world.row?.token).toBe(1);
  });

  it('a partitioned leader (its claims hang) stops acting on its own clock; the other leads once the lease lapses, within 15 s', async () => {
    const world = new World();
    const [a, b] = [world.lease('a'), world.lease('b')];
    for (const r of [a, b]) r.leadership.start();
    await world.advance(500, [a, b]);
    a.partition();
    const partitionedAtMs = world.nowMs;
    let stoppedAtMs: number | null = null;
    let takenAtMs: number | null = null;
    while (takenAtMs === null && world.nowMs - partitionedAtMs < 30_000) {
      await world.advance(STEP_MS, [a, b]);
      if (stoppedAtMs === null && a.leadership.acting().kind === 'follower') stoppedAtMs = world.nowMs;
      if (b.leadership.acting().kind === 'leader') takenAtMs = world.nowMs;
    }
    expect(stoppedAtMs).not.toBeNull();
    expect(takenAtMs).not.toBeNull();
    expect(stoppedAtMs!).toBeLessThan(takenAtMs!);
    expect(takenAtMs! - partitionedAtMs).toBeLessThanOrEqual(15_000);
    expect(world.row).toMatchObject({ holder: 'b', token: 2 });
  });

  it('a leader whose connection is cut steps down at once and gives the lease up, so the other takes over at its next claim', async () => {
    const world = new World();
    const [a, b] = [world.lease('a'), world.lease('b')];
    for (const r of [a, b]) r.leadership.start();
    await world.advance(500, [a, b]);
    a.cutConnection();
    expect(a.leadership.acting().kind).toBe('follower');
    await world.advance(timing.claimEveryMs * 2 + STEP_MS, [a, b]);
    expect(leaderOf([a, b])).toEqual(['b']);
    // Yielding for a whole lease, then refused: b holds it.
    await world.advance(30_000, [a, b]);
    expect(leaderOf([a, b])).toEqual(['b']);
  });

  it('release() on shutdown hands over within one claim period', async () => {
    const world = new World();
    const [a, b] = [world.lease('a'), world.lease('b')];
    for (const r of [a, b]) r.leadership.start();
    await world.advance(500, [a, b]);
    const changes: string[] = [];
    a.leadership.subscribe((acting) => changes.push(acting.kind));
    await a.leadership.release();
    expect(changes).toEqual(['follower']);
    expect(world.row?.expiresAtMs).toBe(0);
    await world.advance(timing.claimEveryMs + STEP_MS, [b]);
    expect(leaderOf([a, b])).toEqual(['b']);
  });
});
