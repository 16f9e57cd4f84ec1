import type { DiagnosisJson, PipelineJson } from '../api/pipeline-json';
import { byWorstSeverity } from '../diagnosis/failure-table';
import { describeHealthKind, describeSeverity, type StateLabel } from './describe-status';
import { failureTableEntry, failureTitle } from './failure-title';
import { capitalize } from '../units/format-text';

/** The pipeline page's first block: what is wrong, why (evidence), and what to do now. */

export interface RecommendationView {
  now: string[];
  check: string[];
  expectedEffect: string;
  settings: string[];
}

export interface FindingView {
  type: string;
  title: string;
  /** The failure table's response, in one line. */
  response: string;
  severity: StateLabel;
  confidence: string;
  /** Prometheus signals were missing: classified from Kafka alone. */
  kafkaOnly: boolean;
  evidence: string[];
  /** `topic-partition (owner clientId@host)`. */
  partitions: string[];
  members: string[];
  recommendation: RecommendationView;
}

export type DiagnosisView =
  | { kind: 'waiting'; text: string }
  | { kind: 'healthy'; status: StateLabel & { reason: string }; text: string }
  | { kind: 'findings'; status: StateLabel & { reason: string }; findings: FindingView[] };

const CONFIDENCE_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };

export function buildDiagnosisView(detail: PipelineJson | null): DiagnosisView {
  if (!detail) return { kind: 'waiting', text: 'Waiting for the first collection cycle of this pipeline…' };
  const diagnosis = detail.diagnosis;
  if (!diagnosis) return { kind: 'waiting', text: 'Not diagnosed yet: the classifier needs a few cycles of this pipeline.' };
  const status = { ...describeHealthKind(diagnosis.status.pipeline.kind), reason: diagnosis.status.pipeline.reason };
  if (diagnosis.findings.length === 0) {
    return { kind: 'healthy', status, text: `No failure classified right now. ${capitalize(status.reason)}.` };
  }
  const findings = [...diagnosis.findings]
    .sort((a, b) => byWorstSeverity(a.finding.severity, b.finding.severity) || (CONFIDENCE_ORDER[a.finding.confidence] ?? 3) - (CONFIDENCE_ORDER[b.finding.confidence] ?? 3))
    .map(buildFindingView);
  return { kind: 'findings', status, findings };
}

type FindingJson = DiagnosisJson['findings'][number];

export function buildFindingView({ finding, recommendation }: FindingJson): FindingView {
  return {
    type: finding.type,
    title: failureTitle(finding.type),
    response: failureTableEntry(finding.type)?.response ?? '',
    severity: describeSeverity(finding.severity),
    confidence: finding.confidence,
    kafkaOnly: finding.kafkaOnly,
    evidence: finding.evidence.map((e) => e.text),
    partitions: finding.partitions.map((p) => `${p.topic}-${p.partition}${p.owner ? ` (${p.owner.clientId}@${p.owner.host})` : ''}`),
    members: finding.members.map((m) => `${m.clientId}@${m.host}`),
    recommendation: {
      now: recommendation.now,
      check: recommendation.check,
      expectedEffect: recommendation.expectedEffect,
      settings: recommendation.settings,
    },
  };
}
