import { describe, expect, it } from 'vitest';
import { closePipewatch, type ClosableParts } from '../../server/close-pipewatch';
import { recordingLogger } from '../support/recording-logger';

function part(name: string, calls: string[], delayMs = 1) {
  // Each step takes a turn of the event loop, so a step not awaited would show out of order.
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    calls.push(name);
  };
}

function parts(input: readonly string[], calls: string[], options: { deadlineMs?: number; collectionMs?: number } = {}): ClosableParts & { messages: string[] } {
  const { log, messages } = recordingLogger();
  const has = (name: string) => input.includes(name);
  return {
    collection: { stop: part('collection', calls, options.collectionMs) },
    recording: has('recording') ? part('recording', calls) : undefined,
    incidents: has('incidents')
      ? {
          flush: async () => {
            await part('flush', calls)();
            return { unrecordedChanges: 0, notificationsLeft: 0 };
          },
          close: part('store', calls),
        }
      : null,
    live: has('live') ? { clients: () => 2, close: part('live', calls) } : null,
    http: { stopAccepting: () => calls.push('stop accepting'), close: part('http', calls) },
    next: has('next') ? { close: part('next', calls) } : null,
    log,
    deadlineMs: options.deadlineMs ?? 10_000,
    messages,
  };
}

describe('closePipewatch', () => {
  const cases = [
    {
      desc: 'with the dashboard: no new connections, live clients told, the cycle finished and recorded, writes and notifications flushed, then the store, the port and Next',
      input: ['recording', 'incidents', 'live', 'next'],
      expected: ['stop accepting', 'live', 'collection', 'recording', 'flush', 'store', 'http', 'next'],
    },
    { desc: 'collect only: no new connections, the collection, then the port', input: [], expected: ['stop accepting', 'collection', 'http'] },
  ];
  it.each(cases)('$desc', async ({ input, expected }) => {
    const calls: string[] = [];
    await closePipewatch(parts(input, calls));
    expect(calls).toEqual(expected);
  });

  it('logs each step, and cuts a step short at the deadline instead of waiting for it', async () => {
    const calls: string[] = [];
    const closable = parts(['incidents'], calls, { deadlineMs: 50, collectionMs: 5_000 });
    await closePipewatch(closable);
    expect(closable.messages).toEqual([
      'shutdown: stopped accepting connections',
      'shutdown: finished the running cycle cut short: the 50 ms deadline is up',
      'shutdown: flushed store writes and queued notifications cut short: the 50 ms deadline is up',
      'shutdown: closed the store cut short: the 50 ms deadline is up',
      'shutdown: closed the port cut short: the 50 ms deadline is up',
    ]);
  });
});
