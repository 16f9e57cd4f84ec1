import { describe, expect, it } from 'vitest';
import { parseFloatPoint, parseLabels, parseSampleValue, parseTimestampMs } from '../../../collectors/prometheus/parse-sample';

describe('parseSampleValue', () => {
  const values = [
    { desc: 'an integer', input: '1', expected: 1 },
    { desc: 'a decimal', input: '1.5', expected: 1.5 },
    { desc: 'a negative', input: '-0.25', expected: -0.25 },
    { desc: 'a leading plus', input: '+3', expected: 3 },
    { desc: "Go's small-number exponent form", input: '1e-07', expected: 1e-7 },
    { desc: "Go's large-number exponent form", input: '1.5e+21', expected: 1.5e21 },
    { desc: 'a leading dot', input: '.5', expected: 0.5 },
    { desc: 'negative zero stays negative zero', input: '-0', expected: -0 },
    { desc: 'NaN', input: 'NaN', expected: NaN },
    { desc: '+Inf', input: '+Inf', expected: Infinity },
    { desc: 'Inf without sign', input: 'Inf', expected: Infinity },
    { desc: '-Inf', input: '-Inf', expected: -Infinity },
  ];
  it.each(values)('$desc', ({ input, expected }) => expect(parseSampleValue(input, 'v')).toEqual({ ok: true, value: expected }));

  const rejected = [
    { desc: 'empty (Number would say 0)', input: '', expected: 'v: expected a float, "NaN", "+Inf" or "-Inf", got ""' },
    { desc: 'padded (Number would trim)', input: ' 1', expected: 'v: expected a float, "NaN", "+Inf" or "-Inf", got " 1"' },
    { desc: 'hex (Number would accept)', input: '0x10', expected: 'v: expected a float, "NaN", "+Inf" or "-Inf", got "0x10"' },
    { desc: "JavaScript's spelling of infinity", input: 'Infinity', expected: 'v: expected a float, "NaN", "+Inf" or "-Inf", got "Infinity"' },
    { desc: 'lower-case nan', input: 'nan', expected: 'v: expected a float, "NaN", "+Inf" or "-Inf", got "nan"' },
    { desc: 'a decimal comma', input: '1,5', expected: 'v: expected a float, "NaN", "+Inf" or "-Inf", got "1,5"' },
    { desc: 'a JSON number instead of a string', input: 1.5, expected: 'v: expected a sample value string, got number 1.5' },
    { desc: 'null', input: null, expected: 'v: expected a sample value string, got null' },
  ];
  it.each(rejected)('rejects $desc', ({ input, expected }) => expect(parseSampleValue(input, 'v')).toEqual({ ok: false, problem: expected }));
});

describe('parseTimestampMs', () => {
  const cases = [
    { desc: 'seconds with milliseconds', input: 1435781451.781, expected: { ok: true, value: 1_435_781_451_781 } },
    { desc: 'whole seconds', input: 1435781451, expected: { ok: true, value: 1_435_781_451_000 } },
    { desc: 'before the epoch', input: -1.5, expected: { ok: true, value: -1_500 } },
    { desc: 'a string', input: '1435781451.781', expected: { ok: false, problem: 't: expected unix seconds as a number, got "1435781451.781"' } },
    { desc: 'missing', input: undefined, expected: { ok: false, problem: 't: expected unix seconds as a number, got nothing' } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(parseTimestampMs(input, 't')).toEqual(expected));
});

describe('parseLabels and parseFloatPoint', () => {
  const cases = [
    { desc: 'labels', input: () => parseLabels({ __name__: 'up', job: 'kafka' }, 'm'), expected: { ok: true, value: { __name__: 'up', job: 'kafka' } } },
    { desc: 'no labels', input: () => parseLabels({}, 'm'), expected: { ok: true, value: {} } },
    { desc: 'a numeric label value', input: () => parseLabels({ partition: 3 }, 'm'), expected: { ok: false, problem: 'm.partition: expected a label value string, got number 3' } },
    { desc: 'labels as an array', input: () => parseLabels(['a'], 'm'), expected: { ok: false, problem: 'm: expected a label object, got an array of 1' } },
    { desc: 'a point', input: () => parseFloatPoint([10.5, '2'], 'p'), expected: { ok: true, value: { timestampMs: 10_500, value: 2 } } },
    { desc: 'a point of three', input: () => parseFloatPoint([10.5, '2', '3'], 'p'), expected: { ok: false, problem: 'p: expected [unix seconds, value], got an array of 3' } },
    { desc: 'a point with a bad value', input: () => parseFloatPoint([10.5, 'x'], 'p'), expected: { ok: false, problem: 'p[1]: expected a float, "NaN", "+Inf" or "-Inf", got "x"' } },
  ];
  it.each(cases)('$desc', ({ input, expected }) => expect(input()).toEqual(expected));
});
