import { describe, expect, it } from 'vitest';
import { createNotifier, type FetchLike, type ResponseLike, type SetTimer } from '../../../collectors/notify/create-notifier';
import type { NotifyTarget } from '../../../lib/notify/notify-targets';
import { notificationOf, type Notification } from '../../../lib/notify/notification';
import { changesFor, T0 } from '../../lib/notify/incident-changes';
import { recordingLogger } from '../../support/recording-logger';

const SECRET_URL = 'https://hooks.slack.com/services/T000/B000/s3cr3t';

/** Timers run only when the test advances the clock. */
function fakeClock() {
  let nowMs = T0;
  let nextId = 0;
  const timers = new Map<number, { atMs: number; callback: () => void }>();
  const setTimer: SetTimer = (callback, delayMs) => {
    const id = nextId++;
    timers.set(id, { atMs: nowMs + delayMs, callback });
    return () => timers.delete(id);
  };
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => nowMs,
    setTimer,
    pending: () => timers.size,
    /** Runs due timers in time order, letting promises settle after each. */
    async advance(ms: number) {
      const untilMs = nowMs + ms;
      await settle();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.atMs <= untilMs).sort((a, b) => a[1].atMs - b[1].atMs)[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        nowMs = due[1].atMs;
        due[1].callback();
        await settle();
      }
      nowMs = untilMs;
      await settle();
    },
  };
}

type Reply = { status: number; retryAfter?: string } | 'network-error' | 'hang';

