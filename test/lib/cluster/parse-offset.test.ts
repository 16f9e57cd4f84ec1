import { describe, expect, it } from 'vitest';
import { parseOffset } from '../../../lib/cluster/parse-offset';

describe('parseOffset', () => {
  const cases = [
    { desc: 'zero', input: '0', expected: { ok: true, offset: 0n } },
    { desc: 'an ordinary offset', input: '42', expected: { ok: true, offset: 42n } },
    { desc: 'beyond 2^53 stays exact', input: '9007199254740993', expected: { ok: true, offset: 9_007_199_254_740_993n } },
    { desc: 'int64 max', input: '9223372036854775807', expected: { ok: true, offset: 9_223_372_036_854_775_807n } },
    { desc: '"-1" means nothing committed', input: '-1', expected: { ok: true, offset: null } },
    { desc: 'empty string (BigInt would say 0n)', input: '', expected: invalid('', 'not-an-integer') },
    { desc: 'surrounding whitespace (BigInt would accept it)', input: ' 7 ', expected: invalid(' 7 ', 'not-an-integer') },
    { desc: 'a fraction', input: '1.5', expected: invalid('1.5', 'not-an-integer') },
    { desc: 'exponent notation', input: '1e3', expected: invalid('1e3', 'not-an-integer') },
    { desc: 'hex (BigInt would accept it)', input: '0x10', expected: invalid('0x10', 'not-an-integer') },
    { desc: 'words', input: 'latest', expected: invalid('latest', 'not-an-integer') },
    { desc: 'another negative sentinel', input: '-2', expected: invalid('-2', 'negative') },
    { desc: 'above int64 max', input: '9223372036854775808', expected: invalid('9223372036854775808', 'out-of-range') },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(parseOffset(input)).toEqual(expected));
});

function invalid(text: string, reason: string) {
  return { ok: false, error: { kind: 'invalid-offset', text, reason } };
}
