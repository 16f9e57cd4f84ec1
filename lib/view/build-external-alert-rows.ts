import type { StateLabel } from './describe-status';
import { formatRelative, formatUtcStamp } from './format-time';
import type { ExternalAlertDetail } from './incident-detail-answer';
import { assertNever } from '../assert-never';

/** Alertmanager alerts linked to an incident: which rule, firing or resolved, since when, and what it said. */
export interface ExternalAlertRow {
  key: string;
  name: string;
  status: StateLabel & { status: ExternalAlertDetail['status'] };
  started: string;
  startedRelative: string;
  ended: string;
  summary: string;
  /** The other labels, "severity=page, team=payments", for telling alerts of one rule apart. */
  labels: string;
}

const SHOWN_APART = new Set(['alertname']);

export function buildExternalAlertRows(alerts: readonly ExternalAlertDetail[], nowMs: number): ExternalAlertRow[] {
  return [...alerts]
    .sort((a, b) => (a.startsAtMs ?? 0) - (b.startsAtMs ?? 0))
    .map((a, i) => ({
      key: `${a.id ?? i}-${a.fingerprint}-${a.status}`,
      name: a.labels.alertname ?? (a.fingerprint || 'alert'),
      status: { ...describeAlertStatus(a.status), status: a.status },
      started: formatUtcStamp(a.startsAtMs, nowMs),
      startedRelative: formatRelative(a.startsAtMs, nowMs),
      ended: a.status === 'resolved' ? formatUtcStamp(a.endsAtMs, nowMs) : 'still firing',
      summary: a.annotations.summary ?? a.annotations.description ?? '',
      labels: Object.entries(a.labels)
        .filter(([k]) => !SHOWN_APART.has(k))
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => `${k}=${v}`)
        .join(', '),
    }));
}

function describeAlertStatus(status: ExternalAlertDetail['status']): StateLabel {
  switch (status) {
    case 'firing':
      return { label: 'Firing', icon: '⚑', tone: 'bad' };
    case 'resolved':
      return { label: 'Resolved', icon: '○', tone: 'ok' };
    default:
      return assertNever(status, 'alert status');
  }
}
