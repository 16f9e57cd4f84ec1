import type { PipelinePoint } from '../live/live-wire';
import type { DataGap } from '../live/live-protocol';
import { MAX_PARTITION_SERIES, POINT_METRICS } from '../pipelines/pipeline-point';
import type { ChartDefinition, ChartSeriesDefinition } from './chart-definitions';
import { assertNever } from '../assert-never';

/**
 * Points and gaps become what recharts draws. A missing value stays null (never 0) and a hole of
 * more than two collection intervals gets an explicit null row, so with connectNulls={false} every
 * line breaks where Pipewatch has no data instead of drawing a straight line across it.
 */

export type ChartRow = { atMs: number } & Record<string, number | null>;

export interface TimeDomain {
  fromMs: number;
  toMs: number;
}

export type GapCause = 'restarted' | 'connection-lost' | 'not-collected' | 'source-missing';

export interface GapArea {
  fromMs: number;
  toMs: number;
  cause: GapCause;
  label: string;
}

export interface ChartSeriesData {
  /** null before the first point. */
  domain: TimeDomain | null;
  rows: ChartRow[];
  /** Partition lag lines: `p0`, `p1`… keys, labelled `topic/partition`. */
  partitionSeries: ChartSeriesDefinition[];
  /** Gaps every chart shares: server restarts, lost connections, holes in collection. */
  gaps: GapArea[];
}


export interface ChartSeriesInput {
  points: readonly PipelinePoint[];
  gaps: readonly DataGap[];
  intervalMs: number;
  windowMs: number;
}

export function buildChartSeries({ points, gaps, intervalMs, windowMs }: ChartSeriesInput): ChartSeriesData {
  const sorted = dedupeByTime(points);
  const lastAtMs = Math.max(sorted.at(-1)?.atMs ?? -Infinity, ...gaps.map((g) => g.toMs));
  if (!Number.isFinite(lastAtMs)) return { domain: null, rows: [], partitionSeries: [], gaps: [] };
  const domain = { fromMs: lastAtMs - windowMs, toMs: lastAtMs };
  const inWindow = sorted.filter((p) => p.atMs >= domain.fromMs);
  const partitionSeries = buildPartitionSeries(inWindow);
  const keyOf = new Map(partitionSeries.map((s) => [s.label, s.key]));

  const explicit = gaps.flatMap((g) => clip({ fromMs: g.fromMs, toMs: g.toMs, ...gapCause(g.reason) }, domain));
  const holes: GapArea[] = [];
  const rows: ChartRow[] = [];
  inWindow.forEach((p, i) => {
    const previous = inWindow[i - 1];
    if (previous && p.atMs - previous.atMs > 2 * intervalMs) {
      rows.push(breakRow((previous.atMs + p.atMs) / 2, partitionSeries));
      const covered = explicit.some((g) => g.fromMs <= previous.atMs + intervalMs && g.toMs >= p.atMs - intervalMs);
      if (!covered) holes.push({ fromMs: previous.atMs, toMs: p.atMs, cause: 'not-collected', label: 'no data: not collected' });
    }
    rows.push(pointRow(p, partitionSeries, keyOf));
  });
  // An explicit gap with no hole between its neighbours (a client-side gap) still breaks the lines.
  for (const g of explicit) {
    const inside = rows.some((r) => r.atMs > g.fromMs && r.atMs < g.toMs);
    if (!inside && g.toMs > g.fromMs) rows.push(breakRow((g.fromMs + g.toMs) / 2, partitionSeries));
  }
  rows.sort((a, b) => a.atMs - b.atMs);
  return { domain, rows, partitionSeries, gaps: mergeGaps([...explicit, ...holes]) };
}

/**
 * The gaps one chart draws: the shared ones, plus runs of points where all of its series are null
 * (Kafka not read, or Prometheus without a value), from the last point before to the first after.
 */
export function buildChartGaps(data: ChartSeriesData, chart: ChartDefinition): GapArea[] {
  const keys = (chart.series.length > 0 ? chart.series : data.partitionSeries).map((s) => s.key);
  const points = data.rows.filter((r) => !isBreakRow(r));
  const runs: GapArea[] = [];
  let i = 0;
  while (i < points.length) {
    if (!allNull(points[i]!, keys)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < points.length && allNull(points[j + 1]!, keys)) j++;
    const fromMs = points[i - 1]?.atMs ?? points[i]!.atMs;
    const toMs = points[j + 1]?.atMs ?? points[j]!.atMs;
    // The very first point has no rate yet (a rate needs two readings): a warm-up, not a gap.
    const warmUp = i === 0 && j === 0 && points.length > 1 && points[0]!.lagMessages !== null;
    if (toMs > fromMs && !warmUp) runs.push({ fromMs, toMs, cause: 'source-missing', label: missingLabel(chart, points.slice(i, j + 1)) });
    i = j + 1;
  }
  return mergeGaps([...data.gaps, ...runs]);
}

