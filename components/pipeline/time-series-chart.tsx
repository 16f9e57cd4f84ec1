'use client';

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { EventMarker, IncidentBand } from '@/lib/view/build-chart-overlays';
import type { ChartRow, GapArea, TimeDomain } from '@/lib/view/build-chart-series';
import type { ChartDefinition, ChartSeriesDefinition } from '@/lib/view/chart-definitions';
import { formatAxisTick, formatChartValue, formatTimeTick } from '@/lib/view/format-chart-values';
import { formatUtcTime } from '@/lib/view/format-time';
import { GAP_HATCH_ID } from './chart-patterns';

export interface TimeSeriesChartProps {
  definition: ChartDefinition;
  series: ChartSeriesDefinition[];
  rows: ChartRow[];
  domain: TimeDomain;
  ticks: number[];
  gaps: GapArea[];
  bands: IncidentBand[];
  markers: EventMarker[];
  height?: number;
}

const AXIS_TICK = { fill: 'var(--chart-axis)', fontSize: 11 };
const MIN_LABELLED_SHARE = 0.12;
const BAND_FILL = { critical: 'var(--band-critical)', warning: 'var(--band-warning)', info: 'var(--band-info)' } as const;

/**
 * One time series chart: lines that break on null (connectNulls={false}), incidents as bands,
 * group events as dashed markers, data gaps as hatched areas with their reason. No animation: a
 * live chart that animates every 5 s only moves the eye for nothing.
 */
export function TimeSeriesChart({ definition, series, rows, domain, ticks, gaps, bands, markers, height = 180 }: TimeSeriesChartProps) {
  const { unit } = definition;
  const spanMs = domain.toMs - domain.fromMs;
  // A label wider than its area would spill over the lines; narrow areas keep the hatch and lose the words.
  const fits = (fromMs: number, toMs: number) => (toMs - fromMs) / spanMs >= MIN_LABELLED_SHARE;
  return (
    <LineChart responsive data={rows} style={{ width: '100%', height }} margin={{ top: 16, right: 12, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
      <XAxis
        dataKey="atMs"
        type="number"
        scale="time"
        domain={[domain.fromMs, domain.toMs]}
        allowDataOverflow
        ticks={ticks}
        tickFormatter={formatTimeTick}
        tick={AXIS_TICK}
        stroke="var(--chart-grid)"
      />
      <YAxis width={56} domain={[0, 'auto']} allowDecimals tick={AXIS_TICK} tickFormatter={(v: number) => formatAxisTick(unit, v)} stroke="var(--chart-grid)" />
      {bands.map((b) => (
        <ReferenceArea
          key={`band-${b.id}`}
          x1={b.fromMs}
          x2={b.toMs}
          ifOverflow="hidden"
          fill={BAND_FILL[b.severity]}
          fillOpacity={0.45}
          // An ongoing band ends at the right edge: its label runs leftwards from there, never off the chart.
          label={{ value: b.caption, position: b.ongoing ? 'insideTopRight' : 'insideTopLeft', fill: 'var(--chart-text)', fontSize: 11, fontWeight: 600 }}
        />
      ))}
      {gaps.map((g) => (
        <ReferenceArea
          key={`gap-${g.cause}-${g.fromMs}`}
          x1={g.fromMs}
          x2={g.toMs}
          ifOverflow="hidden"
          fill={`url(#${GAP_HATCH_ID})`}
          fillOpacity={1}
          stroke="var(--gap-stroke)"
          strokeDasharray="2 2"
          label={fits(g.fromMs, g.toMs) ? { value: g.label, position: 'center', fill: 'var(--chart-text)', fontSize: 11 } : undefined}
        />
      ))}
      {markers.map((m) => (
        <ReferenceLine
          key={`marker-${m.atMs}`}
          x={m.atMs}
          ifOverflow="hidden"
          stroke="var(--marker)"
          strokeDasharray="4 3"
          label={m.showLabel ? { value: m.label, position: 'insideBottomRight', fill: 'var(--marker)', fontSize: 10 } : undefined}
        />
      ))}
      <Tooltip
        isAnimationActive={false}
        labelFormatter={(atMs) => formatUtcTime(Number(atMs))}
        formatter={(value, name) => [formatChartValue(unit, typeof value === 'number' ? value : null), name]}
        contentStyle={{ background: 'var(--chart-bg)', border: '1px solid var(--chart-grid)', color: 'var(--chart-text)', fontSize: 12 }}
        labelStyle={{ color: 'var(--chart-text)', fontWeight: 600 }}
      />
      {series.map((s) => (
        <Line
          key={s.key}
          type="linear"
          dataKey={s.key}
          name={s.label}
          stroke={`var(--chart-${s.colour})`}
          strokeWidth={1.75}
          strokeDasharray={s.dashed ? '5 3' : undefined}
          dot={false}
          activeDot={{ r: 3 }}
          isAnimationActive={false}
          connectNulls={false}
        />
      ))}
    </LineChart>
  );
}
