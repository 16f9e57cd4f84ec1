/** One sampling cycle's reading of a partition's log-end offset: a row of the offset-time table. */
export interface OffsetObservation {
  readonly logEndOffset: bigint;
  readonly observedAtMs: number;
}

/** Oldest first; log-end offsets never decrease and times strictly increase. */
export type OffsetTimeTable = readonly OffsetObservation[];
