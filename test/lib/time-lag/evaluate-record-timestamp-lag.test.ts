import { describe, expect, it } from 'vitest';
import { evaluateRecordTimestampLag } from '../../../lib/time-lag/evaluate-record-timestamp-lag';

describe('evaluateRecordTimestampLag', () => {
  const cases = [
    { desc: 'age of the record at the committed offset', input: { recordTimestampMs: 1_000, nowMs: 4_500 }, expected: { kind: 'measured', seconds: 3.5 } },
    { desc: 'a record from this very millisecond', input: { recordTimestampMs: 4_500, nowMs: 4_500 }, expected: { kind: 'measured', seconds: 0 } },
    { desc: 'a record from the future: zero, flagged with the skew', input: { recordTimestampMs: 5_000, nowMs: 4_000 }, expected: { kind: 'clock-skew', seconds: 0, recordAheadMs: 1_000 } },
    { desc: 'Kafka NO_TIMESTAMP (-1)', input: { recordTimestampMs: -1, nowMs: 4_000 }, expected: { kind: 'unknown', reason: 'no-timestamp' } },
    { desc: 'a NaN timestamp', input: { recordTimestampMs: NaN, nowMs: 4_000 }, expected: { kind: 'unknown', reason: 'invalid-time' } },
    { desc: 'an infinite now', input: { recordTimestampMs: 1_000, nowMs: Infinity }, expected: { kind: 'unknown', reason: 'invalid-time' } },
  ];
  it.each(cases)('$desc', ({ input, expected }) =>
    expect(evaluateRecordTimestampLag(input.recordTimestampMs, input.nowMs)).toEqual(expected),
  );
});
