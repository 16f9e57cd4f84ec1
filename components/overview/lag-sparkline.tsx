'use client';

import { Line, LineChart, YAxis } from 'recharts';

/** A floor for the scale: a few messages of jitter on a caught-up pipeline should look flat, not alarming. */
const MIN_SCALE_MESSAGES = 100;

/** The last minutes of lag, tiny: a trend, not a chart to read values from. Gaps stay gaps. */
export function LagSparkline({ points }: { points: { atMs: number; lag: number | null }[] }) {
  if (points.length < 2) return <span className="text-xs text-slate-500 dark:text-slate-400">–</span>;
  return (
    <LineChart width={96} height={28} data={points} margin={{ top: 2, right: 2, bottom: 2, left: 2 }} aria-hidden="true">
      <YAxis hide domain={[0, (dataMax: number) => Math.max(dataMax, MIN_SCALE_MESSAGES)]} />
      <Line type="linear" dataKey="lag" stroke="var(--chart-1)" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
    </LineChart>
  );
}
