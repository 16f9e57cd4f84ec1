import type { SignalsSample } from './signals';

/**
 * Reads every signal for every consumer group, one sample per cycle. Resolves even when the
 * metrics backend is down: each signal carries its own error.
 */
export interface SignalsSource {
  sample(): Promise<SignalsSample>;
}
