'use client';

import { memo } from 'react';
import { ChartLegend } from '@/components/pipeline/chart-legend';
import { ChartPatterns } from '@/components/pipeline/chart-patterns';
import { TimeSeriesChart } from '@/components/pipeline/time-series-chart';
import type { EvidenceChartsView, EvidenceSpan } from '@/lib/view/build-evidence-series';
import { formatDurationText, formatUtcDateTime } from '@/lib/view/format-time';

/**
 * The pipeline's numbers around the incident, as the store kept them: the band is the incident,
 * dashed lines what people did. Memoised: the page ticks every second for its relative times,
 * and seven charts need not redraw for that.
 */
export const EvidenceCharts = memo(function EvidenceCharts({ view, span, onSpanChange }: { view: EvidenceChartsView; span: EvidenceSpan; onSpanChange: (span: EvidenceSpan) => void }) {
  const domain = view.domain;
  if (domain === null) {
    return (
      <p data-testid="evidence-chart" data-points="0" className="rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
        No evidence points were kept for this incident: the store records the pipeline’s numbers every cycle while an incident is open.
      </p>
    );
  }
  const shown = view.charts.filter((c) => c.hasData);
  // Band and marker names are written once, on the wide lag chart: narrow charts would cut or overlap them.
  const unlabelled = view.bands.map((b) => ({ ...b, caption: '' }));
  const unlabelledMarkers = view.markers.map((m) => ({ ...m, showLabel: false }));
  const missing = view.charts.filter((c) => !c.hasData);
  return (
    <div data-testid="evidence-chart" data-points={view.pointCount} className="space-y-2">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {view.pointCount} points, {formatUtcDateTime(domain.fromMs)} to {formatUtcDateTime(domain.toMs)}
        {view.intervalMs !== null ? `, every ${formatDurationText(view.intervalMs)}` : ''}. Band: the incident; dashed lines: opened, acknowledged, notes, resolved by hand; hatched: no data.{' '}
        {span === 'incident' && view.hiddenPoints > 0 ? (
          <button type="button" data-testid="evidence-span" onClick={() => onSpanChange('all')} className="font-medium text-blue-800 underline dark:text-blue-300">
            Show all {view.pointCount + view.hiddenPoints} points kept
          </button>
        ) : span === 'all' ? (
          <button type="button" data-testid="evidence-span" onClick={() => onSpanChange('incident')} className="font-medium text-blue-800 underline dark:text-blue-300">
            Zoom to the incident
          </button>
        ) : null}
      </p>
      <ChartPatterns />
      <div className="grid gap-3 xl:grid-cols-2">
        {shown.map(({ definition, gaps }) => {
          const isLag = definition.id === 'lag';
          return (
            <figure key={definition.id} data-testid={`evidence-chart-${definition.id}`} data-chart={definition.id} className={`min-w-0 rounded-lg border border-slate-200 p-2 dark:border-slate-800 ${isLag ? 'xl:col-span-2' : ''}`}>
              <figcaption className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 px-1">
                <span>
                  <span className="text-sm font-semibold">{definition.title}</span>
                  <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{definition.hint}</span>
                </span>
                <ChartLegend series={definition.series} />
              </figcaption>
              <TimeSeriesChart definition={definition} series={definition.series} rows={view.rows} domain={domain} ticks={view.ticks} gaps={gaps} bands={isLag ? view.bands : unlabelled} markers={isLag ? view.markers : unlabelledMarkers} height={isLag ? 200 : 150} />
            </figure>
          );
        })}
      </div>
      {missing.length > 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">No data kept for: {missing.map((c) => c.definition.title).join(', ')}.</p>
      ) : null}
    </div>
  );
});
