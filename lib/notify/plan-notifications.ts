import type { IncidentChange } from '../incidents/incident';
import { notificationOf, type Notification, type NotificationEvent } from './notification';

/** A pipeline whose notifications are recorded but not sent, until untilMs (null: until unmuted). */
export interface PipelineMute {
  pipelineId: string;
  untilMs: number | null;
}

/** What the policy needs of a target: its id (the name in logs) and the events it wants. */
export interface PolicyTarget {
  id: string;
  events: readonly NotificationEvent[];
}

export interface NotifyPolicyOptions {
  targets: readonly PolicyTarget[];
  mutes: readonly PipelineMute[];
  /** At most this many sends per target in any 60 s; the overflow is dropped and counted. */
  rateLimit: { perMinute: number };
  /** Deduplication keys remembered, oldest forgotten first; a key repeats only on a replay of old changes. */
  maxRememberedKeys?: number;
}

export type HandledOutcome = 'sent' | 'dropped' | 'suppressed';

/** Bounded by count: remembered keys, and at most rateLimit.perMinute send times per target. */
export interface NotifyPolicyState {
  /** `${targetId}\u0000${notification.key}` → what became of it. */
  handled: ReadonlyMap<string, HandledOutcome>;
  recentSendsMs: ReadonlyMap<string, readonly number[]>;
  /** Per target, since start: for the log and for /metrics. */
  droppedByRateLimit: ReadonlyMap<string, number>;
}

export const EMPTY_NOTIFY_POLICY_STATE: NotifyPolicyState = { handled: new Map(), recentSendsMs: new Map(), droppedByRateLimit: new Map() };

export type NotificationDecision =
  | { kind: 'send'; targetId: string; notification: Notification }
  /** The pipeline is muted: recorded once, sent to no target. */
  | { kind: 'suppressed'; reason: 'muted'; notification: Notification; mute: PipelineMute }
  /** Over the target's rate limit; `droppedSoFar` counts this one. */
  | { kind: 'dropped'; reason: 'rate-limited'; targetId: string; notification: Notification; droppedSoFar: number };

const WINDOW_MS = 60_000;
const DEFAULT_MAX_REMEMBERED_KEYS = 10_000;

/**
 * Which incident changes become notifications, to which targets. One notification per incident,
 * event and target, however often the change is seen. Over the rate limit a notification is
 * dropped, not queued: a storm of incidents is one cluster-wide problem, the first few messages
 * say so and Pipewatch shows the rest. A 'resolved' whose 'opened' this target was sent is never
 * dropped: such sends cannot outnumber the openings, and dropping one would leave an incident
 * open at the receiver for ever.
 */
export function planNotifications(
  state: NotifyPolicyState,
  changes: readonly IncidentChange[],
  nowMs: number,
  options: NotifyPolicyOptions,
): { decisions: NotificationDecision[]; state: NotifyPolicyState } {
  const handled = new Map(state.handled);
  const recentSendsMs = new Map(state.recentSendsMs);
  const droppedByRateLimit = new Map(state.droppedByRateLimit);
  const decisions: NotificationDecision[] = [];
  const perMinute = Math.max(1, options.rateLimit.perMinute);

  for (const change of changes) {
    const notification = notificationOf(change);
    if (notification === null) continue;
    const targets = options.targets.filter((t) => t.events.includes(notification.event) && !handled.has(handledKey(t.id, notification)));
    if (targets.length === 0) continue;

    const mute = activeMute(options.mutes, notification.incident.pipelineId, nowMs);
    if (mute !== null) {
      for (const target of targets) handled.set(handledKey(target.id, notification), 'suppressed');
      decisions.push({ kind: 'suppressed', reason: 'muted', notification, mute });
      continue;
    }
    for (const target of targets) {
      const recent = (recentSendsMs.get(target.id) ?? []).filter((atMs) => atMs > nowMs - WINDOW_MS);
      const answersASend = notification.event === 'resolved' && handled.get(`${target.id}\u0000${notification.incident.id}/opened`) === 'sent';
      if (recent.length >= perMinute && !answersASend) {
        const droppedSoFar = (droppedByRateLimit.get(target.id) ?? 0) + 1;
        droppedByRateLimit.set(target.id, droppedSoFar);
        handled.set(handledKey(target.id, notification), 'dropped');
        decisions.push({ kind: 'dropped', reason: 'rate-limited', targetId: target.id, notification, droppedSoFar });
        continue;
      }
      recentSendsMs.set(target.id, [...recent, nowMs].slice(-perMinute));
      handled.set(handledKey(target.id, notification), 'sent');
      decisions.push({ kind: 'send', targetId: target.id, notification });
    }
  }

  const maxKeys = options.maxRememberedKeys ?? DEFAULT_MAX_REMEMBERED_KEYS;
  // Maps iterate in insertion order: the first keys are the oldest.
  for (const key of handled.keys()) {
    if (handled.size <= maxKeys) break;
    handled.delete(key);
  }
  return { decisions, state: { handled, recentSendsMs, droppedByRateLimit } };
}

function handledKey(targetId: string, notification: Notification): string {
  return `${targetId}\u0000${notification.key}`;
}

function activeMute(mutes: readonly PipelineMute[], pipelineId: string, nowMs: number): PipelineMute | null {
  return mutes.find((m) => m.pipelineId === pipelineId && (m.untilMs === null || nowMs < m.untilMs)) ?? null;
}
