'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { fetchJson } from '@/components/api/fetch-json';
import { useOverview, usePipeline } from '@/components/live/use-live';
import { useServerNow } from '@/components/live/use-now';
import { Recommendation } from '@/components/pipeline/finding-card';
import { DocumentTitle } from '@/components/ui/document-title';
import { EmptyState } from '@/components/ui/empty-state';
import { StateBadge } from '@/components/ui/state-badge';
import { buildDiagnosisView } from '@/lib/view/build-diagnosis-view';
import { buildIncidentDetailView } from '@/lib/view/build-incident-detail-view';
import { parseIncidentDetail, type IncidentDetail } from '@/lib/view/parse-incident-detail';
import { buildIncidentsHref } from '@/lib/view/view-links';

const LIVE_WINDOW_MS = 5 * 60_000;

/** /incident?id=…: what happened, the evidence, what to do, and the timeline. */
export function IncidentScreen() {
  const params = useSearchParams();
  const id = params.get('id') ?? '';
  const result = useQuery({
    queryKey: ['incident', id],
    queryFn: ({ signal }) => fetchJson<unknown>(`/api/incidents/${encodeURIComponent(id)}`, { signal }),
    enabled: id !== '',
    refetchInterval: 30_000,
    retry: (count, error) => !('status' in error && error.status === 404) && count < 2,
  });
  const parsed = result.data === undefined ? null : parseIncidentDetail(result.data);

  if (id === '') {
    return (
      <EmptyState title="No incident given.">
        <DocumentTitle title="Pipewatch — Incident" />
        <Link href="/incidents" className="underline">
          See all incidents
        </Link>
      </EmptyState>
    );
  }
  if (result.error || (parsed && !parsed.ok)) {
    return (
      <main className="space-y-3">
        <DocumentTitle title="Pipewatch — Incident" />
        <BackLink />
        <p data-testid="incident-error" className="rounded border border-red-400 p-3 text-sm font-medium text-red-800 dark:border-red-700 dark:text-red-200">
          <span aria-hidden="true">✖ </span>
          {result.error?.message ?? (parsed && !parsed.ok ? parsed.error : '')}
        </p>
      </main>
    );
  }
  if (!parsed) {
    return (
      <main className="space-y-3">
        <DocumentTitle title="Pipewatch — Incident" />
        <BackLink />
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading incident…</p>
      </main>
    );
  }
  return <IncidentDetails incident={parsed.incident} />;
}

function IncidentDetails({ incident }: { incident: IncidentDetail }) {
  const nowMs = useServerNow();
  const overview = useOverview();
  const pipeline = usePipeline(incident.pipelineId, LIVE_WINDOW_MS);
  const name = overview?.frame?.pipelines.find((p) => p.pipelineId === incident.pipelineId)?.name ?? pipeline?.detail?.name ?? null;
  const diagnosis = useMemo(() => buildDiagnosisView(pipeline?.detail ?? null), [pipeline?.detail]);
  const live = diagnosis.kind === 'findings' ? (diagnosis.findings.find((f) => f.type === incident.type)?.recommendation ?? null) : null;
  const view = buildIncidentDetailView(incident, nowMs, name, live);
  return (
    <main data-testid="incident" data-incident-type={incident.type} data-incident-status={incident.status} className="space-y-5">
      <DocumentTitle title={`Pipewatch — ${view.title} on ${name ?? incident.pipelineId}`} />
      <BackLink />
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold">{view.title}</h1>
          <StateBadge state={view.severity} />
          <StateBadge state={view.status} dataState={incident.status} testId="incident-status" />
        </div>
        <p className="text-base" dir="auto">
          {view.summary}
        </p>
        <p className="text-sm">
          <Link href={view.pipelineHref} data-testid="incident-pipeline-link" className="font-medium text-blue-800 underline dark:text-blue-300">
            Charts of {truncate(name ?? incident.pipelineId)} over this incident →
          </Link>
          {view.pipelineLinkNote ? <span className="ml-2 text-slate-600 dark:text-slate-400">{view.pipelineLinkNote}</span> : null}
        </p>
      </header>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 rounded-lg border border-slate-200 p-3 text-sm sm:grid-cols-4 lg:grid-cols-7 dark:border-slate-800">
        {view.facts.map((f) => (
          <div key={f.label} className="min-w-0">
            <dt className="text-xs text-slate-600 dark:text-slate-400">{f.label}</dt>
            <dd className="truncate font-medium" title={f.title ?? f.value}>
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <section aria-labelledby="evidence-title" className="space-y-1">
          <h2 id="evidence-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
            Evidence {view.confidence ? <span className="font-normal normal-case tracking-normal">({view.confidence} confidence, latest sighting)</span> : null}
          </h2>
          {view.evidence.length > 0 ? (
            <ul data-testid="incident-evidence" className="list-disc space-y-0.5 pl-5 text-sm">
              {view.evidence.map((line, i) => (
                <li key={i} dir="auto">
                  {line}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">No evidence recorded with this incident.</p>
          )}
        </section>
        <Recommendation recommendation={view.recommendation.view} note={view.recommendation.note ?? undefined} />
      </div>
      <section aria-labelledby="timeline-title" className="space-y-2">
        <h2 id="timeline-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          Timeline (UTC)
        </h2>
        {view.timeline.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No timeline entries.</p>
        ) : (
          <ol data-testid="incident-timeline" className="ml-1.5 space-y-2 border-l-2 border-slate-300 pl-4 dark:border-slate-700">
            {view.timeline.map((t) => (
              <li key={t.key} data-testid="timeline-entry" data-kind={t.kind} className="relative text-sm">
                <span aria-hidden="true" className="absolute -left-[23px] top-1 h-3 w-3 rounded-full border-2 border-slate-500 bg-white dark:border-slate-400 dark:bg-slate-950" />
                <time className="mr-2 font-medium" title={t.atTitle}>
                  {t.at}
                </time>
                <span className="mr-2 font-semibold">{t.label}</span>
                <span dir="auto">{t.summary}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function BackLink() {
  return (
    <nav className="text-sm">
      <Link href={buildIncidentsHref()} className="text-slate-700 underline-offset-2 hover:underline dark:text-slate-300">
        ← Incidents
      </Link>
    </nav>
  );
}
