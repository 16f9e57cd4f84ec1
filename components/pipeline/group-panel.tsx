'use client';

import type { MembersView } from '@/lib/view/build-partition-rows';
import type { GroupEventItem } from '@/lib/view/build-group-event-items';
import { TruncatedText } from '@/components/ui/truncated-text';
import { capitalize } from '@/lib/units/format-text';

/** Who consumes (members and their partitions), and what changed in the group recently. */
export function GroupPanel({ members, events }: { members: MembersView; events: GroupEventItem[] }) {
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <section aria-labelledby="members-title" className="min-w-0 space-y-2">
        <h2 id="members-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          Group members
          {members.kind === 'visible' || members.kind === 'not-visible' ? (
            <span className="ml-2 font-normal normal-case tracking-normal">
              state {members.state} · {members.protocol} protocol
            </span>
          ) : null}
        </h2>
        {members.kind === 'visible' ? (
          members.members.length === 0 ? (
            <p className="rounded border border-dashed border-slate-300 p-3 text-sm dark:border-slate-700">No member: nobody consumes this group right now.</p>
          ) : (
            <ul data-testid="members" className="divide-y divide-slate-200 rounded-lg border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
              {members.members.map((m) => (
                <li key={m.memberId} data-testid="member" className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-2 px-3 py-1.5" title={m.memberId}>
                  <span className="min-w-0">
                    <TruncatedText text={`${m.clientId}@${m.host}`} className="font-medium" />
                  </span>
                  <span className="min-w-0 text-slate-700 dark:text-slate-300">
                    <TruncatedText text={`${m.count} partition${m.count === 1 ? '' : 's'}: ${m.partitions}`} />
                  </span>
                </li>
              ))}
            </ul>
          )
        ) : (
          <p className="rounded border border-dashed border-slate-300 p-3 text-sm dark:border-slate-700">
            {members.kind === 'not-visible' ? `Membership not visible: ${members.reason}` : capitalize(members.reason)}
          </p>
        )}
      </section>
      <section aria-labelledby="events-title" className="min-w-0 space-y-2">
        <h2 id="events-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          Recent group events
        </h2>
        {events.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 p-3 text-sm dark:border-slate-700">No group event in this window: no rebalance, no member joined or left.</p>
        ) : (
          <ol data-testid="group-events" className="max-h-64 divide-y divide-slate-200 overflow-y-auto rounded-lg border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
            {events.map((e) => (
              <li key={e.key} data-testid="group-event" className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-2 px-3 py-1.5">
                <time className="text-slate-600 dark:text-slate-400" title={e.atTitle}>
                  {e.at}
                </time>
                <span dir="auto" className={e.rebalance ? 'font-medium' : ''}>
                  {e.rebalance ? <span aria-hidden="true">⇄ </span> : null}
                  {e.text}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
