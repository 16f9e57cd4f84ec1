'use client';

import { useState } from 'react';
import { useServerNow } from '@/components/live/use-now';
import { BUTTON_SECONDARY } from '@/components/ui/form-classes';
import { describeIncidentAction, type IncidentActionKind } from '@/lib/view/build-incident-action-request';
import { formatUtcTime } from '@/lib/view/format-time';
import { IncidentActionForm } from './incident-action-form';
import { PostmortemExport } from './postmortem-export';

const DONE_TEXT: Record<IncidentActionKind, string> = { acknowledge: 'Acknowledged', note: 'Note added', resolve: 'Resolved' };

/** Acknowledge, add a note, resolve; and the postmortem. One form open at a time, under the buttons. */
export function IncidentActions({ incidentId, canAcknowledge, canResolve }: { incidentId: string; canAcknowledge: boolean; canResolve: boolean }) {
  const [open, setOpen] = useState<IncidentActionKind | null>(null);
  const [done, setDone] = useState<{ kind: IncidentActionKind; atMs: number } | null>(null);
  const nowMs = useServerNow();
  const available: IncidentActionKind[] = [...(canAcknowledge ? ['acknowledge' as const] : []), 'note', ...(canResolve ? ['resolve' as const] : [])];

  return (
    <section aria-label="Actions" data-testid="incident-actions" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {available.map((kind) => {
          const words = describeIncidentAction(kind);
          const active = open === kind;
          return (
            <button
              key={kind}
              type="button"
              data-testid={`action-${kind}`}
              aria-expanded={active}
              onClick={() => {
                setOpen(active ? null : kind);
                setDone(null);
              }}
              className={`${BUTTON_SECONDARY} ${active ? 'bg-slate-200 dark:bg-slate-700' : ''}`}
            >
              {words.open}
            </button>
          );
        })}
        <span aria-live="polite" className="text-sm font-medium text-emerald-800 dark:text-emerald-300">
          {done ? `✓ ${DONE_TEXT[done.kind]} at ${formatUtcTime(done.atMs)}` : null}
        </span>
        <div className="ml-auto">
          <PostmortemExport incidentId={incidentId} />
        </div>
      </div>
      {open !== null && available.includes(open) ? (
        <IncidentActionForm
          key={open}
          kind={open}
          incidentId={incidentId}
          onDone={(kind) => {
            setOpen(null);
            setDone({ kind, atMs: nowMs });
          }}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </section>
  );
}
