/** The store's answer to a trivial query, as `/readyz` last saw it. */
export type StoreCheck = { ok: true; checkedAtMs: number } | { ok: false; checkedAtMs: number; message: string };

export interface StoreCheckOptions {
  /** Resolves when the database answers; rejects when it cannot be reached. */
  ping: () => Promise<void>;
  nowMs?: () => number;
  /** A probe every few seconds from each kubelet must not become a query each. */
  cacheMs?: number;
  /** A database that hangs counts as unreachable after this. */
  timeoutMs?: number;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const DEFAULT_STORE_CHECK = { cacheMs: 5_000, timeoutMs: 2_000 } as const;

/** `current()` answers from the last check while it is fresh, else runs one (one at a time, however many probes wait). */
export function createStoreCheck(options: StoreCheckOptions): { current(): Promise<StoreCheck> } {
  const nowMs = options.nowMs ?? Date.now;
  const cacheMs = options.cacheMs ?? DEFAULT_STORE_CHECK.cacheMs;
  const timeoutMs = options.timeoutMs ?? DEFAULT_STORE_CHECK.timeoutMs;
  const setTimer = options.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs).unref());
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let last: StoreCheck | null = null;
  let inFlight: Promise<StoreCheck> | null = null;

  async function check(): Promise<StoreCheck> {
    let timer: unknown = null;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimer(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([options.ping(), timeout]);
      return { ok: true, checkedAtMs: nowMs() };
    } catch (error) {
      return { ok: false, checkedAtMs: nowMs(), message: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimer(timer);
    }
  }

  return {
    current() {
      if (last !== null && nowMs() - last.checkedAtMs < cacheMs) return Promise.resolve(last);
      inFlight ??= check().then((result) => {
        last = result;
        inFlight = null;
        return result;
      });
      return inFlight;
    },
  };
}
