import type { Severity } from '../diagnosis/failure-table';
import type { PipelinePoint } from '../live/live-wire';
import { EVIDENCE_METRICS, type EvidencePoint } from '../incidents/evidence-point';
import type { EventMarker, IncidentBand } from './build-chart-overlays';
import { buildChartGaps, buildChartSeries, type ChartRow, type GapArea, type TimeDomain } from './build-chart-series';
import { CHART_DEFINITIONS, type ChartDefinition, type ChartId } from './chart-definitions';
import { failureTitle } from './failure-title';
import { buildTimeTicks } from './format-chart-values';
import type { TimelineEntryDetail } from './incident-detail-answer';
import { buildIncidentHref } from './view-links';

/**
 * The incident page's charts, drawn from the evidence the store kept around the incident (about
 * 15 minutes before it opened to 10 after it resolved) rather than from the live window: they
 * still show the incident a month later. The same chart pieces as the pipeline page, so a null
 * breaks a line the same way and a hole in collection is hatched the same way.
 */

export interface EvidenceChart {
  definition: ChartDefinition;
  gaps: GapArea[];
  /** False when every point is null for this chart (no Prometheus, a pipeline without DLQ). */
  hasData: boolean;
}

export interface EvidenceChartsView {
  domain: TimeDomain | null;
  rows: ChartRow[];
  ticks: number[];
  charts: EvidenceChart[];
  bands: IncidentBand[];
  markers: EventMarker[];
  pointCount: number;
  /** Points kept but outside the span drawn (span 'incident'). */
  hiddenPoints: number;
  /** The usual spacing of the points: the collection interval when they were kept. */
  intervalMs: number | null;
}

export interface EvidenceIncident {
  id: string;
  type: string;
  severity: Severity;
  status: 'open' | 'recovering' | 'resolved';
  firstSeenAtMs: number | null;
  openedAtMs: number | null;
  resolvedAtMs: number | null;
}

const CHART_ORDER: readonly ChartId[] = ['lag', 'lag-seconds', 'rates', 'sink-latency', 'errors', 'retries', 'dlq'];
const KEPT = new Set<string>(EVIDENCE_METRICS);

/** The pipeline page's charts, each cut to the series evidence keeps (sink latency: p99 only). */
export const EVIDENCE_CHARTS: readonly ChartDefinition[] = CHART_ORDER.map((id) => {
  const definition = CHART_DEFINITIONS.find((c) => c.id === id)!;
  const series = definition.series.filter((s) => KEPT.has(s.key));
  return id === 'sink-latency' ? { ...definition, hint: 'sink write latency, p99', series } : { ...definition, series };
});

/** A single point still gets a readable axis. */
const MIN_SPAN_MS = 60_000;

/** Timeline kinds drawn as markers on the charts: what people did, and where the classification moved. */
const MARKED: Partial<Record<TimelineEntryDetail['kind'], string>> = {
  opened: 'opened',
  acknowledged: 'ack',
  note: 'note',
  'resolved-by-hand': 'resolved by hand',
  reclassified: 'reclassified',
  relapsed: 'relapsed',
  muted: 'muted',
};

/**
 * 'incident': the incident with some of before and after (enough to see what normal looked like);
 * 'all': every point kept, which may reach back to an earlier incident.
 */
export type EvidenceSpan = 'incident' | 'all';

/** Before the incident: as long as the incident, at least 2 minutes; after: a quarter of it, at least 2 minutes. */
const LEAD_MIN_MS = 2 * 60_000;
const TRAIL_MIN_MS = 2 * 60_000;

