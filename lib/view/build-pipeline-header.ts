import type { PipelineJson } from '../api/pipeline-json';
import type { HealthKind } from '../diagnosis/evaluate-status';
import type { IncidentJson, PipelineSummary } from '../live/live-wire';
import { failureTitle } from './failure-title';
import { describeHealthKind, describeIncidentStatus, describeSeverity, type StateLabel } from './describe-status';
import { formatAbsoluteAndRelative } from './format-time';
import { buildIncidentHref } from './view-links';
import { adviseDormantGroup, describeActivityState, explainActivity } from '../pipelines/describe-activity';

export interface PipelineHeaderView {
  name: string;
  status: (StateLabel & { kind: HealthKind; reason: string }) | null;
  incidents: { id: string; href: string; severity: StateLabel; text: string }[];
  facts: { label: string; value: string }[];
  /** An inactive or abandoned group: why it is no incident, and what to do about it. */
  dormant: { state: 'inactive' | 'abandoned'; text: string; advice: string[] } | null;
}

/** The pipeline page's header: from the detail when it has come, from the overview row meanwhile. */
export function buildPipelineHeader(pipelineId: string, detail: PipelineJson | null, summary: PipelineSummary | null, incidents: readonly IncidentJson[], nowMs: number): PipelineHeaderView {
  const name = detail?.name ?? summary?.name ?? pipelineId;
  const statusSource = detail?.diagnosis?.status.pipeline ?? summary?.status ?? null;
  const status = statusSource ? { ...describeHealthKind(statusSource.kind), kind: statusSource.kind, reason: statusSource.reason } : null;
  const groupId = detail?.groupId ?? summary?.groupId ?? null;
  const topics = detail?.topics ?? summary?.topics ?? [];
  const facts: PipelineHeaderView['facts'] = [];
  if (groupId !== null) facts.push({ label: 'Group', value: groupId });
  if (topics.length > 0) facts.push({ label: topics.length === 1 ? 'Topic' : 'Topics', value: topics.join(', ') });
  if (detail && detail.dlqTopics.length > 0) facts.push({ label: 'DLQ', value: detail.dlqTopics.join(', ') });
  if (detail) facts.push({ label: 'Collected', value: formatAbsoluteAndRelative(detail.takenAtMs, nowMs) });
  const activity = detail?.activity ?? summary?.activity ?? null;
  if (activity) facts.push({ label: 'Activity', value: `${describeActivityState(activity.state)}: ${explainActivity(activity, nowMs)}` });
  const dormant =
    activity && (activity.state === 'inactive' || activity.state === 'abandoned') && groupId !== null
      ? { state: activity.state, text: `${describeActivityState(activity.state)}: ${explainActivity(activity, nowMs)}. No incident and no notification.`, advice: adviseDormantGroup(groupId) }
      : null;
  return {
    name,
    status,
    incidents: incidents
      .filter((i) => i.status !== 'resolved')
      .map((i) => ({
        id: i.id,
        href: buildIncidentHref(i.id),
        severity: describeSeverity(i.severity),
        text: `${failureTitle(i.type)} · ${describeIncidentStatus(i.status).label.toLowerCase()}`,
      })),
    facts,
    dormant,
  };
}
