'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { api } from '@/components/api/api-client';
import { incidentKeys } from '@/components/api/query-keys';
import { useOverview, usePipeline } from '@/components/live/use-live';
import { useServerNow } from '@/components/live/use-now';
import { Recommendation } from '@/components/pipeline/finding-card';
import { DocumentTitle } from '@/components/ui/document-title';
import { EmptyState } from '@/components/ui/empty-state';
import { buildDiagnosisView } from '@/lib/view/build-diagnosis-view';
import { buildEvidenceSeries, type EvidenceSpan } from '@/lib/view/build-evidence-series';
import { buildExternalAlertRows } from '@/lib/view/build-external-alert-rows';
import { buildIncidentDetailView } from '@/lib/view/build-incident-detail-view';
import { buildIncidentTimeline } from '@/lib/view/build-incident-timeline';
import { buildActiveMute, buildMuteRows } from '@/lib/view/build-mute-view';
import type { IncidentDetailAnswer } from '@/lib/view/incident-detail-answer';
import { buildIncidentsHref } from '@/lib/view/view-links';
import { EvidenceCharts } from './evidence-charts';
import { IncidentActions } from './incident-actions';
import { ExternalAlerts, IncidentMutes } from './incident-links';
import { IncidentSummary } from './incident-summary';
import { IncidentTimeline } from './incident-timeline';

const LIVE_WINDOW_MS = 5 * 60_000;

/** /incident?id=…: what happened, what to do about it, the timeline beside the evidence, and the actions. */
export function IncidentScreen() {
  const params = useSearchParams();
  const id = params.get('id') ?? '';
  const result = useQuery({
    queryKey: incidentKeys.detail(id),
    queryFn: ({ signal }) => api.incident(id, { signal }),
    enabled: id !== '',
    // Evidence grows every cycle while the incident is open; a closed one changes only by hand.
    refetchInterval: (query) => (query.state.data?.ok && query.state.data.incident.status === 'resolved' ? 60_000 : 10_000),
    retry: (count, error) => !('status' in error && error.status === 404) && count < 2,
  });
  const parsed = result.data ?? null;

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

function IncidentDetails({ incident }: { incident: IncidentDetailAnswer }) {
  const nowMs = useServerNow();
  const overview = useOverview();
  const pipeline = usePipeline(incident.pipelineId, LIVE_WINDOW_MS);
  const name = overview?.frame?.pipelines.find((p) => p.pipelineId === incident.pipelineId)?.name ?? pipeline?.detail?.name ?? null;
  const diagnosis = useMemo(() => buildDiagnosisView(pipeline?.detail ?? null), [pipeline?.detail]);
  const live = diagnosis.kind === 'findings' ? (diagnosis.findings.find((f) => f.type === incident.type)?.recommendation ?? null) : null;
  const view = buildIncidentDetailView(incident, nowMs, name, live);
  const timeline = buildIncidentTimeline(incident.timeline, nowMs);
  const [span, setSpan] = useState<EvidenceSpan>('incident');
  const charts = useMemo(() => buildEvidenceSeries(incident.evidence, incident, incident.timeline, span), [incident, span]);
  const mute = buildActiveMute(incident.mutes, incident.pipelineId, nowMs);
  return (
    <main data-testid="incident" data-incident-type={incident.type} data-incident-status={incident.status} className="space-y-5">
      <DocumentTitle title={`Pipewatch — ${view.title} on ${name ?? incident.pipelineId}`} />
      <BackLink />
      <IncidentSummary view={view} status={incident.status} pipelineName={name ?? incident.pipelineId} mute={mute} />
      <IncidentActions incidentId={incident.id} canAcknowledge={view.canAcknowledge} canResolve={view.canResolve} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <section aria-labelledby="evidence-title" className="space-y-1">
          <h2 id="evidence-title" className={HEADING}>
            Why {view.confidence ? <span className="font-normal normal-case tracking-normal">({view.confidence} confidence, latest sighting)</span> : null}
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
      <div className="grid gap-5 lg:grid-cols-[minmax(20rem,2fr)_minmax(0,3fr)]">
        <section aria-labelledby="timeline-title" className="min-w-0 space-y-2">
          <h2 id="timeline-title" className={HEADING}>
            Timeline <span className="font-normal normal-case tracking-normal">(UTC, oldest first)</span>
          </h2>
          <IncidentTimeline items={timeline} />
        </section>
        <section aria-labelledby="charts-title" className="min-w-0 space-y-2">
          <h2 id="charts-title" className={HEADING}>
            The pipeline around the incident
          </h2>
          <EvidenceCharts view={charts} span={span} onSpanChange={setSpan} />
        </section>
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        <ExternalAlerts rows={buildExternalAlertRows(incident.externalAlerts, nowMs)} />
        <IncidentMutes rows={buildMuteRows(incident.mutes, nowMs)} />
      </div>
    </main>
  );
}

const HEADING = 'text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400';

function BackLink() {
  return (
    <nav className="text-sm">
      <Link href={buildIncidentsHref()} className="text-slate-700 underline-offset-2 hover:underline dark:text-slate-300">
        ← Incidents
      </Link>
    </nav>
  );
}
