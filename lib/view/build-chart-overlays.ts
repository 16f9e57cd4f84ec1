import type { Severity } from '../diagnosis/failure-table';
import type { IncidentJson } from '../live/live-wire';
import type { GroupEvent } from '../pipelines/group-events';
import { isRebalanceEvent } from '../pipelines/group-events';
import type { TimeDomain } from './build-chart-series';
import { describeGroupEvent, shortGroupEventLabel } from './describe-group-event';
import { failureTitle } from './failure-title';
import { buildIncidentHref } from './view-links';

/** What the charts draw over the lines: incidents as bands, group events as markers. */

export interface IncidentBand {
  id: string;
  fromMs: number;
  toMs: number;
  label: string;
  severity: Severity;
  /** Still open (or recovering): the band runs to the newest point. */
  ongoing: boolean;
  /** "Slow sink (backpressure) (recovering)": what the band's label reads. */
  caption: string;
  href: string;
}

/** From the first cycle that showed the fault to its resolution (or the newest point), clipped to the window. */
export function buildIncidentBands(incidents: readonly IncidentJson[], domain: TimeDomain | null): IncidentBand[] {
  if (!domain) return [];
  return incidents.flatMap((i) => {
    const startMs = Math.min(i.firstSeenAtMs ?? i.openedAtMs, i.openedAtMs);
    const endMs = i.resolvedAtMs ?? domain.toMs;
    const fromMs = Math.max(startMs, domain.fromMs);
    const toMs = Math.min(endMs, domain.toMs);
    if (!(toMs > fromMs)) return [];
    const label = failureTitle(i.type);
    const ongoing = i.resolvedAtMs === null;
    return [{ id: i.id, fromMs, toMs, label, severity: i.severity, ongoing, caption: ongoing ? `${label} (${i.status})` : label, href: buildIncidentHref(i.id) }];
  });
}

export interface EventMarker {
  atMs: number;
  /** "rebalance", "Empty", "group gone": short enough for a chart. */
  label: string;
  rebalance: boolean;
  /** Every event of that cycle, in words. */
  details: string[];
  /** False when a labelled marker is too close before it: a rebalance every 8 s would be a wall of text. */
  showLabel: boolean;
}

/** Events of one cycle become one marker; labels keep at least `labelSpacing` of the window apart. */
export function buildEventMarkers(events: readonly GroupEvent[], domain: TimeDomain | null, labelSpacing = 0.08): EventMarker[] {
  if (!domain) return [];
  const byTime = new Map<number, GroupEvent[]>();
  for (const e of events) {
    if (e.atMs < domain.fromMs || e.atMs > domain.toMs) continue;
    byTime.set(e.atMs, [...(byTime.get(e.atMs) ?? []), e]);
  }
  const spacingMs = (domain.toMs - domain.fromMs) * labelSpacing;
  let lastLabelledMs = -Infinity;
  return [...byTime.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([atMs, group]) => {
      const rebalance = group.some(isRebalanceEvent);
      const showLabel = atMs - lastLabelledMs >= spacingMs;
      if (showLabel) lastLabelledMs = atMs;
      return { atMs, rebalance, label: rebalance ? 'rebalance' : shortGroupEventLabel(group[0]!), details: group.map(describeGroupEvent), showLabel };
    });
}
