import type { PipelineDiagnosis } from '../diagnosis/diagnose-cycle';
import type { Incident } from '../incidents/incident';
import type { SourceHealth } from '../collection/source-health';
import { toJsonSafe, type JsonSafe } from './json-safe';
import type { PartitionLag } from '../cluster/partition-lag';
import type { PipelineSnapshot } from '../pipelines/pipeline-snapshot';
import { assertNever } from '../assert-never';

/**
 * The stable JSON shape of a pipeline's state, served by `pipewatch snapshot --json` and the HTTP
 * API alike (docs/api.md). Offsets are strings: they are int64 and JSON numbers are not.
 */
export type PipelineJson = Omit<PipelineSnapshot, 'kafka'> & { takenAt: string; kafka: KafkaJson; diagnosis: DiagnosisJson | null };

export type DiagnosisJson = JsonSafe<Omit<PipelineDiagnosis, 'pipelineId'>>;

type KafkaView = Extract<PipelineSnapshot['kafka'], { kind: 'sampled' }>;
type KafkaJson =
  | Exclude<PipelineSnapshot['kafka'], KafkaView>
  | (Omit<KafkaView, 'partitions'> & { partitions: PartitionJson[] });

export type PartitionJson = Omit<KafkaView['partitions'][number], 'logStartOffset' | 'logEndOffset' | 'committedOffset' | 'lag'> & {
  logStartOffset: string;
  logEndOffset: string;
  committedOffset: string | null;
  lag: LagJson;
};

export type LagJson =
  | { kind: 'ok'; lagMessages: number; committedAheadOfEnd: boolean }
  | { kind: 'no-commit'; retainedMessages: number }
  | { kind: 'lost-to-retention'; lagMessages: number; lostMessages: number };

export interface SnapshotJson {
  takenAt: string;
  sources: { kafka: SourceHealth; prometheus: SourceHealth };
  pipelines: PipelineJson[];
  openIncidents: JsonSafe<Incident>[];
}

export function toPipelineJson(snapshot: PipelineSnapshot, diagnosis: PipelineDiagnosis | undefined): PipelineJson {
  const { kafka } = snapshot;
  return {
    ...snapshot,
    takenAt: new Date(snapshot.takenAtMs).toISOString(),
    diagnosis: diagnosis ? toJsonSafe({ status: diagnosis.status, findings: diagnosis.findings }) : null,
    kafka:
      kafka.kind === 'sampled'
        ? {
            ...kafka,
            partitions: kafka.partitions.map((p) => ({
              ...p,
              logStartOffset: p.logStartOffset.toString(),
              logEndOffset: p.logEndOffset.toString(),
              committedOffset: p.committedOffset === null ? null : p.committedOffset.toString(),
              lag: toLagJson(p.lag),
            })),
          }
        : kafka,
  };
}

export interface CycleForJson {
  atMs: number;
  sources: SnapshotJson['sources'];
  snapshots: readonly PipelineSnapshot[];
  diagnoses: readonly PipelineDiagnosis[];
  openIncidents: readonly Incident[];
}

export function toSnapshotJson(cycle: CycleForJson): SnapshotJson {
  const diagnoses = new Map(cycle.diagnoses.map((d) => [d.pipelineId, d]));
  return {
    takenAt: new Date(cycle.atMs).toISOString(),
    sources: cycle.sources,
    pipelines: cycle.snapshots.map((s) => toPipelineJson(s, diagnoses.get(s.pipelineId))),
    openIncidents: cycle.openIncidents.map(toJsonSafe),
  };
}

function toLagJson(lag: PartitionLag): LagJson {
  switch (lag.kind) {
    case 'ok':
      return { kind: 'ok', lagMessages: Number(lag.lagMessages), committedAheadOfEnd: lag.committedAheadOfEnd };
    case 'no-commit':
      return { kind: 'no-commit', retainedMessages: Number(lag.retainedMessages) };
    case 'lost-to-retention':
      return { kind: 'lost-to-retention', lagMessages: Number(lag.lagMessages), lostMessages: Number(lag.lostMessages) };
    default:
      return assertNever(lag, 'lag');
  }
}
