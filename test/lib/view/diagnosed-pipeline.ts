import { toPipelineJson, type PipelineJson } from '../../../lib/api/pipeline-json';
import { diagnoseCycle, EMPTY_DIAGNOSIS_STATE, type DiagnosisState } from '../../../lib/diagnosis/diagnose-cycle';
import { simulate, type Phase } from '../../../lab/bench/simulate-pipeline';

/**
 * The detail the pipeline page receives for a simulated pipeline, diagnosed for real and sent
 * through JSON as the live stream sends it.
 */
export function diagnosedPipeline(phases: Phase[]): PipelineJson {
  let state: DiagnosisState = EMPTY_DIAGNOSIS_STATE;
  let detail: PipelineJson | null = null;
  for (const snapshot of simulate(phases)) {
    const diagnosed = diagnoseCycle(state, [snapshot]);
    state = diagnosed.state;
    detail = toPipelineJson(snapshot, diagnosed.diagnoses[0]);
  }
  if (!detail) throw new Error('no snapshot simulated');
  return JSON.parse(JSON.stringify(detail)) as PipelineJson;
}

export const ALL = (n: number) => [n, n, n, n];
