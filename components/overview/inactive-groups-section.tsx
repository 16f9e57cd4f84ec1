'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import type { PipelineSummary } from '@/lib/live/live-wire';
import { buildInactiveGroups } from '@/lib/view/build-inactive-groups';
import { buildInactiveGroupsSearch, parseInactiveGroupsQuery } from '@/lib/view/inactive-groups-query';
import { StateBadge } from '@/components/ui/state-badge';
import { TruncatedText } from '@/components/ui/truncated-text';
import { useUrlQuery } from '@/components/ui/use-url-query';

/** Rows drawn when open; past that the search narrows them. */
const MAX_ROWS = 500;
const CELL = 'px-2 py-1 align-middle';

/**
 * Groups not consuming since before Pipewatch first saw them, below the pipelines it watches:
 * collapsed and muted, never an incident. Open or closed is in the URL (?inactive=show).
 */
export function InactiveGroupsSection({ pipelines, q, atMs }: { pipelines: readonly PipelineSummary[]; q: string; atMs: number }) {
  const [query, update] = useUrlQuery(parseInactiveGroupsQuery, buildInactiveGroupsSearch);
  const view = useMemo(() => buildInactiveGroups(pipelines, q, atMs), [pipelines, q, atMs]);
  if (view.count === 0) return null;
  const shown = view.rows.slice(0, MAX_ROWS);
  return (
    <section data-testid="inactive-groups" data-open={query.show} aria-label="Inactive groups" className="rounded-lg border border-dashed border-slate-300 text-slate-600 dark:border-slate-700 dark:text-slate-400">
      <button
        type="button"
        data-testid="inactive-toggle"
        aria-expanded={query.show}
        onClick={() => update({ show: !query.show })}
        className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-900"
      >
        <span aria-hidden="true">{query.show ? '▾' : '▸'}</span>
        <span data-testid="inactive-title" className="font-semibold">
          {view.title}
        </span>
        <span className="text-xs">
          not consuming since before Pipewatch first saw them{view.abandoned > 0 ? ` · ${view.abandoned} abandoned` : ''} · no incidents, no notifications
        </span>
      </button>
      {query.show ? (
        <div className="overflow-x-auto border-t border-slate-200 dark:border-slate-800">
          <p className="px-3 py-2 text-xs">
            Gone for good: delete the group&apos;s offsets (<code>kafka-consumer-groups --delete --group …</code>). Should be running: declare it under <code>pipelines:</code>, and Pipewatch pages when it does not consume.
          </p>
          <table className="w-full min-w-[900px] table-fixed border-collapse text-left text-sm">
            <colgroup>
              <col className="w-[7.5rem]" />
              <col className="w-auto" />
              <col className="w-[7rem]" />
              <col className="w-[13rem]" />
            </colgroup>
            <thead className="text-xs uppercase tracking-wide">
              <tr>
                <th scope="col" className="px-2 py-1 font-semibold">Activity</th>
                <th scope="col" className="px-2 py-1 font-semibold">Group</th>
                <th scope="col" className="px-2 py-1 text-right font-semibold">Lag</th>
                <th scope="col" className="px-2 py-1 font-semibold" title="the record at the committed offset (≥: at least)">Position</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.pipelineId} data-testid="inactive-row" data-pipeline-id={row.pipelineId} data-activity={row.activity.state} className="border-t border-slate-100 dark:border-slate-900">
                  <td className={CELL}>
                    <StateBadge state={row.activity} title={row.reason} testId="activity" dataState={row.activity.state} />
                  </td>
                  <td className={`${CELL} min-w-0`}>
                    <Link href={row.href} className="block min-w-0 hover:underline">
                      <TruncatedText text={row.name} testId="inactive-name" />
                    </Link>
                    <TruncatedText text={row.groupId === row.name ? row.topicsText : `${row.groupId} · ${row.topicsText}`} className="text-xs" />
                  </td>
                  <td className={`${CELL} text-right`}>{row.lagMessages}</td>
                  <td className={CELL} data-testid="position-age" title={row.reason}>
                    {row.positionAge}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.rows.length > shown.length ? (
            <p className="px-3 py-2 text-xs">
              {shown.length} of {view.rows.length} shown, oldest position first; search to narrow.
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