export function buildEvidenceSeries(evidence: readonly EvidencePoint[], incident: EvidenceIncident, timeline: readonly TimelineEntryDetail[] = [], span: EvidenceSpan = 'incident'): EvidenceChartsView {
  const all = [...evidence].sort((a, b) => a.atMs - b.atMs);
  const intervalMs = typicalIntervalMs(all);
  const around = span === 'incident' ? aroundIncident(all, incident) : all;
  const sorted = around.length >= 2 ? around : all;
  const hiddenPoints = all.length - sorted.length;
  if (sorted.length === 0) return { domain: null, rows: [], ticks: [], charts: EVIDENCE_CHARTS.map((definition) => ({ definition, gaps: [], hasData: false })), bands: [], markers: [], pointCount: 0, hiddenPoints, intervalMs };
  const spanMs = sorted.at(-1)!.atMs - sorted[0]!.atMs || MIN_SPAN_MS;
  const data = buildChartSeries({ points: sorted.map(toPipelinePoint), gaps: [], intervalMs: intervalMs ?? spanMs, windowMs: spanMs });
  const domain = data.domain!;
  const charts = EVIDENCE_CHARTS.map((definition) => ({
    definition,
    gaps: buildChartGaps(data, definition),
    hasData: data.rows.some((r) => definition.series.some((s) => r[s.key] !== null && r[s.key] !== undefined)),
  }));
  return { domain, rows: data.rows, ticks: buildTimeTicks(domain), charts, bands: buildBand(incident, domain), markers: buildMarkers(timeline, domain), pointCount: sorted.length, hiddenPoints, intervalMs };
}

function aroundIncident(points: readonly EvidencePoint[], incident: EvidenceIncident): EvidencePoint[] {
  const startMs = minOf(incident.firstSeenAtMs, incident.openedAtMs);
  if (startMs === null || points.length === 0) return [...points];
  const endMs = incident.resolvedAtMs ?? points.at(-1)!.atMs;
  const lengthMs = Math.max(0, endMs - startMs);
  const fromMs = startMs - Math.max(LEAD_MIN_MS, lengthMs);
  const toMs = endMs + Math.max(TRAIL_MIN_MS, lengthMs / 4);
  return points.filter((p) => p.atMs >= fromMs && p.atMs <= toMs);
}

/** From the first sighting to the resolution (or the last point while open), clipped to the points. */
function buildBand(incident: EvidenceIncident, domain: TimeDomain): IncidentBand[] {
  const startMs = minOf(incident.firstSeenAtMs, incident.openedAtMs);
  if (startMs === null) return [];
  const ongoing = incident.resolvedAtMs === null;
  const fromMs = Math.max(startMs, domain.fromMs);
  const toMs = Math.min(incident.resolvedAtMs ?? domain.toMs, domain.toMs);
  if (!(toMs > fromMs)) return [];
  const label = failureTitle(incident.type);
  return [{ id: incident.id, fromMs, toMs, label, severity: incident.severity, ongoing, caption: ongoing ? `${label} (${incident.status})` : label, href: buildIncidentHref(incident.id) }];
}

/** Entries of the same time become one marker; only the first of those too close together is labelled. */
function buildMarkers(timeline: readonly TimelineEntryDetail[], domain: TimeDomain, labelSpacing = 0.08): EventMarker[] {
  const byTime = new Map<number, string[]>();
  for (const entry of timeline) {
    const label = MARKED[entry.kind];
    if (label === undefined || entry.atMs === null || entry.atMs < domain.fromMs || entry.atMs > domain.toMs) continue;
    byTime.set(entry.atMs, [...(byTime.get(entry.atMs) ?? []), label]);
  }
  const spacingMs = (domain.toMs - domain.fromMs) * labelSpacing;
  let lastLabelledMs = -Infinity;
  return [...byTime.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([atMs, labels]) => {
      const showLabel = atMs - lastLabelledMs >= spacingMs;
      if (showLabel) lastLabelledMs = atMs;
      const unique = [...new Set(labels)];
      return { atMs, label: unique.join(', '), rebalance: false, details: unique, showLabel };
    });
}

/** The median spacing of the points; null with fewer than two. */
export function typicalIntervalMs(points: readonly { atMs: number }[]): number | null {
  const steps = points.slice(1).map((p, i) => p.atMs - points[i]!.atMs).filter((d) => d > 0).sort((a, b) => a - b);
  if (steps.length === 0) return null;
  return steps[Math.floor(steps.length / 2)]!;
}

/** Evidence keeps a subset of a chart point; the rest reads as "not kept" (null). */
function toPipelinePoint(p: EvidencePoint): PipelinePoint {
  return {
    ...p,
    sinkLatencyP50Seconds: null,
    sinkLatencyP95Seconds: null,
    dlqPublishesPerSec: null,
    partitionLag: {},
  };
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
