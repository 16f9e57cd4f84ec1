import { FAILURE_TYPES, type FailureType } from '../../lib/diagnosis/failure-table';
import type { FaultName } from '../pipeline/faults';
import { median, percentile } from './bench-stats';
import type { FaultEpisode } from './score-ground-truth';

/** An incident as the run saw it, from its open to its resolve (null: still open when the run ended). */
export interface ScoredIncident {
  id: string;
  family: FailureType;
  /** Every type it held, the opening type first, then each escalation. */
  types: FailureType[];
  firstSeenAtMs: number;
  openedAtMs: number;
  resolvedAtMs: number | null;
  summary: string;
}

export interface ScoreInput {
  episodes: readonly FaultEpisode[];
  incidents: readonly ScoredIncident[];
  /** The healthy warm-up starts the scored span; every incident outside the faults' grace in it is a false positive. */
  runStartMs: number;
  runEndMs: number;
  /** An incident opening this long after its fault ended still belongs to it. */
  graceMs: number;
  expected: Readonly<Record<FaultName, FailureType | null>>;
}

/**
 * Where an incident stands against the ground truth, by its final type (what an operator is left
 * with): `matched` opened within a fault expecting that type (start to end + grace); `wrong-type`
 * opened near faults but not within one expecting it — including one of the right type that opened
 * in the grace before its fault started; `during-burst` opened only near faults with no expected type;
 * `healthy` opened with no fault within the grace.
 */
export type IncidentVerdict = 'matched' | 'wrong-type' | 'during-burst' | 'healthy';

export interface EpisodeScore {
  episode: FaultEpisode;
  expected: FailureType | null;
  /** Another episode overlaps this one: its incidents are not this one's extras. */
  overlapped: boolean;
  /** Incidents opened from the fault's start to its end plus the grace. */
  incidentIds: string[];
  detectedBy: string | null;
  timeToDetectMs: number | null;
  /** The last expected-type incident's resolve minus the fault's end; null when not detected or not resolved. */
  timeToResolveMs: number | null;
  resolved: boolean;
  /** Expected-type incidents beyond the first. */
  flaps: number;
  /** Incidents of types neither this episode nor an overlapping one expects. */
  otherTypes: FailureType[];
}

export interface TypeScore {
  type: FailureType;
  episodes: number;
  detected: number;
  /** Incidents whose final type is this one, bursts aside. */
  incidents: number;
  matched: number;
  recall: number;
  precision: number;
  timeToDetectMs: number[];
  timeToResolveMs: number[];
  notResolved: number;
  flaps: number;
  otherTypes: number;
  healthy: number;
}

export interface ConfusionRow {
  /** The episode label, with " (overlap)" when another fault ran at the same time. */
  label: string;
  episodes: number;
  /** Incidents opened during these episodes, by final type. */
  counts: Partial<Record<FailureType, number>>;
  /** Episodes during which no incident opened. */
  none: number;
}

export interface Score {
  episodes: EpisodeScore[];
  verdicts: Record<string, IncidentVerdict>;
  types: TypeScore[];
  confusion: { columns: FailureType[]; rows: ConfusionRow[] };
  healthyIncidents: ScoredIncident[];
  /** Span outside every fault and its grace, where any incident is a false positive. */
  healthyMs: number;
}

export const finalType = (incident: ScoredIncident): FailureType => incident.types.at(-1)!;

/**
 * Scores incidents against the fault log. An episode is detected by the first incident that opens
 * between its start and end + grace and held the expected type at some point: a transient incident
 * escalated to sink-unavailable detects an outage, timed at its first open. Precision goes by final
 * type, so an escalation a transient fault did not earn counts against sink-unavailable.
 */
