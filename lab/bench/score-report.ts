import type { FailureType } from '../../lib/diagnosis/failure-table';
import { secondsSummary, type Score, type ScoredIncident } from './score-evaluate';
import { formatNumber, formatTable } from './format-table';

/** The figures the diagnosis is held to; a '*' beside a figure marks a miss. */
export const SCORE_TARGETS = {
  minPrecision: 0.95,
  minRecall: 0.95,
  maxMedianDetectSeconds: 10,
  maxHealthyIncidents: 0,
  maxExtraIncidentsPerFault: 0,
} as const;

const SHORT: Record<FailureType, string> = {
  'transient-sink-error': 'transient',
  'permanent-data-error': 'data-err',
  'slow-sink': 'slow-sink',
  'kafka-rebalance': 'rebalance',
  'sink-unavailable': 'unavail',
  'consumer-stopped': 'stopped',
  'upstream-stall': 'stall',
  'hot-partition': 'hot-part',
  'lag-near-retention': 'retention',
};

export function formatTypeTable(score: Score): string {
  const t = SCORE_TARGETS;
  const rows = score.types.map((s) => {
    const ttd = secondsSummary(s.timeToDetectMs);
    const ttr = secondsSummary(s.timeToResolveMs);
    return [
      s.type,
      s.episodes,
      s.detected,
      mark(s.recall, s.episodes > 0 && s.recall < t.minRecall, 2),
      s.incidents,
      mark(s.precision, s.incidents > 0 && s.precision < t.minPrecision, 2),
      mark(ttd.medianSeconds, ttd.medianSeconds > t.maxMedianDetectSeconds, 1),
      formatNumber(ttd.p95Seconds, 1),
      formatNumber(ttr.medianSeconds, 1),
      formatNumber(ttr.p95Seconds, 1),
      s.notResolved,
      mark(s.flaps, s.flaps > t.maxExtraIncidentsPerFault),
      mark(s.otherTypes, s.otherTypes > t.maxExtraIncidentsPerFault),
      mark(s.healthy, s.healthy > t.maxHealthyIncidents),
    ];
  });
  const headers = [
    'failure type',
    'episodes',
    'detected',
    `recall ≥${t.minRecall}`,
    'incidents',
    `precision ≥${t.minPrecision}`,
    `detect s med ≤${t.maxMedianDetectSeconds}`,
    'detect s p95',
    'resolve s med',
    'resolve s p95',
    'not resolved',
    'flaps =0',
    'other types =0',
    'healthy FP =0',
  ];
  return [
    formatTable(headers, rows),
    '  detect: incident open − fault start. resolve: incident resolved − fault end. flaps: expected-type incidents',
    '  per episode beyond one. other types: incidents of a type neither the fault nor an overlapping one expects.',
    '  healthy FP: opened with no fault within the grace. incidents/precision: by final type, bursts aside. * misses its target.',
  ].join('\n');
}

export function formatConfusion(score: Score): string {
  const { columns, rows } = score.confusion;
  const table = formatTable(
    ['injected fault', 'episodes', ...columns.map((c) => SHORT[c]), 'none'],
    rows.map((r) => [r.label, r.episodes, ...columns.map((c) => r.counts[c] ?? 0), r.none]),
  );
  const legend = columns.map((c) => `${SHORT[c]} = ${c}`).join(', ');
  return `${table}\n  cells: incidents opened from fault start to end + grace, by final type; none: episodes with no incident. ${legend}`;
}

/** One line per episode: when, what was expected, what opened. Times are seconds from the run's start. */
export function formatEpisodes(score: Score, incidents: readonly ScoredIncident[], originMs: number): string {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const rel = (ms: number) => `+${Math.round((ms - originMs) / 1000)}`;
  const rows = score.episodes.map((e) => [
    e.episode.label + (e.overlapped ? ' (overlap)' : ''),
    `${rel(e.episode.startMs)}..${rel(e.episode.endMs)}`,
    e.expected === null ? '(none)' : SHORT[e.expected],
    e.timeToDetectMs === null ? (e.expected === null ? '-' : 'MISSED') : formatNumber(e.timeToDetectMs / 1000, 1),
    e.timeToResolveMs === null ? (e.detectedBy === null ? '-' : 'open') : formatNumber(e.timeToResolveMs / 1000, 1),
    e.incidentIds.map((id) => describeIncident(byId.get(id)!, originMs)).join('; ') || '-',
  ]);
  return formatTable(['episode', 'fault s', 'expected', 'detect s', 'resolve s', 'incidents opened (type open..resolved)'], rows);
}

export function formatIncidents(score: Score, incidents: readonly ScoredIncident[], originMs: number): string {
  const rows = [...incidents]
    .sort((a, b) => a.openedAtMs - b.openedAtMs)
    .map((i) => [describeIncident(i, originMs), score.verdicts[i.id] ?? '?', truncate(i.summary, 110)]);
  return rows.length === 0 ? '(no incidents)' : formatTable(['incident (type open..resolved, s)', 'verdict', 'summary at open'], rows);
}

function describeIncident(i: ScoredIncident, originMs: number): string {
  const types = i.types.map((t) => SHORT[t]).join('→');
  const open = Math.round((i.openedAtMs - originMs) / 1000);
  const end = i.resolvedAtMs === null ? 'open' : String(Math.round((i.resolvedAtMs - originMs) / 1000));
  return `${types} +${open}..${end}`;
}

function mark(value: number, miss: boolean, decimals?: number): string {
  return `${formatNumber(value, decimals ?? 0)}${miss ? '*' : ''}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
