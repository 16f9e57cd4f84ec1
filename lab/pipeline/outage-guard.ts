import { abortableSleep, type Sleep } from './abortable-sleep';

/**
 * Turns "every write has failed for a while" into an explicit paused state: stop fetching, probe the
 * sink, resume when it answers. Shared by all partitions a consumer member processes concurrently.
 */
export interface OutageGuard {
  recordSuccess(): void;
  recordFailure(): void;
  /**
   * Resolves at once while the sink is considered up. Once it has failed continuously for
   * outageAfterMs, pauses, probes every probeIntervalMs and resolves when it is healthy again.
   * Resolves false when the signal aborted meanwhile.
   */
  waitForSink(signal: AbortSignal, heartbeat: () => Promise<void>): Promise<boolean>;
  isPaused(): boolean;
}

export interface OutageGuardOptions {
  outageAfterMs: number;
  probeIntervalMs: number;
  isSinkHealthy: () => Promise<boolean>;
  onPause: () => void;
  onResume: () => void;
  nowMs?: () => number;
  sleep?: Sleep;
}

export function createOutageGuard(options: OutageGuardOptions): OutageGuard {
  const nowMs = options.nowMs ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  let failingSinceMs: number | null = null;
  let probing: Promise<boolean> | null = null;

  async function probeUntilHealthy(signal: AbortSignal, heartbeat: () => Promise<void>): Promise<boolean> {
    options.onPause();
    try {
      for (;;) {
        if (!(await sleep(options.probeIntervalMs, signal))) return false;
        // The handlers waiting here hold their batches; heartbeats keep the member in the group.
        await heartbeat();
        if (await options.isSinkHealthy()) {
          failingSinceMs = null;
          return true;
        }
      }
    } finally {
      probing = null;
      options.onResume();
    }
  }

  return {
    recordSuccess() {
      failingSinceMs = null;
    },
    recordFailure() {
      failingSinceMs ??= nowMs();
    },
    waitForSink(signal, heartbeat) {
      if (!probing && failingSinceMs !== null && nowMs() - failingSinceMs >= options.outageAfterMs) {
        probing = probeUntilHealthy(signal, heartbeat);
      }
      return probing ?? Promise.resolve(!signal.aborted);
    },
    isPaused: () => probing !== null,
  };
}
