import Link from 'next/link';
import type { DiagnosisView } from '@/lib/view/build-diagnosis-view';
import type { PipelineHeaderView } from '@/lib/view/build-pipeline-header';
import { StateBadge } from '@/components/ui/state-badge';
import { FindingCard } from './finding-card';

/**
 * The first block of the pipeline page: the current diagnosis, worst finding first. An incident
 * stays open until recovery is verified, after the finding itself may be gone: then it says so.
 */
export function DiagnosisPanel({ view, openIncidents }: { view: DiagnosisView; openIncidents: PipelineHeaderView['incidents'] }) {
  return (
    <section data-testid="diagnosis" data-state={view.kind} aria-labelledby="diagnosis-title" className="space-y-2">
      <h2 id="diagnosis-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
        Diagnosis now
      </h2>
      {view.kind === 'waiting' ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm dark:border-slate-700">{view.text}</p>
      ) : view.kind === 'healthy' ? (
        <div className="space-y-1 rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800">
          <p className="flex items-center gap-2">
            <StateBadge state={view.status} />
            <span>{view.text}</span>
          </p>
          {openIncidents.map((i) => (
            <p key={i.id}>
              Still open:{' '}
              <Link href={i.href} className="font-semibold underline">
                {i.text}
              </Link>{' '}
              — it resolves once lag is back to its baseline for several cycles; its evidence and response are on the incident page.
            </p>
          ))}
        </div>
      ) : (
        view.findings.map((f) => <FindingCard key={f.type} finding={f} />)
      )}
    </section>
  );
}
