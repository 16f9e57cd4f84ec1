/** Lag of one consumer group on one partition, in messages, from the three offsets Kafka reports. */

export interface PartitionOffsets {
  logStartOffset: bigint;
  logEndOffset: bigint;
  /** null when the group has never committed on this partition (kafkajs "-1"). */
  committedOffset: bigint | null;
}

export type PartitionLag =
  /** What a consumer starting from earliest would face; there is no lag without a position. */
  | { kind: 'no-commit'; retainedMessages: bigint }
  /** The committed position was deleted by retention: `lostMessages` were never consumed. */
  | { kind: 'lost-to-retention'; lagMessages: bigint; lostMessages: bigint }
  | { kind: 'ok'; lagMessages: bigint; committedAheadOfEnd: boolean };

export function evaluatePartitionLag({ logStartOffset, logEndOffset, committedOffset }: PartitionOffsets): PartitionLag {
  // Start and end come from two separate ListOffsets rounds, so start may exceed a stale end:
  // every difference is clamped at zero rather than trusted.
  if (committedOffset === null) {
    return { kind: 'no-commit', retainedMessages: atLeastZero(logEndOffset - logStartOffset) };
  }
  if (committedOffset < logStartOffset) {
    return {
      kind: 'lost-to-retention',
      lagMessages: atLeastZero(logEndOffset - logStartOffset),
      lostMessages: logStartOffset - committedOffset,
    };
  }
  // Committed past the end happens transiently (truncation, or the end read before the commit).
  return {
    kind: 'ok',
    lagMessages: atLeastZero(logEndOffset - committedOffset),
    committedAheadOfEnd: committedOffset > logEndOffset,
  };
}

function atLeastZero(value: bigint): bigint {
  return value < 0n ? 0n : value;
}
