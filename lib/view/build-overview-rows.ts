import type { PipelineSummary, SparkPoint } from '../live/live-wire';
import { formatLatency, formatRate, MISSING } from '../units/format-units';
import { describeHealthKind, describeIncidentStatus, describeSeverity, type StateLabel } from './describe-status';
import { formatLagSeconds, formatMessageRate, formatMessagesText, formatTimeToDrain, type ValueText } from './format-pipeline-values';
import { buildSparklinePath } from './build-sparkline-path';
import { sparklineStartMs } from '../live/extend-sparklines';
import { buildIncidentHref, buildPipelineHref } from './view-links';

export const SPARKLINE_WIDTH = 96;
export const SPARKLINE_HEIGHT = 24;

/** One overview row, every number already in words and units: the row only lays it out. */
export interface OverviewRowView {
  pipelineId: string;
  name: string;
  groupId: string;
  topicsText: string;
  href: string;
  status: StateLabel & { kind: PipelineSummary['status']['kind']; reason: string };
  /** "Kafka not read: …" in place of the Kafka numbers. */
  kafkaGap: string | null;
  /** Why retries and sink latency are missing. */
  signalsGap: string | null;
  lagMessages: string;
  lagSeconds: ValueText;
  drain: ReturnType<typeof formatTimeToDrain>;
  produceRate: string;
  consumeRate: string;
  dlqDepth: string;
  dlqGrowth: ValueText;
  retries: string;
  sinkP99: string;
  members: ValueText;
  problem: OverviewProblem | null;
  /** The SVG path of the lag trend (SPARKLINE_WIDTH × SPARKLINE_HEIGHT); null before there is a trend. */
  sparkline: string | null;
}

export type OverviewProblem =
  /** Open or recovering: the badge links to it. A just-resolved one ranks below a current finding. */
  | { kind: 'incident'; id: string; href: string; title: string; severity: StateLabel; status: StateLabel; acknowledged: boolean; text: string }
  | { kind: 'finding'; title: string; severity: StateLabel; confidence: string; text: string }
  | { kind: 'resolved'; id: string; href: string; title: string; text: string };

export interface OverviewRowOptions {
  /** The frame's time and interval: the sparkline spans SPARKLINE_POINTS cycles up to it. */
  atMs: number;
  intervalMs: number;
}

/** One row, formatted; the overview builds only the rows in its visible window. */
export function buildOverviewRow(p: PipelineSummary, spark: readonly SparkPoint[], options: OverviewRowOptions): OverviewRowView {
  const members: ValueText =
    p.members === null
      ? { text: 'members –', title: p.kafkaGap ? null : 'membership not visible (Kafka 4 consumer protocol, or the group is gone)' }
      : { text: `${p.members} member${p.members === 1 ? '' : 's'}`, title: p.groupState ? `group ${p.groupState}` : null };
  return {
    pipelineId: p.pipelineId,
    name: p.name,
    groupId: p.groupId,
    topicsText: p.topics.join(', '),
    href: buildPipelineHref(p.pipelineId),
    status: { ...describeHealthKind(p.status.kind), kind: p.status.kind, reason: p.status.reason },
    kafkaGap: p.kafkaGap === null ? null : `Kafka not read: ${p.kafkaGap}`,
    signalsGap: p.signalsGap,
    lagMessages: formatMessagesText(p.lagMessages),
    lagSeconds: formatLagSeconds(p.lagSeconds),
    drain: drainText(p),
    produceRate: formatMessageRate(p.produceRatePerSec),
    consumeRate: formatMessageRate(p.consumeRatePerSec),
    dlqDepth: p.dlqDepthMessages === null ? 'no DLQ' : formatMessagesText(p.dlqDepthMessages),
    dlqGrowth: dlqGrowthText(p),
    retries: formatRate(p.retriesPerSec),
    sinkP99: formatLatency(p.sinkLatencyP99Seconds),
    members,
    problem: problemOf(p),
    sparkline: buildSparklinePath(spark, { width: SPARKLINE_WIDTH, height: SPARKLINE_HEIGHT, fromMs: sparklineStartMs(options.atMs, options.intervalMs), toMs: options.atMs }),
  };
}

/** A healthy pipeline's backlog of a few records "growing +0.3 msg/s" is noise: it keeps its words, not the alarm colour. */
function drainText(p: PipelineSummary): OverviewRowView['drain'] {
  const drain = formatTimeToDrain(p.timeToDrain);
  return p.status.kind === 'ok' && drain.tone === 'warn' ? { ...drain, tone: 'neutral' } : drain;
}

function dlqGrowthText(p: PipelineSummary): ValueText {
  if (p.dlqDepthMessages === null) return { text: '', title: 'no dead letter topic found for this pipeline' };
  const g = p.dlqGrowthPerSec;
  if (g === null) return { text: MISSING, title: 'no rate yet' };
  if (g <= 0) return { text: 'steady', title: null };
  return { text: `+${formatMessageRate(g)}`, title: 'the DLQ grows' };
}

function problemOf(p: PipelineSummary): OverviewProblem | null {
  const open = p.incident && p.incident.status !== 'resolved' ? p.incident : null;
  const resolved = p.incident && p.incident.status === 'resolved' ? p.incident : null;
  if (open) return incidentProblem(open);
  if (p.finding) {
    const f = p.finding;
    return { kind: 'finding', title: f.title, severity: describeSeverity(f.severity), confidence: f.confidence, text: `${f.title} (${f.confidence} confidence)` };
  }
  if (resolved) return { kind: 'resolved', id: resolved.id, href: buildIncidentHref(resolved.id), title: resolved.title, text: `${resolved.title} · resolved` };
  return null;
}

function incidentProblem(i: NonNullable<PipelineSummary['incident']>): OverviewProblem {
  const status = describeIncidentStatus(i.status);
  return {
    kind: 'incident',
    id: i.id,
    href: buildIncidentHref(i.id),
    title: i.title,
    severity: describeSeverity(i.severity),
    status,
    acknowledged: i.acknowledged,
    text: `${i.title} · ${status.label.toLowerCase()}${i.acknowledged ? ' · acknowledged' : ''}`,
  };
}
