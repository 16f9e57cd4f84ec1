import type { FailureType } from '../../../lib/diagnosis/failure-table';
import type { EpisodeScore, ScoreInput, ScoredIncident } from '../../../lab/bench/score-evaluate';
import type { FaultEpisode } from '../../../lab/bench/score-ground-truth';
import { EXPECTED_TYPE } from '../../../lab/bench/score-schedule';

/** Fault episodes, incidents and runs in seconds, for the scorer's tests. */
export const S = 1_000;
export const GRACE = 30 * S;

const LABELS: Partial<Record<FaultEpisode['fault'], [string, Record<string, number>]>> = {
  'slow-sink': ['slow-sink latencyMs=400', { latencyMs: 400 }],
  'transient-errors': ['transient-errors rate=0.3', { rate: 0.3 }],
  'producer-burst': ['producer-burst rate=5', { rate: 5 }],
};

/** A fault from startS to endS, in seconds from the run's start. */
export const ep = (fault: FaultEpisode['fault'], startS: number, endS: number): FaultEpisode => {
  const [label, params] = LABELS[fault] ?? [fault, {}];
  return { fault, params, label, startMs: startS * S, endMs: endS * S, endCause: 'expired' };
};

/** An incident opened at openS, first seen 2 s earlier, resolved at resolvedS (null: still open); in seconds. */
export const inc = (id: string, types: FailureType[], openS: number, resolvedS: number | null): ScoredIncident => ({
  id,
  family: types[0]!,
  types,
  firstSeenAtMs: openS * S - 2 * S,
  openedAtMs: openS * S,
  resolvedAtMs: resolvedS === null ? null : resolvedS * S,
  summary: `${types.join(' → ')} incident`,
});

export const run = (episodes: FaultEpisode[], incidents: ScoredIncident[], span: Partial<ScoreInput> = {}): ScoreInput => ({
  episodes,
  incidents,
  runStartMs: 0,
  runEndMs: 2_000 * S,
  graceMs: GRACE,
  expected: EXPECTED_TYPE,
  ...span,
});

export const ESCALATED: FailureType[] = ['transient-sink-error', 'sink-unavailable'];

export type EpisodeExpectation = Omit<EpisodeScore, 'episode'>;
export const miss = (expected: FailureType | null, more: Partial<EpisodeExpectation> = {}): EpisodeExpectation => ({
  expected,
  overlapped: false,
  incidentIds: [],
  detectedBy: null,
  timeToDetectMs: null,
  timeToResolveMs: null,
  resolved: false,
  flaps: 0,
  otherTypes: [],
  ...more,
});
