'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '@/components/api/api-client';
import { incidentKeys } from '@/components/api/query-keys';
import { useOverview } from '@/components/live/use-live';
import { useServerNow } from '@/components/live/use-now';
import { EmptyState } from '@/components/ui/empty-state';
import { BUTTON_SECONDARY } from '@/components/ui/form-classes';
import { useUrlQuery } from '@/components/ui/use-url-query';
import { buildIncidentFiguresView } from '@/lib/view/build-incident-figures-view';
import { buildIncidentRows } from '@/lib/view/build-incident-rows';
import { buildIncidentsQueryKey, buildIncidentsSearch, DEFAULT_INCIDENTS_QUERY, isFiltered, parseIncidentsQuery, RANGE_LABEL } from '@/lib/view/incidents-query';
import { IncidentFigures } from './incident-figures';
import { IncidentFilters } from './incident-filters';
import { IncidentTable } from './incident-table';

/** Incidents from the store, newest first, a page at a time; the filters live in the URL (?status=&pipeline=&type=&range=). */
export function IncidentsScreen() {
  const [query, update] = useUrlQuery(parseIncidentsQuery, buildIncidentsSearch);
  const key = buildIncidentsQueryKey(query);
  const list = useInfiniteQuery({
    queryKey: incidentKeys.list(key),
    // `from` is taken from the clock when the request goes out, not when the filters were chosen.
    queryFn: ({ pageParam, signal }) => api.incidents(query, Date.now(), pageParam, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Opening and resolving come through the live overview (useIncidentQuerySync); this catches the rest.
    refetchInterval: 30_000,
  });
  const figures = useQuery({
    queryKey: incidentKeys.figures(key),
    queryFn: ({ signal }) => api.incidentFigures(query, Date.now(), { signal }),
    refetchInterval: 60_000,
  });
  const overview = useOverview();
  const nowMs = useServerNow();
  const pipelines = useMemo(() => (overview?.frame?.pipelines ?? []).map((p) => ({ id: p.pipelineId, name: p.name })), [overview?.frame?.pipelines]);
  const names = useMemo(() => Object.fromEntries(pipelines.map((p) => [p.id, p.name])), [pipelines]);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.incidents) ?? [], [list.data]);
  const rows = buildIncidentRows(items, nowMs, names);
  const figuresView = useMemo(() => (figures.data === undefined ? null : buildIncidentFiguresView(figures.data)), [figures.data]);

  const filtered = isFiltered(query);
  return (
    <main className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-bold">Incidents</h1>
        <IncidentFilters query={query} pipelines={pipelines} onChange={update} />
        <p data-testid="incidents-count" className="min-w-[10rem] text-right text-sm text-slate-600 dark:text-slate-400">
          {list.data ? `${rows.length} incident${rows.length === 1 ? '' : 's'}${list.hasNextPage ? ' shown, more to load' : ''}` : ''}
        </p>
      </div>
      {list.error ? (
        <p data-testid="incidents-error" className="rounded border border-red-400 p-3 text-sm font-medium text-red-800 dark:border-red-700 dark:text-red-200">
          <span aria-hidden="true">✖ </span>Could not load incidents: {list.error.message}
        </p>
      ) : null}
      {!list.data && !list.error ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading incidents…</p>
      ) : list.data && rows.length === 0 ? (
        <EmptyState testId="incidents-empty" title={query.status === 'open' ? 'No open incident: nothing is on fire.' : filtered ? 'No incident matches these filters.' : 'No incidents yet.'}>
          Pipewatch opens an incident after a finding holds for about three collection cycles.
          {filtered ? (
            <>
              {' '}
              <button type="button" className="font-medium underline" onClick={() => update(DEFAULT_INCIDENTS_QUERY)}>
                Clear filters
              </button>
            </>
          ) : null}
        </EmptyState>
      ) : rows.length > 0 ? (
        <div className="space-y-2">
          <IncidentTable rows={rows} />
          {list.hasNextPage ? (
            <button type="button" data-testid="incidents-load-more" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} className={BUTTON_SECONDARY}>
              {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          ) : null}
        </div>
      ) : null}
      <IncidentFigures view={figuresView} error={figures.error?.message ?? null} rangeLabel={RANGE_LABEL[query.range]} />
    </main>
  );
}
