import type { Incident } from '../../../lib/incidents/incident';
import { projectIncidents } from '../../../lib/incidents/reduce-incidents';
import type { IncidentDetail, Mute, StoredExternalAlert } from '../../../lib/incidents/incident-store';
import type { StoredTimelineEntry } from '../../../lib/incidents/stored-timeline-entry';
import { evidencePoints, incidentIdStartingWith, OUTAGE_ID, scenario, T0 } from './incident-fixtures';

/** IncidentDetails as getIncident returns them, built by hand around the simulated sink outage. */

const outage = (): Incident => projectIncidents(scenario().changes).get(incidentIdStartingWith(OUTAGE_ID))!;

export function automaticDetail(): IncidentDetail {
  const incident = outage();
  return {
    stored: { incident, resolution: { kind: 'automatic', atMs: incident.resolvedAtMs!, reason: 'recovery verified over 5 cycles' } },
    timeline: incident.timeline,
    evidence: evidencePoints(),
    evidenceDownsampled: false,
    externalAlerts: [],
    mutes: [],
  };
}

export const MUTE: Mute = { id: 7, pipelineId: 'fraud', fromMs: T0 + 66_000, untilMs: T0 + 3_666_000, by: 'ann', reason: 'sink vendor incident', createdAtMs: T0 + 66_000, unmuted: { atMs: T0 + 90_000, by: 'bob' } };

export const ALERT: StoredExternalAlert = {
  id: 3,
  fingerprint: 'c0ffee01',
  status: 'firing',
  startsAtMs: T0 + 64_000,
  endsAtMs: null,
  labels: { alertname: 'FeatureStoreDown', severity: 'page' },
  annotations: { summary: 'feature store 5xx > 50%' },
  pipelineId: 'fraud',
  incidentId: 'x',
  receivedAtMs: T0 + 67_000,
};

/** Acknowledged, annotated, muted and resolved by a person before the reducer verified recovery. */
export function handledDetail(): IncidentDetail {
  const base = outage();
  const resolvedAtMs = T0 + 95_000;
  const incident: Incident = { ...base, acknowledged: { atMs: T0 + 66_500, by: 'ann' }, status: 'resolved', resolvedAtMs };
  const human: StoredTimelineEntry[] = [
    { kind: 'acknowledged', atMs: T0 + 66_500, by: 'ann', note: 'paging the vendor' },
    { kind: 'muted', atMs: T0 + 66_000, by: 'ann', muteId: 7, fromMs: MUTE.fromMs, untilMs: MUTE.untilMs, reason: MUTE.reason },
    { kind: 'external-alert', atMs: T0 + 67_000, alertId: 3, fingerprint: 'c0ffee01', status: 'firing', alertName: 'FeatureStoreDown', summary: 'feature store 5xx > 50%' },
    { kind: 'note', atMs: T0 + 80_000, by: 'bob', text: 'TLS certificate expired at 08:00' },
    { kind: 'unmuted', atMs: T0 + 90_000, by: 'bob', muteId: 7 },
    { kind: 'resolved-by-hand', atMs: resolvedAtMs, by: 'bob', reason: 'certificate renewed', durationMs: resolvedAtMs - base.firstSeenAtMs },
  ];
  return {
    stored: { incident, resolution: { kind: 'by-hand', atMs: resolvedAtMs, by: 'bob', reason: 'certificate renewed' } },
    timeline: [...base.timeline.filter((e) => e.atMs <= resolvedAtMs), ...human].sort((a, b) => a.atMs - b.atMs),
    evidence: evidencePoints(),
    evidenceDownsampled: false,
    externalAlerts: [ALERT],
    mutes: [MUTE],
  };
}

export const HOSTILE = 'pay|ments\n# pwned <script>alert(1)</script> [x](http://evil) *bold*';

/** Every outside string replaced by text that would break a table or inject markup. */
export function hostileDetail(): IncidentDetail {
  const detail = handledDetail();
  const { incident } = detail.stored;
  const finding = {
    ...incident.finding,
    evidence: incident.finding.evidence.map((e) => ({ ...e, text: `${HOSTILE} ${e.text}` })),
    partitions: [{ topic: HOSTILE, partition: 2, lagMessages: 1_600, committedOffset: 18_000n, owner: { memberId: 'm', clientId: HOSTILE, host: '|' } }],
  } as Incident['finding'];
  return {
    ...detail,
    stored: { incident: { ...incident, pipelineId: HOSTILE, id: `${HOSTILE}/sink-unavailable/1`, finding, acknowledged: { atMs: T0 + 66_500, by: HOSTILE } }, resolution: { kind: 'by-hand', atMs: T0 + 95_000, by: HOSTILE, reason: HOSTILE } },
    timeline: detail.timeline.map((e) => ('by' in e ? { ...e, by: HOSTILE } : 'summary' in e && typeof e.summary === 'string' ? { ...e, summary: HOSTILE } : e)),
    externalAlerts: [{ ...ALERT, labels: { alertname: HOSTILE }, annotations: { summary: HOSTILE } }],
    mutes: [{ ...MUTE, by: HOSTILE, reason: HOSTILE }],
  };
}
