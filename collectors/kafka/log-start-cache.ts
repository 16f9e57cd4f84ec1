/**
 * Log start offsets, kept between cycles. A partition's log start moves only when retention or
 * DeleteRecords removes a segment, so reading it every cycle doubles ListOffsets for nothing;
 * it is read again every `everyCycles` cycles, and at once for a partition where a group's
 * committed offset is near it, where the next deletion would cost that group records.
 */

export interface LogStartEntry {
  logStartOffset: bigint;
  readAtCycle: number;
}

export interface LogStartQuestion {
  cached: LogStartEntry | undefined;
  /** The end offset read this cycle or the last; undefined before the first read. */
  logEndOffset: bigint | undefined;
  /** Committed offsets of every group on the partition (null: nothing committed). */
  committed: readonly (bigint | null)[];
  cycle: number;
  everyCycles: number;
}

/** Whether the partition's log start must be read this cycle. */
export function isLogStartDue({ cached, logEndOffset, committed, cycle, everyCycles }: LogStartQuestion): boolean {
  if (cached === undefined || logEndOffset === undefined) return true;
  if (cycle - cached.readAtCycle >= everyCycles) return true;
  const retained = logEndOffset - cached.logStartOffset;
  // "Near": the committed position lies in the oldest tenth of what the partition retains, or below it.
  return committed.some((offset) => offset !== null && (offset - cached.logStartOffset) * 10n < retained);
}

/** Keyed by topic id and partition, so a topic deleted and created again starts afresh. */
export class LogStartCache {
  private readonly entries = new Map<string, LogStartEntry & { logEndOffset?: bigint }>();

  get(topicId: string, partition: number): (LogStartEntry & { logEndOffset?: bigint }) | undefined {
    return this.entries.get(key(topicId, partition));
  }

  setLogStart(topicId: string, partition: number, logStartOffset: bigint, cycle: number): void {
    const entry = this.entries.get(key(topicId, partition));
    this.entries.set(key(topicId, partition), { ...entry, logStartOffset, readAtCycle: cycle });
  }

  setLogEnd(topicId: string, partition: number, logEndOffset: bigint): void {
    const entry = this.entries.get(key(topicId, partition));
    if (entry) entry.logEndOffset = logEndOffset;
  }

  /** Drops partitions of topics no longer sampled, so the cache stays the size of the sample. */
  retain(liveKeys: ReadonlySet<string>): void {
    for (const k of this.entries.keys()) if (!liveKeys.has(k)) this.entries.delete(k);
  }
}

export function key(topicId: string, partition: number): string {
  return `${topicId}/${partition}`;
}
