'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { useConnectionStatus, useOverview, usePipeline } from '@/components/live/use-live';
import { useIsLive, useServerNow } from '@/components/live/use-now';
import { EmptyState } from '@/components/ui/empty-state';
import { DocumentTitle } from '@/components/ui/document-title';
import { useUrlQuery } from '@/components/ui/use-url-query';
import { buildDiagnosisView } from '@/lib/view/build-diagnosis-view';
import { buildGroupEventItems } from '@/lib/view/build-group-event-items';
import { buildMembersView, buildPartitionRows } from '@/lib/view/build-partition-rows';
import { buildPipelineHeader } from '@/lib/view/build-pipeline-header';
import { buildIncidentsHref } from '@/lib/view/view-links';
import { formatDurationText } from '@/lib/view/format-time';
import { buildWindowSearch, isLiveWindow, LIVE_WINDOW, parseWindowParam, windowMsOf } from '@/lib/view/window-options';
import { DiagnosisPanel } from './diagnosis-panel';
import { GroupPanel } from './group-panel';
import { MuteControl } from './mute-control';
import { PartitionTable } from './partition-table';
import { PipelineCharts } from './pipeline-charts';
import { PipelineHeader } from './pipeline-header';
import { usePipelineHistory } from './use-pipeline-history';
import { WindowSelect } from './window-select';

/** /pipeline?id=…&window=15m: the id is a query parameter, since group ids may hold '/', '%' or anything. */
export function PipelineScreen() {
  const params = useSearchParams();
  const id = params.get('id');
  if (id === null || id === '') {
    return (
      <EmptyState title="No pipeline given.">
        <DocumentTitle title="Pipewatch — Pipeline" />
        <Link href="/" className="underline">
          Pick one on the overview
        </Link>
      </EmptyState>
    );
  }
  return <PipelineView key={id} pipelineId={id} />;
}

function PipelineView({ pipelineId }: { pipelineId: string }) {
  const [range, setRange] = useUrlQuery(parseWindowParam, buildWindowSearch);
  const windowMs = windowMsOf(range);
  const live = isLiveWindow(range);
  // Longer ranges chart Prometheus's points; the live stream still gives the detail, incidents and events.
  const state = usePipeline(pipelineId, live ? windowMs : windowMsOf(LIVE_WINDOW));
  const history = usePipelineHistory(pipelineId, range, !live);
  const overview = useOverview();
  const { server } = useConnectionStatus();
  const nowMs = useServerNow();
  const connected = useIsLive();
  const intervalMs = server?.intervalMs ?? overview?.frame?.intervalMs ?? 5_000;
  const summary = overview?.frame?.pipelines.find((p) => p.pipelineId === pipelineId) ?? null;
  const detail = state?.detail ?? null;

  const header = buildPipelineHeader(pipelineId, detail, summary, state?.incidents ?? [], nowMs);
  const diagnosis = useMemo(() => buildDiagnosisView(detail), [detail]);
  const partitions = useMemo(() => buildPartitionRows(detail), [detail]);
  const members = useMemo(() => buildMembersView(detail), [detail]);
  const events = buildGroupEventItems(state?.events ?? [], nowMs);

  const unknown = overview?.frame && !summary && !detail;
  return (
    <main className="space-y-5">
      <DocumentTitle title={`Pipewatch — ${header.name}`} />
      <nav className="text-sm">
        <Link href="/" className="text-slate-700 underline-offset-2 hover:underline dark:text-slate-300">
          ← Overview
        </Link>
        <span className="mx-2 text-slate-400">·</span>
        <Link href={buildIncidentsHref({ pipeline: pipelineId })} className="text-slate-700 underline-offset-2 hover:underline dark:text-slate-300">
          Incidents of this pipeline
        </Link>
      </nav>
      <PipelineHeader view={header} actions={<MuteControl pipelineId={pipelineId} />} />
      {unknown ? (
        <EmptyState title="Pipewatch does not watch a pipeline with this id.">
          <span dir="auto">“{pipelineId}”</span> is not among the {overview?.frame?.pipelines.length ?? 0} pipelines of the overview; it may have been renamed or its group deleted. Waiting in case it appears.
        </EmptyState>
      ) : null}
      <div data-live={connected} className={`space-y-5 ${connected ? '' : 'opacity-60 saturate-50'}`}>
        <DiagnosisPanel view={diagnosis} openIncidents={header.incidents} />
        <section aria-labelledby="charts-title" className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="charts-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
              Over time <span className="font-normal normal-case tracking-normal">(UTC; bands: incidents, dashed lines: group events, hatched: no data)</span>
            </h2>
            <WindowSelect value={range} onChange={setRange} />
          </div>
          {!live ? <HistoryNote history={history} /> : null}
          {state && (live || history.data) ? (
            <PipelineCharts
              state={live || !history.data ? state : { ...state, points: history.data.points, gaps: [] }}
              intervalMs={live || !history.data ? intervalMs : history.data.stepMs}
              windowMs={windowMs}
            />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">{live ? 'Connecting…' : history.isError ? '' : 'Reading the range from Prometheus…'}</p>
          )}
        </section>
        <PartitionTable view={partitions} />
        <GroupPanel members={members} events={events} />
      </div>
    </main>
  );
}

/** Where a long range's points come from, at which step, and what Prometheus could not give. */
function HistoryNote({ history }: { history: ReturnType<typeof usePipelineHistory> }) {
  if (history.isError) {
    return (
      <p data-testid="history-error" role="alert" className="rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        This range comes from Prometheus, which could not give it: {history.error.message}
      </p>
    );
  }
  if (!history.data) return null;
  return (
    <p data-testid="history-source" className="text-xs text-slate-600 dark:text-slate-400">
      From Prometheus: one point per {formatDurationText(history.data.stepMs)}; per-partition lag is live-only.
      {history.data.warnings.map((w) => (
        <span key={w} className="block text-amber-800 dark:text-amber-300">
          {w}
        </span>
      ))}
    </p>
  );
}
