import type { Logger } from '../lib/log/logger';
import type { FlushOutcome } from './incident-service';

/** What a running Pipewatch closes on the way out; absent parts (no dashboard) are skipped. */
export interface ClosableParts {
  collection: { stop(): Promise<void> };
  /** The incident recording still under way: every finished cycle is stored before the store closes. */
  recording?: () => Promise<void>;
  incidents?: { flush(timeoutMs: number): Promise<FlushOutcome>; close(): Promise<void> } | null;
  /** Given up once the last changes are stored, so another replica takes over without waiting for the lease to lapse. */
  leadership?: { release(): Promise<void> } | null;
  live?: { clients(): number; close(options: { timeoutMs: number }): Promise<void> } | null;
  http: { stopAccepting(): void; close(): Promise<void> };
  next?: { close(): Promise<void> } | null;
  log: Logger;
  /** The whole shutdown's budget (server.shutdownTimeout); steps past it are cut short, not skipped. */
  deadlineMs: number;
  nowMs?: () => number;
}

/** How long live clients get to answer the close frame before their sockets are cut. */
const LIVE_CLOSE_MS = 1_000;

/**
 * The one ordered shutdown (SIGTERM, Ctrl-C, a test's close): no new connection is accepted, live
 * clients are told to reconnect elsewhere (close 1001), the running cycle finishes and is recorded,
 * held store writes and queued notifications go out (resolves first) within the deadline, then the
 * store, the port and Next close. Each step is logged with its duration.
 */
export async function closePipewatch(parts: ClosableParts): Promise<void> {
  const nowMs = parts.nowMs ?? Date.now;
  const { log } = parts;
  const endsAtMs = nowMs() + parts.deadlineMs;
  const remainingMs = () => Math.max(0, endsAtMs - nowMs());

  async function step(name: string, run: () => Promise<Record<string, unknown> | void>): Promise<void> {
    const startedMs = nowMs();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), remainingMs());
    });
    try {
      const outcome = await Promise.race([run(), timedOut]);
      if (outcome === 'timed-out') log.warn(`shutdown: ${name} cut short: the ${parts.deadlineMs} ms deadline is up`, { step: name, durationMs: nowMs() - startedMs });
      else log.info(`shutdown: ${name}`, { step: name, durationMs: nowMs() - startedMs, ...outcome });
    } catch (error) {
      log.error(`shutdown: ${name} failed: ${(error as Error).message}`, { step: name, durationMs: nowMs() - startedMs });
    } finally {
      clearTimeout(timer);
    }
  }

  await step('stopped accepting connections', async () => parts.http.stopAccepting());
  if (parts.live) {
    const live = parts.live;
    await step('told live clients to reconnect elsewhere', async () => {
      const clients = live.clients();
      await live.close({ timeoutMs: Math.min(LIVE_CLOSE_MS, remainingMs()) });
      return { clients };
    });
  }
  await step('finished the running cycle', () => parts.collection.stop());
  if (parts.recording) await step('recorded the last cycles', parts.recording);
  if (parts.incidents) {
    const incidents = parts.incidents;
    await step('flushed store writes and queued notifications', async () => ({ ...(await incidents.flush(remainingMs())) }));
  }
  // After the last write and notification, before the store closes: the next leader starts from
  // everything this one recorded, without waiting for the lease to lapse.
  if (parts.leadership) await step('gave up leadership', () => parts.leadership!.release());
  if (parts.incidents) await step('closed the store', () => parts.incidents!.close());
  await step('closed the port', () => parts.http.close());
  if (parts.next) await step('closed Next', () => parts.next!.close());
}