/** Answers from a script, the last reply repeating; records when each call came. */
function fakeFetch(clock: { now: () => number }, script: Reply[]) {
  const calls: { atMs: number; url: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = (url, init) => {
    calls.push({ atMs: clock.now(), url, body: JSON.parse(init.body), headers: init.headers });
    const reply = script[Math.min(calls.length - 1, script.length - 1)]!;
    if (reply === 'network-error') return Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
    if (reply === 'hang') return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const response: ResponseLike = { status: reply.status, headers: { get: (name) => (name === 'retry-after' ? (reply.retryAfter ?? null) : null) }, body: null };
    return Promise.resolve(response);
  };
  return { fetch, calls };
}

function target(id: string, url = SECRET_URL): NotifyTarget {
  return { id, kind: 'webhook', url, events: ['opened', 'escalated', 'resolved'], buildBody: (n) => ({ key: n.key }) };
}

const notifications: Notification[] = Array.from({ length: 10 }, (_, i) => notificationOf(changesFor(['slow-sink'], `p${i}`)[0]!)!);
const [FIRST] = notifications;

function setup(script: Reply[], options: { targets?: NotifyTarget[]; maxQueuedPerTarget?: number; random?: number } = {}) {
  const clock = fakeClock();
  const { fetch, calls } = fakeFetch(clock, script);
  const { log, messages: lines } = recordingLogger();
  const notifier = createNotifier({
    targets: options.targets ?? [target('ops')],
    fetch,
    setTimer: clock.setTimer,
    random: () => options.random ?? 0.5,
    now: clock.now,
    log,
    retry: { maxAttempts: 4, initialDelayMs: 1_000, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 },
    attemptTimeoutMs: 5_000,
    maxQueuedPerTarget: options.maxQueuedPerTarget ?? 100,
  });
  return { clock, calls, lines, notifier };
}

describe('createNotifier: retries', () => {
  const cases: { desc: string; input: Reply[]; expected: { callsAfterMs: number[]; delivered: number; failed: number; retries: number } }[] = [
    { desc: 'delivered at once', input: [{ status: 200 }], expected: { callsAfterMs: [0], delivered: 1, failed: 0, retries: 0 } },
    {
      desc: '503 twice, then accepted: waits 500 ms then 1 s (half of each doubling cap)',
      input: [{ status: 503 }, { status: 503 }, { status: 204 }],
      expected: { callsAfterMs: [0, 500, 1_500], delivered: 1, failed: 0, retries: 2 },
    },
    { desc: '429 with Retry-After waits as long as asked', input: [{ status: 429, retryAfter: '30' }, { status: 200 }], expected: { callsAfterMs: [0, 30_000], delivered: 1, failed: 0, retries: 1 } },
    { desc: '400 is given up at once', input: [{ status: 400 }], expected: { callsAfterMs: [0], delivered: 0, failed: 1, retries: 0 } },
    {
      desc: 'network errors until maxAttempts, then given up',
      input: ['network-error'],
      expected: { callsAfterMs: [0, 500, 1_500, 3_500], delivered: 0, failed: 1, retries: 3 },
    },
    {
      desc: 'a receiver that never answers times out per attempt, then is retried',
      input: ['hang', { status: 200 }],
      expected: { callsAfterMs: [0, 5_500], delivered: 1, failed: 0, retries: 1 },
    },
  ];

  it.each(cases)('$desc', async ({ input, expected }) => {
    const { clock, calls, notifier } = setup(input);
    notifier.enqueue({ targetId: 'ops', notification: FIRST! });
    await clock.advance(120_000);
    const stats = notifier.stats()[0]!;
    expect({ callsAfterMs: calls.map((c) => c.atMs - T0), delivered: stats.delivered, failed: stats.failed, retries: stats.retries }).toEqual(expected);
    expect(clock.pending()).toBe(0);
  });

  it('sends the body as JSON, with the URL given and no secret in any log line', async () => {
    const { clock, calls, lines, notifier } = setup([{ status: 503 }, 'network-error', { status: 400 }]);
    notifier.enqueue({ targetId: 'ops', notification: FIRST! });
    await clock.advance(60_000);
    expect(calls[0]).toEqual({ atMs: T0, url: SECRET_URL, body: { key: 'p0/slow-sink/1714564800000/opened' }, headers: { 'content-type': 'application/json', 'user-agent': 'pipewatch' } });
    expect(lines).toEqual([
      'notify ops: opened "p0/slow-sink/1714564800000": HTTP 503 on attempt 1; retrying in 500 ms',
      'notify ops: opened "p0/slow-sink/1714564800000": network error (fetch failed: ECONNREFUSED) on attempt 2; retrying in 1000 ms',
      'notify ops: opened "p0/slow-sink/1714564800000" not delivered: HTTP 400, not retried',
    ]);
  });
});

describe('createNotifier: queues', () => {
  it('sends one at a time per target, in order', async () => {
    const { clock, calls, notifier } = setup([{ status: 503 }, { status: 200 }]);
    for (const notification of notifications.slice(0, 3)) notifier.enqueue({ targetId: 'ops', notification });
    await clock.advance(60_000);
    expect(calls.map((c) => [(c.body as { key: string }).key.split('/')[0], c.atMs - T0])).toEqual([
      ['p0', 0],
      ['p0', 500],
      ['p1', 500],
      ['p2', 500],
    ]);
  });

  it('a dead receiver cannot grow memory: the oldest waiting are dropped and counted', async () => {
    const { clock, lines, notifier } = setup(['hang'], { maxQueuedPerTarget: 3 });
    const results = notifications.map((notification) => notifier.enqueue({ targetId: 'ops', notification }).kind);
    await clock.advance(1_000);
    expect({ results, stats: notifier.stats()[0], lastLine: lines.at(-1) }).toEqual({
      results: ['queued', 'queued', 'queued', 'queued', 'queued-dropping-oldest', 'queued-dropping-oldest', 'queued-dropping-oldest', 'queued-dropping-oldest', 'queued-dropping-oldest', 'queued-dropping-oldest'],
      stats: { targetId: 'ops', queued: 3, inFlight: true, delivered: 0, failed: 0, retries: 0, dropped: 6 },
      lastLine: 'notify ops: queue full (3 waiting, receiver slow or down): dropped the oldest, opened "p6/slow-sink/1714564800000"; 6 dropped so far',
    });
  });

  it('a dead target does not hold up another', async () => {
    const clock = fakeClock();
    const dead = fakeFetch(clock, ['hang']);
    const alive = fakeFetch(clock, [{ status: 200 }]);
    const notifier = createNotifier({
      targets: [target('dead', 'http://dead.invalid/hook'), target('alive', 'http://alive.invalid/hook')],
      fetch: (url, init) => (url.includes('dead') ? dead.fetch(url, init) : alive.fetch(url, init)),
      setTimer: clock.setTimer,
      random: () => 0.5,
      now: clock.now,
    });
    for (const notification of notifications.slice(0, 3)) {
      notifier.enqueue({ targetId: 'dead', notification });
      notifier.enqueue({ targetId: 'alive', notification });
    }
    await clock.advance(100);
    expect(notifier.stats().map((s) => [s.targetId, s.delivered, s.queued, s.inFlight])).toEqual([
      ['dead', 0, 2, true],
      ['alive', 3, 0, false],
    ]);
  });

  it('an unknown target is refused', () => {
    expect(setup([{ status: 200 }]).notifier.enqueue({ targetId: 'nope', notification: FIRST! })).toEqual({ kind: 'unknown-target' });
  });

  it('stop aborts what is in flight, drops what waits, and idle resolves', async () => {
    const { clock, calls, notifier } = setup([{ status: 503 }]);
    for (const notification of notifications.slice(0, 4)) notifier.enqueue({ targetId: 'ops', notification });
    await clock.advance(100);
    notifier.stop();
    await notifier.idle();
    await clock.advance(60_000);
    expect({ calls: calls.length, stats: notifier.stats()[0], timers: clock.pending(), after: notifier.enqueue({ targetId: 'ops', notification: FIRST! }) }).toEqual({
      calls: 1,
      stats: { targetId: 'ops', queued: 0, inFlight: false, delivered: 0, failed: 0, retries: 1, dropped: 4 },
      timers: 0,
      after: { kind: 'stopped' },
    });
  });

  it('idle resolves once everything is delivered', async () => {
    const { clock, notifier } = setup([{ status: 503 }, { status: 200 }]);
    notifier.enqueue({ targetId: 'ops', notification: FIRST! });
    let idle = false;
    void notifier.idle().then(() => (idle = true));
    await clock.advance(100);
    const before = idle;
    await clock.advance(1_000);
    expect([before, idle]).toEqual([false, true]);
  });
});

describe('createNotifier: drain for a shutdown', () => {
  const resolvedOf = (i: number) => notificationOf(changesFor(['slow-sink', 'healthy', 'healthy', 'healthy'], `r${i}`).find((c) => c.kind === 'resolved')!)!;

  it('sends what is queued, resolves first, and answers idle once the queues are empty', async () => {
    const { clock, calls, notifier } = setup(['hang', { status: 200 }]);
    const resolved = resolvedOf(1);
    for (const notification of [FIRST!, notifications[1]!, resolved]) notifier.enqueue({ targetId: 'ops', notification });
    const drained = notifier.drain(30_000);
    await clock.advance(30_000);
    expect(await drained).toBe('idle');
    // The first was already in flight; of the two waiting, the resolve went out first.
    expect(calls.map((c) => (c.body as { key: string }).key)).toEqual([FIRST!.key, FIRST!.key, resolved.key, notifications[1]!.key]);
  });

  it('answers timed-out when the deadline comes first; stop then drops and counts what is left', async () => {
    const { clock, notifier } = setup(['hang']);
    notifier.enqueue({ targetId: 'ops', notification: FIRST! });
    notifier.enqueue({ targetId: 'ops', notification: notifications[1]! });
    const drained = notifier.drain(2_000);
    await clock.advance(2_000);
    expect(await drained).toBe('timed-out');
    notifier.stop();
    expect(notifier.stats()[0]).toMatchObject({ delivered: 0, dropped: 2, queued: 0, inFlight: false });
  });
});
