/**
 * The other way to get lag in seconds: read the record at the committed offset and compare its
 * timestamp with now. Exact when clocks agree, but costs a fetch per partition and trusts the
 * producer's clock (CreateTime) — kept so a benchmark can compare it with the table estimate.
 * Only meaningful when there is a record at the committed offset, i.e. the group is not caught up.
 */

export type RecordTimestampLag =
  | { kind: 'measured'; seconds: number }
  /** The record claims to come from the future: the producer's or broker's clock is ahead of ours. */
  | { kind: 'clock-skew'; seconds: 0; recordAheadMs: number }
  | { kind: 'unknown'; reason: 'no-timestamp' | 'invalid-time' };

export function evaluateRecordTimestampLag(recordTimestampMs: number, nowMs: number): RecordTimestampLag {
  if (!Number.isFinite(recordTimestampMs) || !Number.isFinite(nowMs)) return { kind: 'unknown', reason: 'invalid-time' };
  // Kafka writes -1 (NO_TIMESTAMP) for records from before message format v1.
  if (recordTimestampMs < 0) return { kind: 'unknown', reason: 'no-timestamp' };
  const ageMs = nowMs - recordTimestampMs;
  if (ageMs < 0) return { kind: 'clock-skew', seconds: 0, recordAheadMs: -ageMs };
  return { kind: 'measured', seconds: ageMs / 1000 };
}
