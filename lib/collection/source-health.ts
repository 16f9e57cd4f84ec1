import { assertNever } from '../assert-never';
/**
 * How a source (Kafka, Prometheus) is doing. `health` says whether its data can be trusted;
 * `activity` says what the collector is doing about it: "down, backing off until 03:12:40" and
 * "degraded but sampling" are both representable.
 */
export type Health = 'ok' | 'degraded' | 'down';
export type Activity = 'idle' | 'sampling' | 'backing-off' | 'disabled' | 'stopped';

export interface SourceHealth {
  health: Health;
  activity: Activity;
  lastSuccessAtMs: number | null;
  lastError: { message: string; atMs: number } | null;
  consecutiveFailures: number;
  /** While backing off: when the next attempt is due. */
  nextAttemptAtMs: number | null;
  lastDurationMs: number | null;
}

export type SourceEvent =
  | { type: 'sampling'; atMs: number }
  /** `problems`: parts of the answer that failed (a Prometheus signal with a bad query), so the source is degraded. */
  | { type: 'succeeded'; atMs: number; durationMs: number; problems: string[] }
  | { type: 'failed'; atMs: number; durationMs: number; message: string; retryAtMs: number }
  | { type: 'disabled' }
  | { type: 'stopped' };

/** Failures in a row before a source counts as down rather than degraded. */
export const DOWN_AFTER_FAILURES = 3;

export const INITIAL_SOURCE_HEALTH: SourceHealth = {
  health: 'down',
  activity: 'idle',
  lastSuccessAtMs: null,
  lastError: null,
  consecutiveFailures: 0,
  nextAttemptAtMs: null,
  lastDurationMs: null,
};

export function reduceSourceHealth(state: SourceHealth, event: SourceEvent): SourceHealth {
  switch (event.type) {
    case 'sampling':
      return { ...state, activity: 'sampling', nextAttemptAtMs: null };
    case 'succeeded':
      return {
        ...state,
        health: event.problems.length > 0 ? 'degraded' : 'ok',
        activity: 'idle',
        lastSuccessAtMs: event.atMs,
        lastError: event.problems.length > 0 ? { message: event.problems.join('; '), atMs: event.atMs } : state.lastError,
        consecutiveFailures: 0,
        lastDurationMs: event.durationMs,
      };
    case 'failed': {
      const consecutiveFailures = state.consecutiveFailures + 1;
      const neverWorked = state.lastSuccessAtMs === null;
      return {
        ...state,
        health: neverWorked || consecutiveFailures >= DOWN_AFTER_FAILURES ? 'down' : 'degraded',
        activity: 'backing-off',
        lastError: { message: event.message, atMs: event.atMs },
        consecutiveFailures,
        nextAttemptAtMs: event.retryAtMs,
        lastDurationMs: event.durationMs,
      };
    }
    case 'disabled':
      return { ...INITIAL_SOURCE_HEALTH, activity: 'disabled' };
    case 'stopped':
      return { ...state, activity: 'stopped', nextAttemptAtMs: null };
    default:
      return assertNever(event, 'source event');
  }
}

