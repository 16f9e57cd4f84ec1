import type { JsonSafe } from '../api/json-safe';
import { FAILURE_TYPES, type FailureType } from '../diagnosis/failure-table';
import type { Finding, PartitionRef } from '../diagnosis/finding';
import type { Incident } from './incident';
import { assertNever } from '../assert-never';

/**
 * An Incident read back from its stored JSON (written through toJsonSafe): the offsets that were
 * bigint come back as bigint, so openIncidents() seeds the reducer with the very values it kept.
 * Only this store writes the column, so a shape it does not recognise is corruption: it throws.
 */
export function parseIncidentJson(text: string): Incident {
  const value: unknown = JSON.parse(text);
  const problem = shapeProblem(value);
  if (problem !== null) throw new Error(`stored incident is not an Incident (${problem}): ${text.slice(0, 200)}`);
  const safe = value as JsonSafe<Incident>;
  return { ...safe, finding: reviveFinding(safe.finding) } as Incident;
}

const STATUSES = new Set(['open', 'recovering', 'resolved']);

function shapeProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return 'not an object';
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.pipelineId !== 'string') return 'id or pipelineId';
  if (typeof v.status !== 'string' || !STATUSES.has(v.status)) return 'status';
  if (!isFailureType(v.type) || !isFailureType(v.family)) return 'type or family';
  if (!Array.isArray(v.timeline)) return 'timeline';
  const finding = v.finding as Record<string, unknown> | null | undefined;
  if (finding === null || typeof finding !== 'object' || !isFailureType(finding.type) || !Array.isArray(finding.partitions)) return 'finding';
  return null;
}

function isFailureType(value: unknown): value is FailureType {
  return typeof value === 'string' && (FAILURE_TYPES as readonly string[]).includes(value);
}

/** Every bigint of a Finding, by type: a new bigint field in finding.ts must be added here (the round-trip test catches it). */
function reviveFinding(finding: JsonSafe<Finding>): Finding {
  const partitions = finding.partitions.map(revivePartition);
  switch (finding.type) {
    case 'permanent-data-error':
      return {
        ...finding,
        partitions,
        facts: {
          ...finding.facts,
          stuckPartitions: finding.facts.stuckPartitions.map((p) => ({ ...revivePartition(p), stuckAtOffset: BigInt(p.stuckAtOffset) })),
        },
      };
    case 'lag-near-retention':
      return { ...finding, partitions, facts: { ...finding.facts, atRisk: finding.facts.atRisk.map((p) => ({ ...p, ...revivePartition(p) })) } };
    case 'transient-sink-error':
    case 'sink-unavailable':
    case 'slow-sink':
    case 'kafka-rebalance':
    case 'consumer-stopped':
    case 'upstream-stall':
    case 'hot-partition':
      return { ...finding, partitions } as Finding;
    default:
      return assertNever(finding, 'finding type');
  }
}

function revivePartition<P extends JsonSafe<PartitionRef>>(p: P): P & PartitionRef {
  return { ...p, committedOffset: p.committedOffset === null ? null : BigInt(p.committedOffset) } as P & PartitionRef;
}
