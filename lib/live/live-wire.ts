import type { GroupActivity } from '../pipelines/group-activity';
import type { PipelineJson } from '../api/pipeline-json';
import type { JsonSafe } from '../api/json-safe';
import type { HealthKind } from '../diagnosis/evaluate-status';
import type { FailureType, Severity } from '../diagnosis/failure-table';
import type { Incident, IncidentStatus } from '../incidents/incident';
import type { SourceHealth } from '../collection/source-health';
import type { TimeToDrain } from '../pipelines/evaluate-time-to-drain';
import type { GroupEvent } from '../pipelines/group-events';
import type { PipelinePoint } from '../pipelines/pipeline-point';
import type { TimeLagEstimate } from '../time-lag/estimate-lag-seconds';

export type { PipelinePoint };

/**
 * What the live streams carry. Every shape here is plain JSON (no bigint, no Map): the server
 * serialises a frame once and sends the same bytes to every subscriber.
 */

export type IncidentJson = JsonSafe<Incident>;

/** The open (or just resolved) incident of a pipeline, as the overview row shows it. */
export interface IncidentBadge {
  id: string;
  type: FailureType;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  openedAtMs: number;
  acknowledged: boolean;
}

/**
 * One overview row: enough to say what is wrong with a pipeline without opening it, and nothing
 * more (never partitions). A field added here (a group's activity, say) travels in snapshots and
 * deltas, is diffed and merged, with no other change to the protocol.
 */
export interface PipelineSummary {
  pipelineId: string;
  name: string;
  groupId: string;
  topics: string[];
  status: { kind: HealthKind; reason: string };
  /** Sort key of the overview: higher is worse (open critical incident first, then status). */
  rank: number;
  /** null when Kafka was not read this cycle; `kafkaGap` says why. */
  lagMessages: number | null;
  lagSeconds: TimeLagEstimate | null;
  timeToDrain: TimeToDrain | { kind: 'unknown'; reason: 'no-rate' } | null;
  produceRatePerSec: number | null;
  consumeRatePerSec: number | null;
  dlqDepthMessages: number | null;
  dlqGrowthPerSec: number | null;
  retriesPerSec: number | null;
  sinkLatencyP99Seconds: number | null;
  members: number | null;
  groupState: string | null;
  kafkaGap: string | null;
  /** null when Prometheus answered; otherwise why the consumer-side signals are missing. */
  signalsGap: string | null;
  incident: IncidentBadge | null;
  /** The classifier's most severe current finding, when there is no incident yet (or besides it). */
  finding: { type: FailureType; title: string; severity: Severity; confidence: string } | null;
  /** Whether the group consumes at all; without lastActiveAtMs, which moves every cycle. Inactive and abandoned rank last. */
  activity: SummaryActivity;
}

export type SummaryActivity = Omit<GroupActivity, 'lastActiveAtMs'>;

/** [atMs, lagMessages]: the overview's sparkline, kept short. */
export type SparkPoint = [atMs: number, lagMessages: number | null];

/** Sparklines show the recent trend only: the server keeps and the browser extends this many points. */
export const SPARKLINE_POINTS = 60;

export interface SourcesJson {
  kafka: SourceHealth;
  prometheus: SourceHealth;
}

/** An open (or just resolved) incident as the overview knows it: enough to tell when the incident lists must be read again. */
export interface OpenIncidentRef {
  id: string;
  pipelineId: string;
  type: FailureType;
  severity: Severity;
  status: IncidentStatus;
  resolvedAtMs: number | null;
  acknowledged: boolean;
}

export interface OverviewFrame {
  atMs: number;
  intervalMs: number;
  sources: SourcesJson;
  /** Worst first (comparePipelineSummaries). */
  pipelines: PipelineSummary[];
  openIncidents: OpenIncidentRef[];
}

export interface OverviewSnapshot {
  frame: OverviewFrame | null;
  /**
   * Per pipeline, its lag over the last SPARKLINE_POINTS cycles. Deltas carry no points: a row's
   * changed `lagMessages` is its new point, and a row not sent kept its lag.
   */
  sparklines: Record<string, SparkPoint[]>;
}

/**
 * The overview's change since the previous frame: new pipelines whole, only the changed fields of
 * the pipelines that changed (unchanged rows are not sent at all), pipelines gone, and sources or
 * open incidents only when they moved. The order travels as each row's `rank`: the client sorts
 * with the server's comparator (comparePipelineSummaries), so a reorder costs a `rank` field per
 * moved row instead of the list of every id. 5,000 pipelines of which a tenth change cost tens
 * of KiB, not the whole frame.
 */
export interface OverviewDelta {
  atMs: number;
  intervalMs: number;
  /** null: unchanged. */
  sources: SourcesJson | null;
  added: PipelineSummary[];
  changed: PipelineSummaryPatch[];
  removed: string[];
  /** null: unchanged. */
  openIncidents: OpenIncidentRef[] | null;
}

export type PipelineSummaryPatch = Partial<PipelineSummary> & { pipelineId: string };

export interface PipelineSnapshotData {
  pipelineId: string;
  /** The latest full state: partitions, members, diagnosis with recommendations. null before the first cycle. */
  detail: PipelineJson | null;
  /** Oldest first, within the requested window. */
  points: PipelinePoint[];
  /** Group state changes, joins, leaves and moved partitions within the window: the charts' markers. */
  events: GroupEvent[];
  /** Open and recently resolved incidents of this pipeline: the charts' bands. */
  incidents: IncidentJson[];
}

export interface PipelineDelta {
  pipelineId: string;
  detail: PipelineJson;
  point: PipelinePoint;
  /** Events first seen this cycle. */
  events: GroupEvent[];
  /** Incidents of this pipeline that changed this cycle (opened, updated, resolved). */
  incidents: IncidentJson[];
}
