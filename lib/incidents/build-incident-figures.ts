import { FAILURE_TYPES, type FailureType } from '../diagnosis/failure-table';
import { median } from '../diagnosis/window-stats';
import type { DurationFigures, IncidentFigures } from './incident-store';

/** The times an incident's figures are computed from. */
export interface IncidentTimes {
  type: FailureType;
  firstSeenAtMs: number;
  openedAtMs: number;
  acknowledgedAtMs: number | null;
  resolvedAtMs: number | null;
}

/** Per failure type, in FAILURE_TYPES order, only the types that had incidents. */
export function buildIncidentFigures(incidents: readonly IncidentTimes[]): IncidentFigures[] {
  return FAILURE_TYPES.flatMap((type) => {
    const ofType = incidents.filter((i) => i.type === type);
    if (ofType.length === 0) return [];
    const since = (pick: (i: IncidentTimes) => number | null, from: (i: IncidentTimes) => number) =>
      durationFigures(ofType.flatMap((i) => {
        const at = pick(i);
        return at === null ? [] : [(at - from(i)) / 1000];
      }));
    return [
      {
        type,
        count: ofType.length,
        open: ofType.filter((i) => i.resolvedAtMs === null).length,
        timeToDetect: since((i) => i.openedAtMs, (i) => i.firstSeenAtMs),
        timeToAcknowledge: since((i) => i.acknowledgedAtMs, (i) => i.openedAtMs),
        timeToResolve: since((i) => i.resolvedAtMs, (i) => i.openedAtMs),
      },
    ];
  });
}

export function durationFigures(seconds: readonly number[]): DurationFigures {
  return { samples: seconds.length, medianSeconds: median(seconds), p95Seconds: nearestRank(seconds, 95) };
}

function nearestRank(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1))]!;
}
