import { describe, expect, it } from 'vitest';
import type { PruneOptions, PruneSummary } from '../../lib/incidents/incident-store';
import { createStoreRetention, formatPruneLine } from '../../server/store-retention';
import { recordingLogger } from '../support/recording-logger';

const T0 = 1_800_000_000_000;
const DAY_MS = 86_400_000;
const batch = (over: Partial<PruneSummary>): PruneSummary => ({ incidents: 0, timelineEntries: 0, evidencePoints: 0, externalAlerts: 0, mutes: 0, more: false, ...over });

/** Timers the test fires by hand, and a store that answers the batches it is given. */
function harness(batches: (PruneSummary | Error)[]) {
  const timers: { callback: () => void; delayMs: number }[] = [];
  const calls: { nowMs: number; options: PruneOptions }[] = [];
  const { log, messages: lines } = recordingLogger();
  const cleared: unknown[] = [];
  const retention = createStoreRetention({
    store: {
      pruneExpired: async (nowMs, options) => {
        calls.push({ nowMs, options });
        const next = batches.shift() ?? batch({});
        if (next instanceof Error) throw next;
        return next;
      },
    },
    retentionMs: 90 * DAY_MS,
    log,
    nowMs: () => T0,
    setTimer: (callback, delayMs) => {
      timers.push({ callback, delayMs });
      // The pause between batches resolves at once; the schedule's timers wait for the test.
      if (delayMs === 100) callback();
      return timers.length;
    },
    clearTimer: (handle) => void cleared.push(handle),
  });
  return { retention, timers, calls, lines, cleared };
}

describe('createStoreRetention', () => {
  const passes = [
    { desc: 'nothing expired: one batch, no log line', input: [batch({})], expected: { calls: 1, lines: [] as string[] } },
    {
      desc: 'a backlog: batches until the store says no more, one line for the pass',
      input: [batch({ incidents: 200, timelineEntries: 2_200, evidencePoints: 12_000, more: true }), batch({ incidents: 13, timelineEntries: 143, evidencePoints: 780, externalAlerts: 2, mutes: 1 })],
      expected: {
        calls: 2,
        lines: ['store retention: deleted 213 incidents resolved before 2026-10-17T08:00:00.000Z (2,343 timeline entries, 12,780 evidence points), 2 external alerts, 1 mute in 2 batches'],
      },
    },
    {
      desc: 'a failing database: logged once, the pass ends',
      input: [new Error('connection terminated')],
      expected: { calls: 1, lines: ['store retention: cannot delete expired incidents (connection terminated); trying again at the next pass'] },
    },
  ];
  it.each(passes)('$desc', async ({ input, expected }) => {
    const { retention, calls, lines } = harness([...input]);
    await retention.runPass();
    expect(calls.length).toBe(expected.calls);
    expect(calls.every((c) => c.nowMs === T0 && c.options.retentionMs === 90 * DAY_MS && c.options.batchSize === 200)).toBe(true);
    expect(lines).toEqual(expected.lines);
  });

  it('stops a pass at maxBatchesPerPass: the rest waits for the next pass', async () => {
    const { retention, calls } = harness(Array.from({ length: 500 }, () => batch({ incidents: 200, more: true })));
    const totals = await retention.runPass();
    expect([calls.length, totals.batches, totals.incidents]).toEqual([100, 100, 20_000]);
  });

  it('runs the first pass after firstDelayMs, then every everyMs; stop ends the schedule', async () => {
    const { retention, timers, calls, cleared } = harness([]);
    retention.start();
    expect(timers.map((t) => t.delayMs)).toEqual([60_000]);
    timers[0]!.callback();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.length).toBe(1);
    expect(timers.map((t) => t.delayMs)).toEqual([60_000, 300_000]);
    await retention.stop();
    expect(cleared).toEqual([2]);
    // A pass asked for after stop deletes nothing.
    expect((await retention.runPass()).batches).toBe(0);
  });

  it('formats one line per pass', () => {
    expect(formatPruneLine({ incidents: 1, timelineEntries: 1, evidencePoints: 1, externalAlerts: 0, mutes: 0, batches: 1 }, T0)).toBe(
      'store retention: deleted 1 incident resolved before 2027-01-15T08:00:00.000Z (1 timeline entry, 1 evidence point), 0 external alerts, 0 mutes in 1 batch',
    );
  });
});
