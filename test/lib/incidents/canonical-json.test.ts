import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../lib/incidents/canonical-json';

describe('canonicalJson', () => {
  const cases: { desc: string; input: unknown; expected: string }[] = [
    { desc: 'keys sorted at every level', input: { b: 1, a: { d: [{ y: 1, x: 2 }], c: null } }, expected: '{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}' },
    { desc: 'undefined members left out, as JSON.stringify does', input: { a: undefined, b: 2 }, expected: '{"b":2}' },
    { desc: 'array order kept', input: [3, 1, 2], expected: '[3,1,2]' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(canonicalJson(input)).toBe(expected));
});
