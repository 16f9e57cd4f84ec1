import type { PointMetric } from '../pipelines/pipeline-point';

/** The pipeline page's charts: which point fields each draws, in which unit, read from which source. */

export type ChartUnit = 'messages' | 'messages-per-sec' | 'seconds' | 'latency' | 'per-sec';

/** Kafka-read charts go blank when Kafka was not read; Prometheus ones when it had no value. */
export type ChartSource = 'kafka' | 'prometheus';

export type ScalarField = PointMetric;

export interface ChartSeriesDefinition {
  key: string;
  label: string;
  /** 1..8: the series colour (a CSS variable), distinct per chart. */
  colour: number;
  dashed?: boolean;
}

export interface ChartDefinition {
  id: ChartId;
  title: string;
  /** What the chart answers, under its title. */
  hint: string;
  unit: ChartUnit;
  source: ChartSource;
  /** Empty for the per-partition chart: its series come from the data. */
  series: ChartSeriesDefinition[];
}

export type ChartId = 'lag' | 'partition-lag' | 'lag-seconds' | 'rates' | 'dlq' | 'retries' | 'sink-latency' | 'errors';

const field = (key: ScalarField, label: string, colour: number, dashed = false): ChartSeriesDefinition => ({ key, label, colour, dashed });

export const CHART_DEFINITIONS: readonly ChartDefinition[] = [
  { id: 'lag', title: 'Lag', hint: 'messages not yet consumed, all partitions', unit: 'messages', source: 'kafka', series: [field('lagMessages', 'lag', 1)] },
  { id: 'lag-seconds', title: 'Lag in seconds', hint: 'age of the oldest unconsumed record', unit: 'seconds', source: 'kafka', series: [field('lagSeconds', 'lag', 2)] },
  {
    id: 'rates',
    title: 'Produce vs consume',
    hint: 'lag grows while produce is above consume',
    unit: 'messages-per-sec',
    source: 'kafka',
    series: [field('produceRatePerSec', 'produce', 3), field('consumeRatePerSec', 'consume', 4, true)],
  },
  { id: 'partition-lag', title: 'Lag per partition', hint: 'the most lagging partitions', unit: 'messages', source: 'kafka', series: [] },
  {
    id: 'sink-latency',
    title: 'Sink latency',
    hint: 'write latency quantiles',
    unit: 'latency',
    source: 'prometheus',
    series: [field('sinkLatencyP50Seconds', 'p50', 4), field('sinkLatencyP95Seconds', 'p95', 5), field('sinkLatencyP99Seconds', 'p99', 6)],
  },
  {
    id: 'errors',
    title: 'Error classes',
    hint: 'transient errors are retried; permanent ones go to the DLQ',
    unit: 'per-sec',
    source: 'prometheus',
    series: [field('sinkTransientErrorsPerSec', 'transient errors', 5), field('sinkPermanentErrorsPerSec', 'permanent errors', 6), field('dlqPublishesPerSec', 'DLQ publishes', 7, true)],
  },
  { id: 'retries', title: 'Retries', hint: 'retried sink writes', unit: 'per-sec', source: 'prometheus', series: [field('retriesPerSec', 'retries', 5)] },
  { id: 'dlq', title: 'DLQ depth', hint: 'records retained in the dead letter topics', unit: 'messages', source: 'kafka', series: [field('dlqDepthMessages', 'DLQ depth', 6)] },
];

export function chartDefinition(id: ChartId): ChartDefinition {
  const found = CHART_DEFINITIONS.find((c) => c.id === id);
  if (!found) throw new Error(`no chart ${id}`);
  return found;
}
