import { TONE_TEXT } from '@/components/ui/tone-classes';
import type { TimelineItemView } from '@/lib/view/build-incident-timeline';
import { isoOrNull } from '@/lib/units/date-range';

/**
 * Every entry of the stored timeline, oldest first: when (UTC and relative), what, who, and what
 * they wrote. Text people typed is rendered as text (React escapes it), line breaks kept.
 */
export function IncidentTimeline({ items }: { items: TimelineItemView[] }) {
  if (items.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No timeline entries.</p>;
  return (
    <ol data-testid="incident-timeline" className="ml-2 space-y-3 border-l-2 border-slate-300 pl-5 dark:border-slate-700">
      {items.map((t) => (
        <li key={t.key} data-testid="timeline-entry" data-kind={t.kind} className="relative text-sm">
          <span
            aria-hidden="true"
            className={`absolute -left-[31px] top-0 flex h-5 w-5 items-center justify-center rounded-full border-2 border-current bg-white text-[11px] leading-none dark:bg-slate-950 ${TONE_TEXT[t.tone]}`}
          >
            {t.icon}
          </span>
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className={`font-semibold ${TONE_TEXT[t.tone]}`}>{t.label}</span>
            {t.by !== null ? (
              <span className="text-slate-700 dark:text-slate-300">
                by{' '}
                <span className="font-semibold text-slate-900 dark:text-slate-100" dir="auto">
                  {t.by}
                </span>
              </span>
            ) : null}
            <time dateTime={isoOrNull(t.atMs) ?? undefined} title={t.atFull} className="text-xs text-slate-600 dark:text-slate-400">
              {t.at} · {t.relative}
            </time>
          </div>
          {t.text !== '' ? (
            t.fromPerson ? (
              <p data-testid="timeline-text" dir="auto" className="mt-1 whitespace-pre-wrap break-words rounded border-l-4 border-slate-400 bg-slate-50 px-2 py-1 text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100">
                {t.text}
              </p>
            ) : (
              <p data-testid="timeline-text" dir="auto" className="mt-0.5 break-words text-slate-800 dark:text-slate-200">
                {t.text}
              </p>
            )
          ) : null}
          {t.detail !== null ? <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{t.detail}</p> : null}
        </li>
      ))}
    </ol>
  );
}