export function scoreRun(input: ScoreInput): Score {
  const { episodes, incidents, graceMs, expected } = input;
  const opensWithin = (i: ScoredIncident, e: FaultEpisode) => i.openedAtMs >= e.startMs && i.openedAtMs <= e.endMs + graceMs;
  const overlaps = (a: FaultEpisode, b: FaultEpisode) => a !== b && a.startMs <= b.endMs && b.startMs <= a.endMs;

  const episodeScores = episodes.map((episode): EpisodeScore => {
    const want = expected[episode.fault];
    const during = incidents.filter((i) => opensWithin(i, episode)).sort((a, b) => a.openedAtMs - b.openedAtMs);
    const neighbours = episodes.filter((other) => overlaps(episode, other));
    const explained = new Set([want, ...neighbours.map((n) => expected[n.fault])].filter((t): t is FailureType => t !== null));
    const hits = want === null ? [] : during.filter((i) => i.types.includes(want));
    const first = hits[0];
    const last = hits.at(-1);
    return {
      episode,
      expected: want,
      overlapped: neighbours.length > 0,
      incidentIds: during.map((i) => i.id),
      detectedBy: first?.id ?? null,
      timeToDetectMs: first ? first.openedAtMs - episode.startMs : null,
      timeToResolveMs: last?.resolvedAtMs != null ? last.resolvedAtMs - episode.endMs : null,
      resolved: last !== undefined && last.resolvedAtMs !== null,
      flaps: Math.max(0, hits.length - 1),
      otherTypes: during.filter((i) => !i.types.some((t) => explained.has(t))).map(finalType),
    };
  });

  const verdicts: Record<string, IncidentVerdict> = {};
  for (const incident of incidents) verdicts[incident.id] = verdictOf(incident, input, opensWithin);

  const seenTypes = new Set<FailureType>([
    ...episodes.flatMap((e) => (expected[e.fault] === null ? [] : [expected[e.fault]!])),
    ...incidents.map(finalType),
  ]);
  const types = FAILURE_TYPES.filter((t) => seenTypes.has(t)).map((type): TypeScore => {
    const own = episodeScores.filter((e) => e.expected === type);
    const typed = incidents.filter((i) => finalType(i) === type && verdicts[i.id] !== 'during-burst');
    const matched = typed.filter((i) => verdicts[i.id] === 'matched').length;
    const detected = own.filter((e) => e.detectedBy !== null);
    return {
      type,
      episodes: own.length,
      detected: detected.length,
      incidents: typed.length,
      matched,
      recall: own.length === 0 ? NaN : detected.length / own.length,
      precision: typed.length === 0 ? NaN : matched / typed.length,
      timeToDetectMs: detected.map((e) => e.timeToDetectMs!),
      timeToResolveMs: detected.flatMap((e) => (e.timeToResolveMs === null ? [] : [e.timeToResolveMs])),
      notResolved: detected.filter((e) => !e.resolved).length,
      flaps: own.reduce((n, e) => n + e.flaps, 0),
      otherTypes: own.reduce((n, e) => n + e.otherTypes.length, 0),
      healthy: typed.filter((i) => verdicts[i.id] === 'healthy').length,
    };
  });

  return {
    episodes: episodeScores,
    verdicts,
    types,
    confusion: buildConfusion(episodeScores, incidents),
    healthyIncidents: incidents.filter((i) => verdicts[i.id] === 'healthy'),
    healthyMs: healthySpanMs(input),
  };
}

function verdictOf(incident: ScoredIncident, input: ScoreInput, opensWithin: (i: ScoredIncident, e: FaultEpisode) => boolean): IncidentVerdict {
  const type = finalType(incident);
  const near = input.episodes.filter((e) => incident.openedAtMs >= e.startMs - input.graceMs && incident.openedAtMs <= e.endMs + input.graceMs);
  if (near.length === 0) return 'healthy';
  if (input.episodes.some((e) => input.expected[e.fault] === type && opensWithin(incident, e))) return 'matched';
  return near.every((e) => input.expected[e.fault] === null) ? 'during-burst' : 'wrong-type';
}

function buildConfusion(episodes: readonly EpisodeScore[], incidents: readonly ScoredIncident[]): Score['confusion'] {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const rows = new Map<string, ConfusionRow>();
  const columns = new Set<FailureType>();
  for (const e of episodes) {
    const label = e.overlapped ? `${e.episode.label} (overlap)` : e.episode.label;
    const row = rows.get(label) ?? { label, episodes: 0, counts: {}, none: 0 };
    row.episodes++;
    if (e.incidentIds.length === 0) row.none++;
    for (const id of e.incidentIds) {
      const type = finalType(byId.get(id)!);
      columns.add(type);
      row.counts[type] = (row.counts[type] ?? 0) + 1;
    }
    rows.set(label, row);
  }
  return { columns: FAILURE_TYPES.filter((t) => columns.has(t)), rows: [...rows.values()] };
}

function healthySpanMs({ episodes, runStartMs, runEndMs, graceMs }: ScoreInput): number {
  const spans = episodes
    .map((e) => [Math.max(runStartMs, e.startMs - graceMs), Math.min(runEndMs, e.endMs + graceMs)] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reach = runStartMs;
  for (const [from, to] of spans) {
    if (to <= reach) continue;
    covered += to - Math.max(from, reach);
    reach = to;
  }
  return Math.max(0, runEndMs - runStartMs - covered);
}

/** Median and p95 of a list of milliseconds, in seconds; NaN when empty. */
export function secondsSummary(valuesMs: readonly number[]): { medianSeconds: number; p95Seconds: number } {
  return { medianSeconds: median(valuesMs) / 1000, p95Seconds: percentile(valuesMs, 95) / 1000 };
}
