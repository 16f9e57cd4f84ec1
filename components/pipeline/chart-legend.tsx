import type { ChartSeriesDefinition } from '@/lib/view/chart-definitions';

/** Line samples with their names; dashed series keep their dash here too (colour is not the only cue). */
export function ChartLegend({ series }: { series: ChartSeriesDefinition[] }) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-700 dark:text-slate-300">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1">
          <svg width="18" height="6" aria-hidden="true">
            <line x1="0" y1="3" x2="18" y2="3" stroke={`var(--chart-${s.colour})`} strokeWidth="2" strokeDasharray={s.dashed ? '4 2' : undefined} />
          </svg>
          <span dir="auto">{s.label}</span>
        </li>
      ))}
    </ul>
  );
}
