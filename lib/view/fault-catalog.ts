import { failureEntry, type FailureType } from '../diagnosis/failure-table';
import { formatDurationText, formatRelative, formatUtcTime } from './format-time';

/**
 * The lab's faults as the demo panel offers them: what each does, what Pipewatch should classify
 * it as, and the body POST /api/demo/faults takes to start it (docs/lab.md, "Faults").
 */

export type FaultName = 'transient-errors' | 'poison' | 'slow-sink' | 'rebalance' | 'sink-down' | 'consumer-stop' | 'producer-burst' | 'producer-stop';

export interface FaultEntry {
  name: FaultName;
  explanation: string;
  /** The failure type Pipewatch should classify it as; null when it shows as lag growth alone. */
  expects: FailureType | null;
  expectsText: string;
  params: Record<string, number>;
}

export const DEFAULT_FAULT_FOR_MS = 3 * 60_000;

const entry = (name: FaultName, explanation: string, expects: FailureType | null, params: Record<string, number> = {}, expectsText?: string): FaultEntry => ({
  name,
  explanation,
  expects,
  expectsText: expectsText ?? (expects ? failureEntry(expects).title : 'lag growth'),
  params,
});

export const FAULT_CATALOG: readonly FaultEntry[] = [
  entry('transient-errors', 'The sink answers 503/429 for half the writes; they are retried in place.', 'transient-sink-error', { rate: 0.5 }),
  entry('poison', '5 % of events break the schema or a business rule and go to the DLQ.', 'permanent-data-error', { rate: 0.05 }),
  entry('slow-sink', 'Every write takes 1 s longer: backpressure, lag grows.', 'slow-sink', { latencyMs: 1_000 }),
  entry('rebalance', 'A consumer joins and leaves the group every 8 s.', 'kafka-rebalance', { intervalMs: 8_000 }),
  entry('sink-down', 'The sink refuses connections; consumers pause after 10 s.', 'sink-unavailable'),
  entry('consumer-stop', 'Every consumer leaves the group; lag grows.', 'consumer-stopped'),
  entry('producer-stop', 'The producer stops: nothing new arrives.', 'upstream-stall'),
  entry('producer-burst', 'The producer writes 500 events/s, more than consumers keep up with.', null, { rate: 500 }, 'lag growth (status Warning), no failure type'),
];

export function buildFaultRequestBody(fault: FaultEntry, forMs = DEFAULT_FAULT_FOR_MS): Record<string, unknown> {
  return { name: fault.name, ...fault.params, forMs };
}

export interface ActiveFaultView {
  name: string;
  params: string;
  started: string;
  ends: string;
}

/** GET /api/demo/faults: {active: [{name, params, startedAt, endsAt}]}; anything else is an error, shown verbatim. */
export function parseActiveFaults(body: unknown, nowMs: number): { ok: true; active: ActiveFaultView[] } | { ok: false; error: string } {
  if (typeof body !== 'object' || body === null) return { ok: false, error: 'the server answered with no JSON object' };
  const record = body as Record<string, unknown>;
  if (typeof record.error === 'string') return { ok: false, error: record.error };
  if (!Array.isArray(record.active)) return { ok: false, error: `unexpected answer: ${JSON.stringify(body).slice(0, 200)}` };
  const active = record.active.flatMap((raw): ActiveFaultView[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const f = raw as Record<string, unknown>;
    if (typeof f.name !== 'string') return [];
    const params = typeof f.params === 'object' && f.params !== null ? Object.entries(f.params as Record<string, unknown>).map(([k, v]) => `${k} ${String(v)}`).join(', ') : '';
    const startedMs = typeof f.startedAt === 'string' ? Date.parse(f.startedAt) : NaN;
    const endsMs = typeof f.endsAt === 'string' ? Date.parse(f.endsAt) : NaN;
    return [
      {
        name: f.name,
        params,
        started: Number.isFinite(startedMs) ? `started ${formatUtcTime(startedMs)} (${formatRelative(startedMs, nowMs)})` : '',
        ends: Number.isFinite(endsMs) ? `ends ${formatUtcTime(endsMs)} (in ${formatDurationText(Math.max(0, endsMs - nowMs))})` : 'until ended',
      },
    ];
  });
  return { ok: true, active };
}
