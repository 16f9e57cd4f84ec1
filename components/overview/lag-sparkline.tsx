import { SPARKLINE_HEIGHT, SPARKLINE_WIDTH } from '@/lib/view/build-overview-rows';

/**
 * The last minutes of lag, tiny: a trend, not a chart to read values from. One SVG path per row
 * (built in lib/view/build-sparkline-path.ts): a chart component per row costs thousands of DOM
 * nodes and milliseconds of rendering at fleet size.
 */
export function LagSparkline({ path }: { path: string | null }) {
  if (path === null) return <span className="text-xs text-slate-500 dark:text-slate-400">–</span>;
  return (
    <svg width={SPARKLINE_WIDTH} height={SPARKLINE_HEIGHT} viewBox={`0 0 ${SPARKLINE_WIDTH} ${SPARKLINE_HEIGHT}`} aria-hidden="true" data-testid="lag-sparkline" className="overflow-visible">
      <path d={path} fill="none" stroke="var(--chart-1)" strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
}
