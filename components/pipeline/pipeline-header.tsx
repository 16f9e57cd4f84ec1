import Link from 'next/link';
import type { ReactNode } from 'react';
import type { PipelineHeaderView } from '@/lib/view/build-pipeline-header';
import { StateBadge } from '@/components/ui/state-badge';
import { TONE_BADGE } from '@/components/ui/tone-classes';
import { TruncatedText } from '@/components/ui/truncated-text';

/** `actions` sit at the end of the title row (the mute control). */
export function PipelineHeader({ view, actions }: { view: PipelineHeaderView; actions?: ReactNode }) {
  return (
    <header className="space-y-1">
      <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
        <TruncatedText as="h1" text={view.name} testId="pipeline-title" className="max-w-full text-2xl font-bold" />
        {view.status ? <StateBadge state={view.status} testId="status" dataState={view.status.kind} title={view.status.reason} /> : null}
        {view.incidents.map((i) => (
          <Link key={i.id} href={i.href} data-testid="incident-badge" className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold hover:underline ${TONE_BADGE[i.severity.tone]}`}>
            <span aria-hidden="true">{i.severity.icon}</span>
            {i.text}
          </Link>
        ))}
        {actions ? <div className="ml-auto">{actions}</div> : null}
      </div>
      {view.status ? <p className="text-sm text-slate-700 dark:text-slate-300">{view.status.reason}</p> : null}
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
        {view.facts.map((f) => (
          <div key={f.label} className="flex min-w-0 max-w-full gap-1">
            <dt className="text-slate-600 dark:text-slate-400">{f.label}</dt>
            <dd className="min-w-0 max-w-[40rem]">
              <TruncatedText text={f.value} className="font-medium" />
            </dd>
          </div>
        ))}
      </dl>
      {view.dormant ? (
        <div data-testid="dormant-note" data-activity={view.dormant.state} className="rounded border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300">
          <p className="font-medium">{view.dormant.text}</p>
          <ul className="list-disc pl-5">
            {view.dormant.advice.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </header>
  );
}
