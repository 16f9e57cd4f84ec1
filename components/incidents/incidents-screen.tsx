'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchJson } from '@/components/api/fetch-json';
import { useOverview } from '@/components/live/use-live';
import { useServerNow } from '@/components/live/use-now';
import { EmptyState } from '@/components/ui/empty-state';
import { useUrlQuery } from '@/components/ui/use-url-query';
import type { IncidentJson } from '@/lib/live/live-views';
import { buildIncidentRows } from '@/lib/view/build-incident-rows';
import { buildIncidentsApiPath, buildIncidentsSearch, INCIDENTS_LIMIT, parseIncidentsQuery } from '@/lib/view/incidents-query';
import { IncidentFilters } from './incident-filters';
import { IncidentTable } from './incident-table';

/** Open and recent incidents; the filters live in the URL (?status=&pipeline=&type=). */
export function IncidentsScreen() {
  const [query, update] = useUrlQuery(parseIncidentsQuery, buildIncidentsSearch);
  const apiPath = buildIncidentsApiPath(query);
  const result = useQuery({
    queryKey: ['incidents', apiPath],
    queryFn: ({ signal }) => fetchJson<{ incidents: IncidentJson[] }>(apiPath, { signal }),
    // Opening and resolving come through the live overview (useIncidentQuerySync); this catches the rest.
    refetchInterval: 30_000,
  });
  const overview = useOverview();
  const nowMs = useServerNow();
  const pipelines = useMemo(() => (overview?.frame?.pipelines ?? []).map((p) => ({ id: p.pipelineId, name: p.name })), [overview?.frame?.pipelines]);
  const names = useMemo(() => Object.fromEntries(pipelines.map((p) => [p.id, p.name])), [pipelines]);
  const rows = result.data ? buildIncidentRows(result.data.incidents, nowMs, names) : [];

  const filtered = query.status !== null || query.pipeline !== null || query.type !== null;
  return (
    <main className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-bold">Incidents</h1>
        <IncidentFilters query={query} pipelines={pipelines} onChange={update} />
        <p className="min-w-[10rem] text-right text-sm text-slate-600 dark:text-slate-400">
          {result.data ? `${rows.length}${rows.length === INCIDENTS_LIMIT ? '+' : ''} incident${rows.length === 1 ? '' : 's'}` : ''}
        </p>
      </div>
      {result.error ? (
        <p data-testid="incidents-error" className="rounded border border-red-400 p-3 text-sm font-medium text-red-800 dark:border-red-700 dark:text-red-200">
          <span aria-hidden="true">✖ </span>Could not load incidents: {result.error.message}
        </p>
      ) : null}
      {!result.data && !result.error ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading incidents…</p>
      ) : result.data && rows.length === 0 ? (
        <EmptyState testId="incidents-empty" title={query.status === 'open' ? 'No open incident: nothing is on fire.' : filtered ? 'No incident matches these filters.' : 'No incidents yet.'}>
          Pipewatch opens an incident after a finding holds for about three collection cycles.
          {filtered ? (
            <>
              {' '}
              <button type="button" className="font-medium underline" onClick={() => update({ status: null, pipeline: null, type: null })}>
                Clear filters
              </button>
            </>
          ) : null}
        </EmptyState>
      ) : rows.length > 0 ? (
        <IncidentTable rows={rows} />
      ) : null}
    </main>
  );
}
