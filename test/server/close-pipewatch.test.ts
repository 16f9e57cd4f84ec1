import { describe, expect, it } from 'vitest';
import { closePipewatch } from '../../server/close-pipewatch';

function part(name: string, calls: string[]) {
  // Each step takes a turn of the event loop, so a step not awaited would show out of order.
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    calls.push(name);
  };
}

describe('closePipewatch', () => {
  const cases = [
    {
      desc: 'with the dashboard: the collection stops, the recording and the store finish, then the sockets, the port and Next',
      input: ['collection', 'recording', 'incidents', 'live', 'http', 'next'],
      expected: ['collection', 'recording', 'incidents', 'live', 'http', 'next'],
    },
    { desc: 'collect only: the collection, then the port', input: ['collection', 'http'], expected: ['collection', 'http'] },
  ];
  it.each(cases)('$desc', async ({ input, expected }) => {
    const calls: string[] = [];
    const closable = (name: string) => (input.includes(name) ? { close: part(name, calls) } : null);
    await closePipewatch({
      collection: { stop: part('collection', calls) },
      recording: input.includes('recording') ? part('recording', calls) : undefined,
      incidents: closable('incidents'),
      live: closable('live'),
      http: { close: part('http', calls) },
      next: closable('next'),
    });
    expect(calls).toEqual(expected);
  });
});
