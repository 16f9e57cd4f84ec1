'use client';

import { useConnectionStatus, useOverview } from '@/components/live/use-live';
import { useNow } from '@/components/live/use-now';
import { buildConnectionView } from '@/lib/view/build-connection-view';
import { TONE_TEXT } from '@/components/ui/tone-classes';

/** Always visible: whether the numbers on screen are live, and if not, how old they are. */
export function ConnectionIndicator() {
  const { status, server } = useConnectionStatus();
  const overview = useOverview();
  const nowMs = useNow();
  const view = buildConnectionView(status, nowMs, overview?.frame?.atMs ?? null, server?.clockOffsetMs ?? 0);
  return (
    <div
      data-testid="connection-status"
      data-state={view.state}
      title={view.title}
      role="status"
      aria-live="polite"
      className="flex min-w-0 items-center gap-2 text-sm"
    >
      <span aria-hidden="true" className={`text-base leading-none ${TONE_TEXT[view.tone]}`}>
        {view.icon}
      </span>
      <span className={`truncate font-medium ${TONE_TEXT[view.tone]}`}>{view.label}</span>
      {view.detail ? <span className="hidden truncate text-slate-600 md:inline dark:text-slate-400">— {view.detail}</span> : null}
    </div>
  );
}
