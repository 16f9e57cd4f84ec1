import { formatDurationText } from './format-time';
import type { MuteDetail } from './incident-detail-answer';
import { assertNever } from '../assert-never';
import { INVALID_TIME, isDateMs } from '../units/date-range';

/**
 * Muting a pipeline's notifications: the choices offered, what POST /api/mutes is sent, and an
 * active mute in words ("muted until 14:00 UTC by ana"). A muted pipeline's incidents are still
 * opened and recorded; only notifications are held back.
 */

export const MUTE_DURATIONS = ['30m', '1h', '2h', '8h', '24h'] as const;

export type MuteDuration = (typeof MUTE_DURATIONS)[number];

export const DEFAULT_MUTE_DURATION: MuteDuration = '1h';

export const MUTE_DURATION_LABEL: Record<MuteDuration, string> = { '30m': '30 minutes', '1h': '1 hour', '2h': '2 hours', '8h': '8 hours', '24h': '24 hours' };

export function buildMuteRequestBody(pipelineId: string, duration: MuteDuration, by: string, reason: string) {
  return { pipelineId, for: duration, by, reason };
}

export function buildMutePath(muteId?: number): string {
  return muteId === undefined ? '/api/mutes' : `/api/mutes/${encodeURIComponent(String(muteId))}`;
}

export interface ActiveMuteView {
  id: number;
  /** "muted until 14:00 UTC by ana". */
  text: string;
  reason: string;
  /** "2026-11-24 12:00–14:00 UTC (2 h 00 m), by ana: deploy" for a tooltip. */
  title: string;
  /** More mutes of the pipeline active at the same time (they end earlier). */
  others: number;
}

function isActive(mute: MuteDetail, nowMs: number): boolean {
  return mute.unmuted === null && mute.fromMs <= nowMs && nowMs < mute.untilMs;
}

/** The pipeline's active mute that lasts longest, or null. */
export function buildActiveMute(mutes: readonly MuteDetail[], pipelineId: string, nowMs: number): ActiveMuteView | null {
  const active = mutes.filter((m) => m.pipelineId === pipelineId && isActive(m, nowMs)).sort((a, b) => b.untilMs - a.untilMs || b.id - a.id);
  const mute = active[0];
  if (mute === undefined) return null;
  return {
    id: mute.id,
    text: `muted until ${formatUtcMinute(mute.untilMs, nowMs)} by ${mute.by}`,
    reason: mute.reason,
    title: `${formatUtcMinute(mute.fromMs, nowMs)} to ${formatUtcMinute(mute.untilMs, nowMs)} (${formatDurationText(mute.untilMs - mute.fromMs)}), by ${mute.by}${mute.reason ? `: ${mute.reason}` : ''}`,
    others: active.length - 1,
  };
}

export interface MuteRowView {
  id: number;
  /** "12:00 → 14:00 UTC". */
  span: string;
  by: string;
  reason: string;
  state: 'active' | 'ended' | 'unmuted' | 'scheduled';
  /** "active", "ended", "unmuted early by bob at 13:10 UTC". */
  stateText: string;
}

/** An incident's overlapping mutes, oldest first. */
export function buildMuteRows(mutes: readonly MuteDetail[], nowMs: number): MuteRowView[] {
  return [...mutes]
    .sort((a, b) => a.fromMs - b.fromMs || a.id - b.id)
    .map((m) => {
      const state: MuteRowView['state'] = m.unmuted !== null ? 'unmuted' : nowMs < m.fromMs ? 'scheduled' : nowMs < m.untilMs ? 'active' : 'ended';
      return { id: m.id, span: `${formatUtcMinute(m.fromMs, nowMs)} → ${formatUtcMinute(m.untilMs, nowMs)}`, by: m.by, reason: m.reason, state, stateText: describeMuteState(state, m, nowMs) };
    });
}

function describeMuteState(state: MuteRowView['state'], mute: MuteDetail, nowMs: number): string {
  switch (state) {
    case 'active':
      return 'active';
    case 'scheduled':
      return 'not started yet';
    case 'ended':
      return 'ended';
    case 'unmuted': {
      const atMs = mute.unmuted?.atMs ?? null;
      return `unmuted early by ${mute.unmuted?.by ?? 'someone'}${atMs === null ? '' : ` at ${formatUtcMinute(atMs, nowMs)}`}`;
    }
    default:
      return assertNever(state, 'mute state');
  }
}

/** "14:00 UTC" on the day of `nowMs` (UTC), "2026-11-25 14:00 UTC" otherwise: a mute is set in minutes. */
export function formatUtcMinute(atMs: number, nowMs: number): string {
  if (!isDateMs(atMs)) return INVALID_TIME;
  const iso = new Date(atMs).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10);
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}
