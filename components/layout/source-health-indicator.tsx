'use client';

import { useOverview } from '@/components/live/use-live';
import { useIsLive, useServerNow } from '@/components/live/use-now';
import { buildSourceHealthViews } from '@/lib/view/build-connection-view';
import { TONE_TEXT } from '@/components/ui/tone-classes';

/** Kafka and Prometheus: ok / degraded / down, the last error on hover. */
export function SourceHealthIndicator() {
  const overview = useOverview();
  const nowMs = useServerNow();
  const live = useIsLive();
  const views = buildSourceHealthViews(overview?.frame?.sources ?? null, nowMs);
  if (views.length === 0) return null;
  return (
    <ul aria-label="Data sources" data-live={live} className={`flex items-center gap-3 text-sm ${live ? '' : 'opacity-60'}`}>
      {views.map((v) => (
        <li key={v.name} data-testid="source-health" data-source={v.name.toLowerCase()} data-health={v.label} title={live ? v.title : `${v.title}\n(as of the last frame: the connection is not live)`} className="flex items-center gap-1 whitespace-nowrap">
          <span className="text-slate-600 dark:text-slate-400">{v.name}</span>
          <span aria-hidden="true" className={TONE_TEXT[v.tone]}>
            {v.icon}
          </span>
          <span className={`font-medium ${TONE_TEXT[v.tone]}`}>{v.label}</span>
        </li>
      ))}
    </ul>
  );
}
