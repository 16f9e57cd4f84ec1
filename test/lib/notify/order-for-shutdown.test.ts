import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../lib/notify/notification';
import { orderForShutdown } from '../../../lib/notify/order-for-shutdown';

const n = (event: Notification['event'], incidentId: string): Notification => ({ event, key: `${incidentId}/${event}`, atMs: 0, incident: { id: incidentId } as Notification['incident'] });
const keys = (list: readonly Notification[]) => list.map((x) => x.key);

describe('orderForShutdown', () => {
  const cases = [
    { desc: 'resolves move ahead, the rest keep their order', input: [n('opened', 'a'), n('escalated', 'b'), n('resolved', 'c'), n('opened', 'd'), n('resolved', 'e')], expected: ['c/resolved', 'e/resolved', 'a/opened', 'b/escalated', 'd/opened'] },
    { desc: "a resolve stays behind its own incident's opened", input: [n('opened', 'a'), n('resolved', 'b'), n('resolved', 'a')], expected: ['b/resolved', 'a/opened', 'a/resolved'] },
    { desc: 'nothing to reorder', input: [n('opened', 'a'), n('opened', 'b')], expected: ['a/opened', 'b/opened'] },
    { desc: 'empty', input: [], expected: [] },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(keys(orderForShutdown(input))).toEqual(expected);
  });
});
