import type { LagJson, PipelineJson } from '../api/pipeline-json';
import type { HealthKind } from '../diagnosis/evaluate-status';
import { describeHealthKind, type StateLabel } from './describe-status';
import { formatLagSeconds, formatMessageRate, formatMessagesText, formatOffsetText, type ValueText } from './format-pipeline-values';
import { assertNever } from '../assert-never';

/** The pipeline page's partition table and group members. */

export interface PartitionRowView {
  key: string;
  topic: string;
  partition: number;
  owner: string;
  committedOffset: string;
  logEndOffset: string;
  lag: ValueText;
  lagSeconds: ValueText;
  consumeRate: string;
  /** lag.kind in words: "ok", "no commit", "lost to retention". */
  lagState: string;
  status: (StateLabel & { kind: HealthKind; reason: string }) | null;
}

export type PartitionsView = { kind: 'gap'; reason: string } | { kind: 'sampled'; rows: PartitionRowView[] };

export function buildPartitionRows(detail: PipelineJson | null): PartitionsView {
  if (!detail) return { kind: 'gap', reason: 'waiting for the first collection cycle' };
  if (detail.kafka.kind !== 'sampled') return { kind: 'gap', reason: `Kafka not read: ${detail.kafka.reason}` };
  const statuses = new Map((detail.diagnosis?.status.partitions ?? []).map((p) => [`${p.topic}\u0000${p.partition}`, p.status]));
  const rows = detail.kafka.partitions
    .map((p): PartitionRowView => {
      const status = statuses.get(`${p.topic}\u0000${p.partition}`);
      return {
        key: `${p.topic}\u0000${p.partition}`,
        topic: p.topic,
        partition: p.partition,
        owner: p.owner ? `${p.owner.clientId}@${p.owner.host}` : 'unassigned',
        committedOffset: p.committedOffset === null ? 'none' : formatOffsetText(p.committedOffset),
        logEndOffset: formatOffsetText(p.logEndOffset),
        lag: lagText(p.lag),
        lagSeconds: formatLagSeconds(p.lagSeconds),
        consumeRate: formatMessageRate(p.consumeRatePerSec),
        lagState: lagStateText(p.lag),
        status: status ? { ...describeHealthKind(status.kind), kind: status.kind, reason: status.reason } : null,
      };
    })
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  return { kind: 'sampled', rows };
}

function lagText(lag: LagJson): ValueText {
  switch (lag.kind) {
    case 'ok':
      return { text: formatMessagesText(lag.lagMessages), title: lag.committedAheadOfEnd ? 'the committed offset is ahead of the log end' : null };
    case 'no-commit':
      return { text: '–', title: `nothing committed; ${formatMessagesText(lag.retainedMessages)} retained` };
    case 'lost-to-retention':
      return { text: formatMessagesText(lag.lagMessages), title: `${formatMessagesText(lag.lostMessages)} deleted by retention before being consumed` };
    default:
      return assertNever(lag, 'lag');
  }
}

function lagStateText(lag: LagJson): string {
  switch (lag.kind) {
    case 'ok':
      return lag.committedAheadOfEnd ? 'ahead of end' : 'ok';
    case 'no-commit':
      return 'no commit';
    case 'lost-to-retention':
      return `lost ${formatMessagesText(lag.lostMessages)}`;
    default:
      return assertNever(lag, 'lag');
  }
}

export interface MemberView {
  memberId: string;
  clientId: string;
  host: string;
  partitions: string;
  count: number;
}

export type MembersView =
  | { kind: 'unknown'; reason: string }
  | { kind: 'not-visible'; state: string; protocol: string; reason: string }
  | { kind: 'visible'; state: string; protocol: string; members: MemberView[] };

export function buildMembersView(detail: PipelineJson | null): MembersView {
  if (!detail) return { kind: 'unknown', reason: 'waiting for the first collection cycle' };
  if (detail.kafka.kind !== 'sampled') return { kind: 'unknown', reason: `Kafka not read: ${detail.kafka.reason}` };
  const { group } = detail.kafka;
  if (!group.exists) return { kind: 'unknown', reason: `group ${detail.groupId} does not exist (no member has joined, or it was deleted)` };
  if (group.membership.kind === 'not-visible') return { kind: 'not-visible', state: group.state, protocol: group.protocol, reason: group.membership.reason };
  const members = group.membership.members
    .map((m) => {
      const parts = m.assignment.flatMap((a) => [...a.partitions].sort((x, y) => x - y).map((p) => `${a.topic}-${p}`));
      return { memberId: m.memberId, clientId: m.clientId, host: m.host, partitions: parts.length === 0 ? 'none' : parts.join(', '), count: parts.length };
    })
    .sort((a, b) => a.clientId.localeCompare(b.clientId) || a.memberId.localeCompare(b.memberId));
  return { kind: 'visible', state: group.state, protocol: group.protocol, members };
}
