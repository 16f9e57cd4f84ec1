import Link from 'next/link';
import { StateBadge } from '@/components/ui/state-badge';
import type { IncidentDetailView } from '@/lib/view/build-incident-detail-view';
import type { ActiveMuteView } from '@/lib/view/build-mute-view';

/** What, where, in what state, and the times that matter, each absolute (UTC) and relative. */
export function IncidentSummary({ view, status, pipelineName, mute }: { view: IncidentDetailView; status: string; pipelineName: string; mute: ActiveMuteView | null }) {
  return (
    <>
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold">{view.title}</h1>
          <StateBadge state={view.severity} />
          <StateBadge state={view.status} dataState={status} testId="incident-status" />
          {mute ? (
            <span title={mute.title} className="rounded border border-slate-400 px-1.5 py-0.5 text-xs font-semibold text-slate-700 dark:border-slate-500 dark:text-slate-300">
              <span aria-hidden="true">⊘ </span>notifications {mute.text}
            </span>
          ) : null}
        </div>
        <p className="text-base" dir="auto">
          {view.summary}
        </p>
        {view.resolution ? (
          <p data-testid="incident-resolution" className="text-sm">
            <span className="font-semibold">{view.resolution.text}</span>
            {view.resolution.reason ? (
              <>
                : <span dir="auto" className="whitespace-pre-wrap break-words">{view.resolution.reason}</span>
              </>
            ) : null}
          </p>
        ) : null}
        <p className="text-sm">
          <Link href={view.pipelineHref} data-testid="incident-pipeline-link" className="font-medium text-blue-800 underline dark:text-blue-300">
            <span dir="auto">{truncate(pipelineName)}</span>: live charts →
          </Link>
          {view.pipelineLinkNote ? <span className="ml-2 text-slate-600 dark:text-slate-400">{view.pipelineLinkNote}</span> : null}
        </p>
      </header>
      <dl data-testid="incident-facts" className="grid grid-cols-2 gap-x-6 gap-y-3 rounded-lg border border-slate-200 p-3 text-sm sm:grid-cols-4 xl:grid-cols-7 dark:border-slate-800">
        {view.facts.map((f) => (
          <div key={f.label} className="min-w-0">
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{f.label}</dt>
            <dd className="truncate font-semibold" title={f.title ?? f.value}>
              {f.value}
            </dd>
            {f.sub ? (
              <dd className="text-xs text-slate-700 dark:text-slate-300" title={f.sub}>
                {f.sub}
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
    </>
  );
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
