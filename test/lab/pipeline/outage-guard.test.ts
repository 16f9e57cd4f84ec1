import { describe, expect, it } from 'vitest';
import { createOutageGuard } from '../../../lab/pipeline/outage-guard';

function setup(probeAnswers: boolean[]) {
  let nowMs = 0;
  const events: string[] = [];
  const guard = createOutageGuard({
    outageAfterMs: 10_000,
    probeIntervalMs: 1_000,
    nowMs: () => nowMs,
    sleep: async (delayMs, signal) => {
      if (signal.aborted) return false;
      nowMs += delayMs;
      return true;
    },
    isSinkHealthy: async () => {
      const answer = probeAnswers.shift() ?? true;
      events.push(`probe ${answer ? 'up' : 'down'} at ${nowMs}`);
      return answer;
    },
    onPause: () => events.push(`pause at ${nowMs}`),
    onResume: () => events.push(`resume at ${nowMs}`),
  });
  const heartbeat = async (): Promise<void> => {};
  return { guard, events, heartbeat, setNow: (ms: number) => (nowMs = ms) };
}

describe('createOutageGuard', () => {
  it('lets writes through while failures are younger than outageAfterMs', async () => {
    const { guard, events, heartbeat, setNow } = setup([]);
    guard.recordFailure();
    setNow(9_999);
    guard.recordFailure();
    expect(await guard.waitForSink(new AbortController().signal, heartbeat)).toBe(true);
    expect(events).toEqual([]);
  });

  it('a success resets the outage clock', async () => {
    const { guard, events, heartbeat, setNow } = setup([]);
    guard.recordFailure();
    setNow(8_000);
    guard.recordSuccess();
    guard.recordFailure();
    setNow(15_000);
    expect(await guard.waitForSink(new AbortController().signal, heartbeat)).toBe(true);
    expect(events).toEqual([]);
  });

  it('pauses after continuous failures, probes every second and resumes once healthy', async () => {
    const { guard, events, heartbeat, setNow } = setup([false, false, true]);
    guard.recordFailure();
    setNow(10_000);
    const first = guard.waitForSink(new AbortController().signal, heartbeat);
    expect(guard.isPaused()).toBe(true);
    const second = guard.waitForSink(new AbortController().signal, heartbeat);
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(guard.isPaused()).toBe(false);
    expect(events).toEqual(['pause at 10000', 'probe down at 11000', 'probe down at 12000', 'probe up at 13000', 'resume at 13000']);
    // After a resume the clock starts again: one failure does not pause at once.
    guard.recordFailure();
    expect(await guard.waitForSink(new AbortController().signal, heartbeat)).toBe(true);
    expect(events).toHaveLength(5);
  });

  it('gives up waiting when its signal aborts', async () => {
    const { guard, events, heartbeat, setNow } = setup([false]);
    guard.recordFailure();
    setNow(10_000);
    const controller = new AbortController();
    controller.abort();
    expect(await guard.waitForSink(controller.signal, heartbeat)).toBe(false);
    expect(events).toEqual(['pause at 10000', 'resume at 10000']);
  });
});
