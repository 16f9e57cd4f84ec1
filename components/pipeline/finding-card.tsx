import type { FindingView, RecommendationView } from '@/lib/view/build-diagnosis-view';
import { StateBadge } from '@/components/ui/state-badge';

/** One finding: what it is (title, severity, confidence), why (evidence), what to do now. */
export function FindingCard({ finding }: { finding: FindingView }) {
  return (
    <article data-testid="finding" data-finding-type={finding.type} className="grid gap-4 rounded-lg border border-slate-300 p-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] dark:border-slate-700">
      <div className="min-w-0 space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="text-lg font-bold">{finding.title}</h3>
          <StateBadge state={finding.severity} />
          <span className="text-xs text-slate-600 dark:text-slate-400">{finding.confidence} confidence</span>
        </div>
        <p className="text-sm text-slate-700 dark:text-slate-300">{finding.response}</p>
        {finding.kafkaOnly ? (
          <p className="text-xs font-medium text-amber-800 dark:text-amber-300">
            <span aria-hidden="true">▲ </span>Classified from Kafka alone: Prometheus signals were missing.
          </p>
        ) : null}
        <section aria-label="Evidence">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Why</h4>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
            {finding.evidence.map((line, i) => (
              <li key={i} dir="auto">
                {line}
              </li>
            ))}
          </ul>
        </section>
        {finding.partitions.length > 0 ? <Facts label="Partitions" items={finding.partitions} /> : null}
        {finding.members.length > 0 ? <Facts label="Members" items={finding.members} /> : null}
      </div>
      <Recommendation recommendation={finding.recommendation} />
    </article>
  );
}

export function Recommendation({ recommendation, note }: { recommendation: RecommendationView; note?: string }) {
  return (
    <section data-testid="recommendation" aria-label="What to do now" className="min-w-0 space-y-2 rounded-md bg-slate-50 p-3 dark:bg-slate-900">
      {recommendation.now.length > 0 ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">Do now</h4>
          <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm font-medium">
            {recommendation.now.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        </div>
      ) : null}
      {recommendation.expectedEffect ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">Expected effect</h4>
          <p className="mt-1 text-sm">{recommendation.expectedEffect}</p>
        </div>
      ) : null}
      {recommendation.check.length > 0 ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">Check</h4>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
            {recommendation.check.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {recommendation.settings.length > 0 ? (
        <div className="flex flex-wrap items-center gap-1">
          <h4 className="mr-1 text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">Settings</h4>
          {recommendation.settings.map((s) => (
            <code key={s} className="rounded border border-slate-300 bg-white px-1 text-xs dark:border-slate-600 dark:bg-slate-950">
              {s}
            </code>
          ))}
        </div>
      ) : null}
      {note ? <p className="text-xs text-slate-600 dark:text-slate-400">{note}</p> : null}
    </section>
  );
}

function Facts({ label, items }: { label: string; items: string[] }) {
  return (
    <p className="text-xs text-slate-700 dark:text-slate-300">
      <span className="font-semibold">{label}: </span>
      <span dir="auto">{items.join(', ')}</span>
    </p>
  );
}
