import type { PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import { classifyPipelineWindow } from './classify';
import type { WindowBaseline } from './classify-options';
import { evaluatePipelineStatus, type PipelineStatus } from './evaluate-status';
import type { Finding } from './finding';
import type { Incident, IncidentChange, IncidentInput } from '../incidents/incident';
import { buildCycleInput, EMPTY_INCIDENT_STATE, pipelinesInTrouble, reduceIncidentInputs, type IncidentState } from '../incidents/reduce-incidents';
import { PipelineWindow } from './pipeline-window';
import { recommend, type Recommendation } from './recommend';
import { isDormant } from '../pipelines/group-activity';

/** One pipeline's diagnosis this cycle: what is wrong, why, and what to do now. */
export interface PipelineDiagnosis {
  pipelineId: string;
  status: PipelineStatus;
  findings: { finding: Finding; recommendation: Recommendation }[];
}

export interface DiagnosisState {
  /**
   * Per pipeline, what the classifier and the status read of its recent cycles: compact records
   * and per-partition state, updated in place by the next diagnoseCycle (a state is used once).
   */
  windows: ReadonlyMap<string, PipelineWindow>;
  /**
   * Per pipeline, the baseline of its last window without a finding or open incident. While a
   * fault lasts the classifier compares against it, so a fault longer than a third of the window
   * does not become its own baseline and vanish from the diagnosis while lag still grows.
   */
  healthyBaselines: ReadonlyMap<string, WindowBaseline>;
  incidents: IncidentState;
}

export const EMPTY_DIAGNOSIS_STATE: DiagnosisState = { windows: new Map(), healthyBaselines: new Map(), incidents: EMPTY_INCIDENT_STATE };

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
  const windows = new Map<string, PipelineWindow>();
  const healthyBaselines = new Map<string, WindowBaseline>();
  const troubled = pipelinesInTrouble(state.incidents);
  const diagnoses: PipelineDiagnosis[] = [];
  const inputs: IncidentInput[] = [];
  for (const snapshot of snapshots) {
    const window = windows.get(snapshot.pipelineId) ?? state.windows.get(snapshot.pipelineId) ?? new PipelineWindow();
    window.ingest(snapshot, limits);
    windows.set(snapshot.pipelineId, window);
    const pinned = state.healthyBaselines.get(snapshot.pipelineId);
    // A group that stopped before Pipewatch saw it is not a fault: no finding, so no incident and no page.
    // One with an incident already open (resumed from the store) stays diagnosed until it recovers.
    const dormant = isDormant(snapshot.activity) && !troubled.has(snapshot.pipelineId);
    const { findings, baseline } = dormant ? { findings: [], baseline: undefined } : classifyPipelineWindow(window, troubled.has(snapshot.pipelineId) && pinned ? { baseline: pinned } : {});
    const healthy = findings.length === 0 && !troubled.has(snapshot.pipelineId);
    const kept = healthy && baseline ? baseline : pinned;
    if (kept) healthyBaselines.set(snapshot.pipelineId, kept);
    diagnoses.push({
      pipelineId: snapshot.pipelineId,
      status: evaluatePipelineStatus(window),
      findings: findings.map((finding) => ({ finding, recommendation: recommend(finding, snapshot) })),
    });
    inputs.push(buildCycleInput(snapshot, findings));
  }
  const { state: incidents, changes } = reduceIncidentInputs(state.incidents, inputs);
  return { state: { windows, healthyBaselines, incidents }, diagnoses, changes, openIncidents: [...incidents.open.values()] };
}
