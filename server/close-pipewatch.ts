/** What a running Pipewatch closes on the way out; absent parts (no dashboard) are skipped. */
export interface ClosableParts {
  collection: { stop(): Promise<void> };
  /** The incident recording still under way: every finished cycle is stored before the store closes. */
  recording?: () => Promise<void>;
  incidents?: { close(): Promise<void> } | null;
  /** Given up once the last changes are stored, so another replica takes over without waiting for the lease to lapse. */
  leadership?: { release(): Promise<void> } | null;
  live?: { close(): Promise<void> } | null;
  http: { close(): Promise<void> };
  next?: { close(): Promise<void> } | null;
}

/**
 * The one ordered shutdown: no new cycle starts, the last cycles' incidents are stored (and the
 * store closed), leadership is given up, live clients are told goodbye, then the port and Next close.
 */
export async function closePipewatch(parts: ClosableParts): Promise<void> {
  await parts.collection.stop();
  await parts.recording?.();
  await parts.incidents?.close();
  await parts.leadership?.release();
  await parts.live?.close();
  await parts.http.close();
  await parts.next?.close();
}
