'use client';

import { useMemo } from 'react';
import type { PipelineState } from '@/components/live/stream-state';
import { buildEventMarkers, buildIncidentBands } from '@/lib/view/build-chart-overlays';
import { buildChartGaps, buildChartSeries } from '@/lib/view/build-chart-series';
import { CHART_DEFINITIONS } from '@/lib/view/chart-definitions';
import { buildTimeTicks } from '@/lib/view/format-chart-values';
import { formatDurationText, formatUtcTime } from '@/lib/view/format-time';
import { ChartLegend } from './chart-legend';
import { ChartPatterns } from './chart-patterns';
import { TimeSeriesChart } from './time-series-chart';

/** Every time series of the pipeline over the window, sharing one time axis, bands and markers. */
export function PipelineCharts({ state, intervalMs, windowMs }: { state: PipelineState; intervalMs: number; windowMs: number }) {
  const data = useMemo(() => buildChartSeries({ points: state.points, gaps: state.gaps, intervalMs, windowMs }), [state.points, state.gaps, intervalMs, windowMs]);
  const bands = useMemo(() => buildIncidentBands(state.incidents, data.domain), [state.incidents, data.domain]);
  const markers = useMemo(() => buildEventMarkers(state.events, data.domain), [state.events, data.domain]);
  const ticks = useMemo(() => buildTimeTicks(data.domain), [data.domain]);
  const charts = useMemo(() => CHART_DEFINITIONS.map((definition) => ({ definition, gaps: buildChartGaps(data, definition) })), [data]);

  if (!data.domain) {
    return <p className="rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">No points yet in this window: the first arrive with the next collection cycle.</p>;
  }
  const domain = data.domain;
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <ChartPatterns />
      {charts.map(({ definition, gaps }) => {
        const series = definition.series.length > 0 ? definition.series : data.partitionSeries;
        const isLag = definition.id === 'lag';
        return (
          <figure
            key={definition.id}
            data-testid={`chart-${definition.id}`}
            className={`min-w-0 rounded-lg border border-slate-200 p-2 dark:border-slate-800 ${isLag ? 'lg:col-span-2' : ''}`}
          >
            <figcaption className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 px-1">
              <span>
                <span className="text-sm font-semibold">{definition.title}</span>
                <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{definition.hint}</span>
              </span>
              <ChartLegend series={series} />
            </figcaption>
            <TimeSeriesChart definition={definition} series={series} rows={data.rows} domain={domain} ticks={ticks} gaps={gaps} bands={bands} markers={markers} height={isLag ? 220 : 170} />
            {isLag ? <GapList gaps={gaps} /> : null}
          </figure>
        );
      })}
    </div>
  );
}

/** Each gap drawn on the lag chart, in words, for people and for tests. */
function GapList({ gaps }: { gaps: ReturnType<typeof buildChartGaps> }) {
  if (gaps.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 px-1 text-xs text-slate-700 dark:text-slate-300">
      {gaps.map((g) => (
        <li key={`${g.cause}-${g.fromMs}`} data-testid="gap-marker" data-gap-cause={g.cause} className="flex items-center gap-1">
          <svg width="14" height="10" aria-hidden="true">
            <rect width="14" height="10" fill="url(#pw-gap-hatch)" stroke="var(--gap-stroke)" />
          </svg>
          <span>
            {g.label} · {formatUtcTime(g.fromMs)}–{formatUtcTime(g.toMs)} ({formatDurationText(g.toMs - g.fromMs)})
          </span>
        </li>
      ))}
    </ul>
  );
}