/**
 * A point without lag is a cycle Kafka was not read; with lag but without this chart's values, the
 * values were not computed (a rate needs two readings) or Prometheus had none.
 */
function missingLabel(chart: ChartDefinition, run: readonly ChartRow[]): string {
  if (chart.source === 'prometheus') return 'no data: no Prometheus value';
  return run.every((r) => r.lagMessages === null) ? 'no data: Kafka not read' : 'no data';
}

function gapCause(reason: DataGap['reason']): Pick<GapArea, 'cause' | 'label'> {
  switch (reason) {
    case 'epoch-changed':
      return { cause: 'restarted', label: 'no data: Pipewatch restarted' };
    case 'resume-unavailable':
    case 'slow-client':
      return { cause: 'connection-lost', label: 'no data: connection lost' };
    default:
      return assertNever(reason, 'gap reason');
  }
}

/** The partitions seen in the window, the most lagging first when there are too many to draw. */
function buildPartitionSeries(points: readonly PipelinePoint[]): ChartSeriesDefinition[] {
  const peak = new Map<string, number>();
  for (const p of points) for (const [label, lag] of Object.entries(p.partitionLag)) peak.set(label, Math.max(peak.get(label) ?? 0, lag));
  const kept = [...peak.entries()].sort((a, b) => b[1] - a[1] || comparePartitionLabels(a[0], b[0])).slice(0, MAX_PARTITION_SERIES).map(([label]) => label);
  // Eight colours; past them, dashes tell lines of the same colour apart.
  return kept.sort(comparePartitionLabels).map((label, i) => ({ key: `p${i}`, label, colour: (i % 8) + 1, dashed: Math.floor(i / 8) % 2 === 1 }));
}

/** `topic/partition`, by topic then partition number (a topic name may itself hold '/'). */
function comparePartitionLabels(a: string, b: string): number {
  const split = (label: string) => {
    const at = label.lastIndexOf('/');
    return { topic: label.slice(0, at), partition: Number(label.slice(at + 1)) };
  };
  const x = split(a);
  const y = split(b);
  return x.topic.localeCompare(y.topic) || x.partition - y.partition;
}

function pointRow(p: PipelinePoint, partitions: readonly ChartSeriesDefinition[], keyOf: ReadonlyMap<string, string>): ChartRow {
  const row: ChartRow = { atMs: p.atMs };
  for (const f of POINT_METRICS) row[f] = finiteOrNull(p[f]);
  for (const s of partitions) row[s.key] = null;
  for (const [label, lag] of Object.entries(p.partitionLag)) {
    const key = keyOf.get(label);
    if (key) row[key] = finiteOrNull(lag);
  }
  return row;
}

const BREAK = '__break';

function breakRow(atMs: number, partitions: readonly ChartSeriesDefinition[]): ChartRow {
  const row: ChartRow = { atMs, [BREAK]: 1 };
  for (const f of POINT_METRICS) row[f] = null;
  for (const s of partitions) row[s.key] = null;
  return row;
}

export function isBreakRow(row: ChartRow): boolean {
  return row[BREAK] === 1;
}

function allNull(row: ChartRow, keys: readonly string[]): boolean {
  return keys.every((k) => row[k] === null || row[k] === undefined);
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

function dedupeByTime(points: readonly PipelinePoint[]): PipelinePoint[] {
  const byTime = new Map<number, PipelinePoint>();
  for (const p of points) byTime.set(p.atMs, p);
  return [...byTime.values()].sort((a, b) => a.atMs - b.atMs);
}

function clip(gap: GapArea, domain: TimeDomain): GapArea[] {
  const fromMs = Math.max(gap.fromMs, domain.fromMs);
  const toMs = Math.min(gap.toMs, domain.toMs);
  return toMs > fromMs ? [{ ...gap, fromMs, toMs }] : [];
}

/** Overlapping gaps of the same cause become one. */
function mergeGaps(gaps: readonly GapArea[]): GapArea[] {
  const merged: GapArea[] = [];
  for (const g of [...gaps].sort((a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs)) {
    const last = merged.findLast((m) => m.cause === g.cause);
    if (last && g.fromMs <= last.toMs) last.toMs = Math.max(last.toMs, g.toMs);
    else merged.push({ ...g });
  }
  return merged.sort((a, b) => a.fromMs - b.fromMs);
}
