import { assertNever } from '../../lib/assert-never';
import type { FaultName } from '../../lib/view/fault-catalog';

export type { FaultName };

/** The faults the lab can inject, each with its parameters. */
export type FaultSpec =
  | { name: 'transient-errors'; rate: number }
  | { name: 'poison'; rate: number }
  | { name: 'slow-sink'; latencyMs: number }
  | { name: 'rebalance'; intervalMs: number }
  | { name: 'sink-down' }
  | { name: 'consumer-stop' }
  | { name: 'producer-burst'; rate: number }
  /** Upstream stall: the source stops producing; consumers are fine and find nothing to read. */
  | { name: 'producer-stop' };

// Fails to compile when the lab's faults and the demo panel's (lib/view/fault-catalog.ts) differ.
type Unmatched = Exclude<FaultSpec['name'], FaultName> | Exclude<FaultName, FaultSpec['name']>;
const SAME_FAULTS: [Unmatched] extends [never] ? true : Unmatched = true;
void SAME_FAULTS;
export type FaultSpecOf<N extends FaultName> = Extract<FaultSpec, { name: N }>;

export const FAULT_NAMES: readonly FaultName[] = [
  'transient-errors',
  'poison',
  'slow-sink',
  'rebalance',
  'sink-down',
  'consumer-stop',
  'producer-burst',
  'producer-stop',
];

export interface ActiveFault<S extends FaultSpec = FaultSpec> {
  spec: S;
  startedAtMs: number;
  /** Null when the fault lasts until ended by hand. */
  endsAtMs: number | null;
}

export type FaultState = Readonly<Partial<Record<FaultName, ActiveFault>>>;

export type EndCause = 'requested' | 'expired' | 'replaced' | 'healthy' | 'shutdown';

export type FaultCommand =
  | { type: 'start'; spec: FaultSpec; forMs: number | null; atMs: number }
  | { type: 'end'; name: FaultName; atMs: number }
  /** From a timer set for the fault that was to end at endsAtMs; ignored if that fault is gone or was replaced. */
  | { type: 'expire'; name: FaultName; endsAtMs: number; atMs: number }
  | { type: 'end-all'; cause: 'healthy' | 'shutdown'; atMs: number };

export type FaultTransition =
  | { event: 'start'; fault: ActiveFault; atMs: number }
  | { event: 'end'; fault: ActiveFault; cause: EndCause; atMs: number };

export interface FaultReduction {
  state: FaultState;
  transitions: FaultTransition[];
}

export function reduceFaults(state: FaultState, command: FaultCommand): FaultReduction {
  switch (command.type) {
    case 'start': {
      const previous = state[command.spec.name];
      const fault: ActiveFault = {
        spec: command.spec,
        startedAtMs: command.atMs,
        endsAtMs: command.forMs === null ? null : command.atMs + command.forMs,
      };
      const transitions: FaultTransition[] = previous
        ? [{ event: 'end', fault: previous, cause: 'replaced', atMs: command.atMs }]
        : [];
      transitions.push({ event: 'start', fault, atMs: command.atMs });
      return { state: { ...state, [command.spec.name]: fault }, transitions };
    }
    case 'end':
      return endOne(state, command.name, 'requested', command.atMs);
    case 'expire':
      // Matched by end time, not clock: timers may fire a millisecond before Date.now() reaches it.
      if (state[command.name]?.endsAtMs !== command.endsAtMs) return { state, transitions: [] };
      return endOne(state, command.name, 'expired', command.atMs);
    case 'end-all':
      return {
        state: {},
        transitions: activeFaults(state).map((fault) => ({ event: 'end', fault, cause: command.cause, atMs: command.atMs })),
      };
    default:
      return assertNever(command);
  }
}

function endOne(state: FaultState, name: FaultName, cause: EndCause, atMs: number): FaultReduction {
  const fault = state[name];
  if (!fault) return { state, transitions: [] };
  const { [name]: _ended, ...rest } = state;
  return { state: rest, transitions: [{ event: 'end', fault, cause, atMs }] };
}

export function activeFaults(state: FaultState): ActiveFault[] {
  return FAULT_NAMES.flatMap((name) => state[name] ?? []);
}

export function faultParams(spec: FaultSpec): Record<string, number> {
  const { name: _name, ...params } = spec;
  return params;
}

export interface PipelineIdentity {
  topic: string;
  group: string;
}

/** One line of the ground-truth fault log, which Pipewatch's diagnoses are scored against. */
export function formatFaultLogLine(transition: FaultTransition, pipeline: PipelineIdentity): string {
  const { fault } = transition;
  return JSON.stringify({
    at: new Date(transition.atMs).toISOString(),
    atMs: transition.atMs,
    event: transition.event,
    fault: fault.spec.name,
    params: faultParams(fault.spec),
    forMs: fault.endsAtMs === null ? null : fault.endsAtMs - fault.startedAtMs,
    ...(transition.event === 'end' ? { cause: transition.cause, startedAtMs: fault.startedAtMs } : {}),
    pipeline,
  });
}
