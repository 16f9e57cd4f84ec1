import type { PipelineSnapshot } from '../snapshot/pipeline-snapshot';
import { classifyWindow } from './classify';
import { evaluateStatus, type PipelineStatus } from './evaluate-status';
import type { Finding } from './finding';
import type { Incident, IncidentChange } from './incident';
import { buildCycleInput, EMPTY_INCIDENT_STATE, reduceIncidents, type IncidentState } from './incidents';
import { recommend, type Recommendation } from './recommend';

/** One pipeline's diagnosis this cycle: what is wrong, why, and what to do now. */
export interface PipelineDiagnosis {
  pipelineId: string;
  status: PipelineStatus;
  findings: { finding: Finding; recommendation: Recommendation }[];
}

export interface DiagnosisState {
  /** Per pipeline, the recent snapshots the classifier reads, oldest first. */
  windows: ReadonlyMap<string, readonly PipelineSnapshot[]>;
  incidents: IncidentState;
}

export const EMPTY_DIAGNOSIS_STATE: DiagnosisState = { windows: new Map(), incidents: EMPTY_INCIDENT_STATE };

/**
 * The classifier takes its baseline from the window's first third, so a window must be long
 * enough that a fault of a few minutes does not become its own baseline.
 */
export interface DiagnosisLimits {
  windowMs: number;
  maxSnapshots: number;
}

export const DEFAULT_DIAGNOSIS_LIMITS: DiagnosisLimits = { windowMs: 180_000, maxSnapshots: 360 };

/** Diagnoses every pipeline of one cycle: windows slide, the classifier runs, incidents move on. */
export function diagnoseCycle(
  state: DiagnosisState,
  snapshots: readonly PipelineSnapshot[],
  limits: DiagnosisLimits = DEFAULT_DIAGNOSIS_LIMITS,
): { state: DiagnosisState; diagnoses: PipelineDiagnosis[]; changes: IncidentChange[]; openIncidents: Incident[] } {
  const windows = new Map<string, readonly PipelineSnapshot[]>();
  const diagnoses: PipelineDiagnosis[] = [];
  const changes: IncidentChange[] = [];
  let incidents = state.incidents;
  for (const snapshot of snapshots) {
    const oldestMs = snapshot.takenAtMs - limits.windowMs;
    const previous = state.windows.get(snapshot.pipelineId) ?? [];
    const window = [...previous.filter((s) => s.takenAtMs >= oldestMs), snapshot].slice(-limits.maxSnapshots);
    windows.set(snapshot.pipelineId, window);
    const findings = classifyWindow(window);
    diagnoses.push({
      pipelineId: snapshot.pipelineId,
      status: evaluateStatus(window),
      findings: findings.map((finding) => ({ finding, recommendation: recommend(finding, snapshot) })),
    });
    const reduced = reduceIncidents(incidents, buildCycleInput(snapshot, findings));
    incidents = reduced.state;
    changes.push(...reduced.changes);
  }
  return { state: { windows, incidents }, diagnoses, changes, openIncidents: [...incidents.open.values()] };
}
