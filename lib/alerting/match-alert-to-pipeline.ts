import type { ExternalAlert } from './external-alert';

/** Which alert labels name a pipeline, its consumer group or one of its topics, each list tried in order. */
export interface AlertMatchLabels {
  pipeline: readonly string[];
  group: readonly string[];
  topic: readonly string[];
}

/**
 * `pipeline` is the label of Pipewatch's own metrics (and so of rules from `pipewatch export-rules`);
 * `consumergroup` is kafka_exporter's, `consumer_group` Pipewatch's and many clients', `group` Burrow's and KMinion's.
 */
export const DEFAULT_ALERT_MATCH_LABELS: AlertMatchLabels = {
  pipeline: ['pipeline'],
  group: ['consumer_group', 'consumergroup', 'group'],
  topic: ['topic'],
};

export interface PipelineRef {
  pipelineId: string;
  groupId: string;
  topics: readonly string[];
}

export type MatchedBy = keyof AlertMatchLabels;

export type AlertMatch =
  | { kind: 'matched'; pipelineId: string; by: MatchedBy; label: string }
  /** A topic read by several pipelines, with nothing more specific on the alert. */
  | { kind: 'ambiguous'; by: 'topic'; label: string; pipelineIds: string[] }
  | { kind: 'unmatched' };

/** An alert as Pipewatch keeps it: unmatched ones too, with pipelineId null. */
export interface MatchedAlert extends ExternalAlert {
  pipelineId: string | null;
  match: AlertMatch;
}

interface PipelineIndex {
  byId: ReadonlyMap<string, string>;
  byGroup: ReadonlyMap<string, string>;
  byTopic: ReadonlyMap<string, readonly string[]>;
}

/**
 * The pipeline an alert is about: by pipeline id, else consumer group, else topic — the most
 * specific first. Values compare exactly (no patterns, no case folding), so a label value can
 * only ever name a pipeline, never select several.
 */
export function matchAlertToPipeline(alert: ExternalAlert, pipelines: readonly PipelineRef[], matchLabels: AlertMatchLabels): AlertMatch {
  return matchIndexed(alert, indexPipelines(pipelines), matchLabels);
}

/** Every alert with its match; the index is built once for the batch. */
export function matchAlerts(alerts: readonly ExternalAlert[], pipelines: readonly PipelineRef[], matchLabels: AlertMatchLabels): MatchedAlert[] {
  const index = indexPipelines(pipelines);
  return alerts.map((alert) => {
    const match = matchIndexed(alert, index, matchLabels);
    return { ...alert, pipelineId: match.kind === 'matched' ? match.pipelineId : null, match };
  });
}

function matchIndexed(alert: ExternalAlert, index: PipelineIndex, matchLabels: AlertMatchLabels): AlertMatch {
  const valueOf = (label: string) => (Object.hasOwn(alert.labels, label) ? alert.labels[label] : undefined);
  for (const [by, lookup] of [
    ['pipeline', index.byId],
    ['group', index.byGroup],
  ] as const) {
    for (const label of matchLabels[by]) {
      const value = valueOf(label);
      const pipelineId = value === undefined ? undefined : lookup.get(value);
      if (pipelineId !== undefined) return { kind: 'matched', pipelineId, by, label };
    }
  }
  for (const label of matchLabels.topic) {
    const value = valueOf(label);
    const pipelineIds = value === undefined ? undefined : index.byTopic.get(value);
    if (pipelineIds === undefined) continue;
    if (pipelineIds.length === 1) return { kind: 'matched', pipelineId: pipelineIds[0]!, by: 'topic', label };
    return { kind: 'ambiguous', by: 'topic', label, pipelineIds: [...pipelineIds] };
  }
  return { kind: 'unmatched' };
}

function indexPipelines(pipelines: readonly PipelineRef[]): PipelineIndex {
  const byId = new Map<string, string>();
  const byGroup = new Map<string, string>();
  const byTopic = new Map<string, string[]>();
  for (const p of pipelines) {
    byId.set(p.pipelineId, p.pipelineId);
    byGroup.set(p.groupId, p.pipelineId);
    for (const topic of new Set(p.topics)) byTopic.set(topic, [...(byTopic.get(topic) ?? []), p.pipelineId]);
  }
  return { byId, byGroup, byTopic };
}
