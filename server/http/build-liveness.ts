import type { CycleResult } from '../../lib/collection/collection-loop';
import { cycleDeadlineMs, describeDeadline, formatAgo, type ProbeSettings } from './probe-settings';

export type Liveness = { status: 200; body: { status: 'ok' } } | { status: 503; body: { status: 'stalled'; reason: string } };

export interface LivenessInput {
  nowMs: number;
  /** When the process started collecting: the first cycle gets the same deadline from here. */
  startedAtMs: number;
  latest: Pick<CycleResult, 'atMs' | 'durationMs'> | null;
  settings: ProbeSettings;
}

/**
 * `/healthz`: fails only when the collection loop is wedged — no cycle has completed within
 * cycleDeadlineMs. A source being down is not a reason: its cycles still complete, with a gap,
 * and restarting the process would not bring the source back.
 */
export function buildLiveness({ nowMs, startedAtMs, latest, settings }: LivenessInput): Liveness {
  const deadlineMs = cycleDeadlineMs(settings);
  const lastCompletedAtMs = latest === null ? null : latest.atMs + latest.durationMs;
  const sinceMs = nowMs - (lastCompletedAtMs ?? startedAtMs);
  if (sinceMs <= deadlineMs) return { status: 200, body: { status: 'ok' } };
  const what = lastCompletedAtMs === null ? `no collection cycle has completed in the ${formatAgo(sinceMs)} since start` : `no collection cycle has completed for ${formatAgo(sinceMs)}`;
  return { status: 503, body: { status: 'stalled', reason: `${what} (the limit is ${describeDeadline(settings)})` } };
}
