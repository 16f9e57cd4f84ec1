import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  activeFaults,
  formatFaultLogLine,
  reduceFaults,
  type ActiveFault,
  type FaultCommand,
  type FaultName,
  type FaultSpec,
  type FaultSpecOf,
  type FaultState,
  type FaultTransition,
  type PipelineIdentity,
} from './faults';

export type FaultListener = (transitions: readonly FaultTransition[]) => void;

/** The set of active faults: every component reads it, and the control API and tests drive it. */
export interface FaultController {
  start(spec: FaultSpec, forMs?: number | null): ActiveFault[];
  /** False when the fault was not active. */
  end(name: FaultName): boolean;
  /** Ends every active fault. */
  healthy(): void;
  /** Ends every active fault as part of stopping the pipeline; later commands are ignored. */
  shutdown(): void;
  active(): ActiveFault[];
  get<N extends FaultName>(name: N): ActiveFault<FaultSpecOf<N>> | undefined;
  subscribe(listener: FaultListener): () => void;
}

export interface FaultControllerDeps {
  pipeline: PipelineIdentity;
  /** Receives each ground-truth log line; must persist it before returning. */
  appendLine: (line: string) => void;
  nowMs?: () => number;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createFaultController(deps: FaultControllerDeps): FaultController {
  const nowMs = deps.nowMs ?? Date.now;
  const setTimer = deps.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs).unref());
  const clearTimer = deps.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
  const listeners = new Set<FaultListener>();
  const expiryTimers = new Map<FaultName, unknown>();
  let state: FaultState = {};
  let closed = false;

  function dispatch(command: FaultCommand): FaultTransition[] {
    if (closed) return [];
    const reduction = reduceFaults(state, command);
    state = reduction.state;
    for (const transition of reduction.transitions) {
      deps.appendLine(formatFaultLogLine(transition, deps.pipeline));
      const name = transition.fault.spec.name;
      if (expiryTimers.has(name)) clearTimer(expiryTimers.get(name));
      expiryTimers.delete(name);
      const { endsAtMs } = transition.fault;
      if (transition.event === 'start' && endsAtMs !== null) {
        expiryTimers.set(name, setTimer(() => dispatch({ type: 'expire', name, endsAtMs, atMs: nowMs() }), endsAtMs - nowMs()));
      }
    }
    if (reduction.transitions.length > 0) {
      for (const listener of listeners) listener(reduction.transitions);
    }
    return reduction.transitions;
  }

  return {
    start(spec, forMs = null) {
      dispatch({ type: 'start', spec, forMs, atMs: nowMs() });
      return activeFaults(state);
    },
    end: (name) => dispatch({ type: 'end', name, atMs: nowMs() }).length > 0,
    healthy() {
      dispatch({ type: 'end-all', cause: 'healthy', atMs: nowMs() });
    },
    shutdown() {
      dispatch({ type: 'end-all', cause: 'shutdown', atMs: nowMs() });
      closed = true;
    },
    active: () => activeFaults(state),
    get: <N extends FaultName>(name: N) => state[name] as ActiveFault<FaultSpecOf<N>> | undefined,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Appends synchronously, so a line is on disk even if the process is killed right after. */
export function fileLineAppender(filePath: string): (line: string) => void {
  mkdirSync(path.dirname(filePath), { recursive: true });
  return (line) => appendFileSync(filePath, line + '\n');
}
