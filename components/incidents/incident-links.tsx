import { StateBadge } from '@/components/ui/state-badge';
import type { ExternalAlertRow } from '@/lib/view/build-external-alert-rows';
import type { MuteRowView } from '@/lib/view/build-mute-view';

const HEADING = 'text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400';

/** Alertmanager alerts the webhook linked to this incident. */
export function ExternalAlerts({ rows }: { rows: ExternalAlertRow[] }) {
  return (
    <section aria-labelledby="alerts-title" data-testid="incident-alerts" className="space-y-1">
      <h2 id="alerts-title" className={HEADING}>
        Alertmanager alerts
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">None linked: no Alertmanager alert for this pipeline fired while it was open.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {rows.map((a) => (
            <li key={a.key} data-testid="incident-alert" className="flex flex-wrap items-baseline gap-x-2">
              <StateBadge state={a.status} dataState={a.status.status} />
              <span className="font-semibold" dir="auto">
                {a.name}
              </span>
              <span className="text-slate-700 dark:text-slate-300">
                from {a.started} ({a.startedRelative}), {a.status.status === 'resolved' ? `to ${a.ended}` : a.ended}
              </span>
              {a.summary ? (
                <span dir="auto" className="break-words">
                  — {a.summary}
                </span>
              ) : null}
              {a.labels ? (
                <span dir="auto" className="break-all text-xs text-slate-600 dark:text-slate-400">
                  {a.labels}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Mutes of the pipeline that overlapped the incident: notifications were held back, the incident was still recorded. */
export function IncidentMutes({ rows }: { rows: MuteRowView[] }) {
  return (
    <section aria-labelledby="mutes-title" data-testid="incident-mutes" className="space-y-1">
      <h2 id="mutes-title" className={HEADING}>
        Mutes
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Notifications were not muted during this incident.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {rows.map((m) => (
            <li key={m.id} data-testid="incident-mute" data-state={m.state}>
              <span className="font-semibold">{m.span}</span> by{' '}
              <span className="font-semibold" dir="auto">
                {m.by}
              </span>{' '}
              <span className="text-slate-700 dark:text-slate-300">({m.stateText})</span>
              {m.reason ? (
                <span dir="auto" className="break-words">
                  : {m.reason}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
