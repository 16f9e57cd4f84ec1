import type { FailureType } from '../../lib/diagnosis/failure-table';
import type { FaultName } from '../pipeline/faults';

/** What the diagnosis should call each lab fault; null: no single right answer (a burst is load, not a failure). */
export const EXPECTED_TYPE: Readonly<Record<FaultName, FailureType | null>> = {
  'transient-errors': 'transient-sink-error',
  poison: 'permanent-data-error',
  'slow-sink': 'slow-sink',
  rebalance: 'kafka-rebalance',
  'sink-down': 'sink-unavailable',
  'consumer-stop': 'consumer-stopped',
  'producer-stop': 'upstream-stall',
  'producer-burst': null,
};

/** A POST /faults body without forMs: the fault's name and its parameters. */
export type FaultBody = { name: FaultName } & Record<string, number | string>;

export interface ScheduledFault {
  body: FaultBody;
  /** From the start of its step. */
  offsetMs: number;
  forMs: number;
}

/** Faults injected together; a healthy gap follows every step. */
export interface ScheduleStep {
  label: string;
  faults: ScheduledFault[];
}

export type ScheduleName = 'quick' | 'full';
export const SCHEDULE_NAMES: readonly ScheduleName[] = ['quick', 'full'];

export interface ScheduleTimings {
  faultMs: number;
  gapMs: number;
}

export const DEFAULT_TIMINGS: Readonly<Record<ScheduleName, ScheduleTimings>> = {
  quick: { faultMs: 40_000, gapMs: 40_000 },
  full: { faultMs: 45_000, gapMs: 60_000 },
};

export function buildSchedule(name: ScheduleName, { faultMs }: ScheduleTimings): ScheduleStep[] {
  const alone = (body: FaultBody): ScheduleStep => ({ label: describeFault(body), faults: [{ body, offsetMs: 0, forMs: faultMs }] });
  // The inner fault starts a quarter in and ends a quarter before the outer one.
  const during = (outer: FaultBody, inner: FaultBody): ScheduleStep => ({
    label: `${describeFault(inner)} during ${describeFault(outer)}`,
    faults: [
      { body: outer, offsetMs: 0, forMs: Math.round(faultMs * 1.5) },
      { body: inner, offsetMs: Math.round(faultMs * 0.25), forMs: faultMs },
    ],
  });
  if (name === 'quick') {
    return [
      alone({ name: 'slow-sink', latencyMs: 1_500 }),
      alone({ name: 'poison', rate: 0.3 }),
      alone({ name: 'sink-down' }),
      alone({ name: 'consumer-stop' }),
    ];
  }
  return [
    alone({ name: 'transient-errors', rate: 0.3 }),
    alone({ name: 'transient-errors', rate: 0.6 }),
    alone({ name: 'poison', rate: 0.05 }),
    alone({ name: 'poison', rate: 0.3 }),
    alone({ name: 'slow-sink', latencyMs: 400 }),
    alone({ name: 'slow-sink', latencyMs: 1_500 }),
    alone({ name: 'rebalance', intervalMs: 8_000 }),
    alone({ name: 'sink-down' }),
    alone({ name: 'consumer-stop' }),
    alone({ name: 'producer-stop' }),
    alone({ name: 'producer-burst' }),
    during({ name: 'slow-sink', latencyMs: 400 }, { name: 'poison', rate: 0.1 }),
    during({ name: 'transient-errors', rate: 0.3 }, { name: 'rebalance', intervalMs: 8_000 }),
  ];
}

/** Steps that inject at least one of the named faults; all steps when `only` is empty. */
export function filterSchedule(steps: readonly ScheduleStep[], only: readonly string[]): ScheduleStep[] {
  if (only.length === 0) return [...steps];
  return steps.filter((step) => step.faults.some((f) => only.includes(f.body.name)));
}

export function stepDurationMs(step: ScheduleStep): number {
  return Math.max(...step.faults.map((f) => f.offsetMs + f.forMs));
}

/** "slow-sink latencyMs=400": the fault log's name and params, as the tables label episodes. */
export function describeFault(fault: { name: string } & Record<string, unknown>): string {
  const { name, ...params } = fault;
  const text = Object.entries(params)
    .filter(([key]) => key !== 'forMs')
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  return text === '' ? name : `${name} ${text}`;
}
