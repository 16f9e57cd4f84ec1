import { formatSeconds, MISSING } from '../units/format-units';
import { failureTitle } from './failure-title';

/**
 * GET /api/incidents/figures per failure type (components/api/parse-incident-figures.ts reads it):
 * how many, how many open, and how long it took to detect, acknowledge and resolve (median and
 * p95 seconds). A duration without samples reads "–", never 0.
 */

export interface DurationFiguresJson {
  samples: number;
  medianSeconds: number | null;
  p95Seconds: number | null;
}

export interface IncidentFiguresJson {
  type: string;
  count: number;
  open: number;
  timeToDetect: DurationFiguresJson;
  timeToAcknowledge: DurationFiguresJson;
  timeToResolve: DurationFiguresJson;
}

export interface DurationCell {
  hasSamples: boolean;
  median: string;
  p95: string;
  /** "3 incidents", "no samples". */
  samples: string;
}

export interface IncidentFiguresRow {
  type: string;
  title: string;
  count: string;
  open: string;
  /** Open incidents of this type right now: the row is highlighted. */
  hasOpen: boolean;
  detect: DurationCell;
  acknowledge: DurationCell;
  resolve: DurationCell;
}

export interface IncidentFiguresView {
  rows: IncidentFiguresRow[];
  totals: { count: number; open: number };
}

/** The server's order (the failure table's) is kept: the same row sits in the same place each time. */
export function buildIncidentFiguresView(figures: readonly IncidentFiguresJson[]): IncidentFiguresView {
  return {
    rows: figures.map((f) => ({
      type: f.type,
      title: failureTitle(f.type),
      count: f.count.toLocaleString('en-US'),
      open: f.open.toLocaleString('en-US'),
      hasOpen: f.open > 0,
      detect: durationCell(f.timeToDetect),
      acknowledge: durationCell(f.timeToAcknowledge),
      resolve: durationCell(f.timeToResolve),
    })),
    totals: { count: figures.reduce((n, f) => n + f.count, 0), open: figures.reduce((n, f) => n + f.open, 0) },
  };
}

function durationCell(d: DurationFiguresJson): DurationCell {
  if (d.samples === 0) return { hasSamples: false, median: MISSING, p95: MISSING, samples: 'no samples' };
  return { hasSamples: true, median: formatSeconds(d.medianSeconds), p95: formatSeconds(d.p95Seconds), samples: `${d.samples} incident${d.samples === 1 ? '' : 's'}` };
}
