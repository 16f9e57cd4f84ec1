import { describe, expect, it } from 'vitest';
import { formatIncidentCursor, parseIncidentCursor } from '../../../lib/incidents/incident-cursor';

describe('incident cursor', () => {
  const cases: { desc: string; input: string; expected: ReturnType<typeof parseIncidentCursor> }[] = [
    { desc: 'its own format, an id with slashes and colons', input: formatIncidentCursor({ openedAtMs: 1_800_000_002_000, id: 'a:b/slow-sink/1' }), expected: { openedAtMs: 1_800_000_002_000, id: 'a:b/slow-sink/1' } },
    { desc: 'no time', input: ':x', expected: null },
    { desc: 'no id', input: '12:', expected: null },
    { desc: 'a time that is not digits', input: '1e3:x', expected: null },
    { desc: 'no colon', input: 'yesterday', expected: null },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(parseIncidentCursor(input)).toEqual(expected));
});
