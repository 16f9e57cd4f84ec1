import type { IncidentStore, PruneSummary } from '../lib/incidents/incident-store';
import type { Logger } from '../lib/log/logger';
import { formatCount } from '../lib/units/format-units';

export interface StoreRetentionOptions {
  store: Pick<IncidentStore, 'pruneExpired'>;
  retentionMs: number;
  log: Logger;
  /** Incidents per transaction: at the benchmark's shape a batch of 200 takes tens of milliseconds. */
  batchSize?: number;
  /** Between passes; the first waits `firstDelayMs` so a start is not slowed by a backlog. */
  everyMs?: number;
  firstDelayMs?: number;
  /** Between two batches of one pass: collection cycles write in the gaps. */
  pauseMs?: number;
  /** Batches in one pass at most; a larger backlog continues at the next pass. */
  maxBatchesPerPass?: number;
  nowMs?: () => number;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface StoreRetention {
  start(): void;
  /** Runs one pass now (the timer's passes call this too); never rejects: a failure is logged. */
  runPass(): Promise<PruneTotals>;
  /** No pass starts after this; resolves once a running batch has finished. */
  stop(): Promise<void>;
}

export type PruneTotals = Omit<PruneSummary, 'more'> & { batches: number };

export const DEFAULT_RETENTION_SCHEDULE = { batchSize: 200, everyMs: 5 * 60_000, firstDelayMs: 60_000, pauseMs: 100, maxBatchesPerPass: 100 } as const;

/** Deletes what is past `store.retention` in the background, a small batch at a time, and logs each pass that deleted something. */
export function createStoreRetention(options: StoreRetentionOptions): StoreRetention {
  const { store, retentionMs, log } = options;
  const { batchSize, everyMs, firstDelayMs, pauseMs, maxBatchesPerPass } = { ...DEFAULT_RETENTION_SCHEDULE, ...definedOnly(options) };
  const nowMs = options.nowMs ?? Date.now;
  const setTimer = options.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs).unref());
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let stopped = false;
  let running: Promise<PruneTotals> | null = null;
  let failing = false;

  const pause = () => new Promise<void>((resolve) => setTimer(resolve, pauseMs));

  async function pass(): Promise<PruneTotals> {
    const totals: PruneTotals = { incidents: 0, timelineEntries: 0, evidencePoints: 0, externalAlerts: 0, mutes: 0, batches: 0 };
    const atMs = nowMs();
    try {
      for (let more = true; more && !stopped && totals.batches < maxBatchesPerPass; ) {
        if (totals.batches > 0) await pause();
        const batch = await store.pruneExpired(atMs, { retentionMs, batchSize });
        totals.batches++;
        for (const key of ['incidents', 'timelineEntries', 'evidencePoints', 'externalAlerts', 'mutes'] as const) totals[key] += batch[key];
        more = batch.more;
      }
      if (failing) log.info('store retention: pruning again');
      failing = false;
    } catch (error) {
      if (!failing) log.warn(`store retention: cannot delete expired incidents (${(error as Error).message}); trying again at the next pass`);
      failing = true;
    }
    if (totals.incidents + totals.externalAlerts + totals.mutes > 0) log.info(formatPruneLine(totals, atMs - retentionMs));
    return totals;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimer(() => {
      timer = null;
      void runPass().then(() => schedule(everyMs));
    }, delayMs);
  }

  function runPass(): Promise<PruneTotals> {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    start() {
      if (timer === null && !stopped) schedule(firstDelayMs);
    },
    runPass,
    async stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      await running;
    },
  };
}

export function formatPruneLine(totals: PruneTotals, cutoffMs: number): string {
  const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;
  return (
    `store retention: deleted ${plural(totals.incidents, 'incident', 'incidents')} resolved before ${new Date(cutoffMs).toISOString()} ` +
    `(${plural(totals.timelineEntries, 'timeline entry', 'timeline entries')}, ${plural(totals.evidencePoints, 'evidence point', 'evidence points')}), ` +
    `${plural(totals.externalAlerts, 'external alert', 'external alerts')}, ${plural(totals.mutes, 'mute', 'mutes')} in ${plural(totals.batches, 'batch', 'batches')}`
  );
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
