'use client';

import { useServerNow } from '@/components/live/use-now';
import { formatRelative, formatUtcTime } from '@/lib/view/format-time';

/** "updated 3 s ago · 03:12:40 UTC": when the server took the numbers on screen. */
export function UpdatedAt({ atMs }: { atMs: number }) {
  const nowMs = useServerNow();
  return (
    <p data-testid="updated-at" data-at-ms={atMs} className="whitespace-nowrap text-sm text-slate-600 dark:text-slate-400">
      updated <span className="inline-block min-w-[4.5rem] text-right">{formatRelative(atMs, nowMs)}</span> · {formatUtcTime(atMs)}
    </p>
  );
}
