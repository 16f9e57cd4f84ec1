import { classifyWindow } from '../../../lib/diagnosis/classify';
import type { IncidentChange, IncidentInput } from '../../../lib/incidents/incident';
import { buildCycleInput, replayIncidents } from '../../../lib/incidents/reduce-incidents';
import type { PipelineSnapshot } from '../../../lib/pipelines/pipeline-snapshot';
import { buildEvidencePoint, type EvidencePoint } from '../../../lib/incidents/evidence-point';
import { FAULTS } from '../diagnosis/classify-cases';
import { healthy, simulate, T0 } from '../../../lab/bench/simulate-pipeline';

/**
 * Incident changes as the server produces them: the toy pipeline simulated second by second, the
 * classifier over the last 60 s, the real reducer over its findings. A sink outage that escalates
 * and recovers, then a partition stuck on one record (its finding carries bigint offsets) that is
 * still open at the end.
 */
export interface Scenario {
  snapshots: PipelineSnapshot[];
  inputs: IncidentInput[];
  changes: IncidentChange[];
}

const WINDOW = 60;

export function runScenario(): Scenario {
  const snapshots = simulate([healthy(60), FAULTS.sinkDown(40), healthy(60), FAULTS.stuck]);
  const inputs = snapshots.slice(10).map((snapshot, i) => buildCycleInput(snapshot, classifyWindow(snapshots.slice(Math.max(0, i + 11 - WINDOW), i + 11))));
  return { snapshots, inputs, changes: replayIncidents(inputs).changes };
}

let cached: Scenario | undefined;
export function scenario(): Scenario {
  cached ??= runScenario();
  return cached;
}

export const OUTAGE_ID = `fraud/sink-unavailable/`;
export const STUCK_ID = `fraud/permanent-data-error/`;

export function incidentIdStartingWith(prefix: string): string {
  const change = scenario().changes.find((c) => c.kind === 'opened' && c.incident.id.startsWith(prefix));
  if (change === undefined || change.kind !== 'opened') throw new Error(`the scenario opens no incident ${prefix}…`);
  return change.incident.id;
}

/** The evidence points of the whole run: what a caller would record around an incident. */
export function evidencePoints(): EvidencePoint[] {
  return scenario().snapshots.map(buildEvidencePoint);
}

export { T0 };
