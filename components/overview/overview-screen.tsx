'use client';

import { useMemo } from 'react';
import { FaultPanel } from '@/components/demo/fault-panel';
import { useConnectionStatus, useOverview } from '@/components/live/use-live';
import { useIsLive } from '@/components/live/use-now';
import { EmptyState } from '@/components/ui/empty-state';
import { useUrlQuery } from '@/components/ui/use-url-query';
import { selectOverviewPipelines } from '@/lib/view/select-overview-pipelines';
import { buildOverviewSearch, parseOverviewQuery } from '@/lib/view/overview-query';
import { InactiveGroupsSection } from './inactive-groups-section';
import { OverviewTable } from './overview-table';
import { OverviewToolbar } from './overview-toolbar';
import { UpdatedAt } from './updated-at';

/** Every pipeline, worst first: the first screen at 3 a.m. */
export function OverviewScreen() {
  const [query, update] = useUrlQuery(parseOverviewQuery, buildOverviewSearch);
  const overview = useOverview();
  const { status, server } = useConnectionStatus();
  const live = useIsLive();
  const frame = overview?.frame ?? null;
  const pipelines = frame?.pipelines;
  // Filtered and searched over every row; only the visible window is formatted (OverviewTable).
  const view = useMemo(() => selectOverviewPipelines(pipelines ?? [], { q: query.q, status: query.filter, listedApart: 'exclude' }), [pipelines, query.q, query.filter]);

  return (
    <main className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-bold">Pipelines</h1>
        <OverviewToolbar
          q={query.q}
          filter={query.filter}
          total={view.total}
          needingAttention={view.needingAttention}
          onSearch={(q) => update({ ...query, q })}
          onFilter={(filter) => update({ ...query, filter })}
        />
        <div className="min-w-[16rem] text-right">{frame ? <UpdatedAt atMs={frame.atMs} /> : null}</div>
      </div>
      {frame === null ? (
        <EmptyState testId="overview-empty" title={status?.kind === 'live' || status?.kind === 'stale' ? 'Waiting for the first collection cycle…' : 'Connecting to Pipewatch…'}>
          {status?.kind === 'reconnecting' ? `Cannot reach the server (${status.reason}); retrying.` : 'Pipelines appear here a few seconds after Pipewatch starts collecting.'}
        </EmptyState>
      ) : view.empty === 'no-pipelines' && frame.pipelines.length > 0 ? (
        <EmptyState testId="overview-empty" title="No active pipeline: every group Pipewatch sees stopped before it first saw them.">
          They are listed below as inactive. Declare the groups that should run under pipelines: in the configuration.
        </EmptyState>
      ) : view.empty === 'no-pipelines' ? (
        <EmptyState testId="overview-empty" title="No pipelines yet: Pipewatch sees consumer groups once they commit.">
          Check that the consumer groups commit offsets, and the includeGroups / excludeGroups settings of the configuration.
        </EmptyState>
      ) : view.empty === 'no-match' ? (
        <EmptyState testId="overview-empty" title={query.q ? `No pipeline matches “${query.q}”.` : 'No pipeline matches the filter.'}>
          <button type="button" onClick={() => update({ q: '', filter: 'all' })} className="font-medium underline">
            Show all {view.total} pipelines
          </button>
        </EmptyState>
      ) : view.empty === 'all-healthy' ? (
        <EmptyState testId="overview-empty" title={`All ${view.total} pipeline${view.total === 1 ? ' is' : 's are'} healthy: nothing needs attention.`}>
          <button type="button" onClick={() => update({ ...query, filter: 'all' })} className="font-medium underline">
            Show all
          </button>
        </EmptyState>
      ) : (
        // Not live: the rows stay (old numbers beat none) but dimmed; the header says how old.
        <div data-live={live} className={live ? '' : 'opacity-60 saturate-50'}>
          <OverviewTable pipelines={view.pipelines} sparklines={overview?.sparklines ?? {}} atMs={frame.atMs} intervalMs={frame.intervalMs} />
        </div>
      )}
      {frame ? <InactiveGroupsSection pipelines={frame.pipelines} q={query.q} atMs={frame.atMs} /> : null}
      {server?.demo ? <FaultPanel /> : null}
    </main>
  );
}
