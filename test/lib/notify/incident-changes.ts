import { failureEntry, type FailureType } from '../../../lib/diagnosis/failure-table';
import type { Finding } from '../../../lib/diagnosis/finding';
import type { Incident, IncidentChange, IncidentInput } from '../../../lib/incidents/incident';
import { replayIncidents } from '../../../lib/incidents/reduce-incidents';

export const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

/** The reducer reads a finding's type, severity and first evidence text only. */
function finding(type: FailureType, evidence: string): Finding {
  return {
    type,
    confidence: 'high',
    severity: failureEntry(type).severity,
    evidence: [{ signal: 'lagMessages', value: 1, comparison: { kind: 'observed' }, text: evidence }],
    partitions: [],
    members: [],
    kafkaOnly: false,
    facts: {},
  } as unknown as Finding;
}

export type Step = FailureType | 'healthy';

/** Real changes from the real reducer: one cycle per second of `pipelineId`, opening after one cycle, resolving after two healthy ones. */
export function changesFor(steps: readonly Step[], pipelineId = 'fraud-features', evidence = 'sink errors 4/s'): IncidentChange[] {
  const inputs = steps.map((step, i): IncidentInput => {
    const base = { pipelineId, atMs: T0 + i * 1_000 };
    return step === 'healthy'
      ? { kind: 'cycle-without-finding', ...base, lag: { lagMessages: 0, timeToDrain: 'drained' } }
      : { kind: 'finding-observed', ...base, lag: { lagMessages: 5_000, timeToDrain: 'not-draining' }, findings: [finding(step, evidence)] };
  });
  return replayIncidents(inputs, { openAfterSamples: 1, resolveAfterSamples: 2, recoveryMarginMessages: 100, recoveryMarginShare: 0.1, baselineCycles: 10, maxTimelineEntries: 50 }).changes;
}

/** The incident of the first change that has one. */
export function incidentOf(changes: readonly IncidentChange[], kind: IncidentChange['kind'] = 'opened'): Incident {
  const change = changes.find((c) => c.kind === kind);
  if (change === undefined || change.kind === 'rejected') throw new Error(`no ${kind} change`);
  return change.incident;
}
