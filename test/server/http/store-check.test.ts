import { describe, expect, it } from 'vitest';
import { createStoreCheck } from '../../../server/http/store-check';

const T0 = 1_800_000_000_000;

/** A clock and timers the test moves by hand. */
function fakeTime() {
  let nowMs = T0;
  const timers = new Map<number, { atMs: number; callback: () => void }>();
  let next = 0;
  return {
    nowMs: () => nowMs,
    setTimer: (callback: () => void, delayMs: number) => {
      timers.set(++next, { atMs: nowMs + delayMs, callback });
      return next;
    },
    clearTimer: (handle: unknown) => void timers.delete(handle as number),
    advance(ms: number) {
      nowMs += ms;
      for (const [id, timer] of [...timers]) if (timer.atMs <= nowMs) (timers.delete(id), timer.callback());
    },
  };
}

describe('createStoreCheck', () => {
  it('answers from its cache for cacheMs, then asks the store again', async () => {
    const time = fakeTime();
    let pings = 0;
    const check = createStoreCheck({ ping: async () => void pings++, cacheMs: 5_000, ...time });
    expect(await check.current()).toEqual({ ok: true, checkedAtMs: T0 });
    time.advance(4_999);
    await check.current();
    expect(pings).toBe(1);
    time.advance(1);
    expect(await check.current()).toEqual({ ok: true, checkedAtMs: T0 + 5_000 });
    expect(pings).toBe(2);
  });

  it('asks once however many probes wait at the same time', async () => {
    const time = fakeTime();
    let pings = 0;
    const check = createStoreCheck({ ping: async () => void pings++, ...time });
    await Promise.all([check.current(), check.current(), check.current()]);
    expect(pings).toBe(1);
  });

  const failures = [
    { desc: 'a store that refuses', input: { ping: () => Promise.reject(new Error('connect ECONNREFUSED')), advanceMs: 0 }, expected: 'connect ECONNREFUSED' },
    { desc: 'a store that hangs, after the timeout', input: { ping: () => new Promise<void>(() => {}), advanceMs: 2_000 }, expected: 'no answer within 2000 ms' },
  ];
  it.each(failures)('reports $desc as unreachable, and recovers when it answers again', async ({ input, expected }) => {
    const time = fakeTime();
    let failing = true;
    const check = createStoreCheck({ ping: () => (failing ? input.ping() : Promise.resolve()), timeoutMs: 2_000, cacheMs: 5_000, ...time });
    const pending = check.current();
    await Promise.resolve();
    time.advance(input.advanceMs);
    expect(await pending).toEqual({ ok: false, checkedAtMs: T0 + input.advanceMs, message: expected });
    failing = false;
    time.advance(5_000);
    expect((await check.current()).ok).toBe(true);
  });
});
