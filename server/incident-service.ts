import type { Collection, CycleResult } from '../lib/collection/collection-loop';
import type { Logger } from '../lib/log/logger';
import type { Incident, IncidentChange } from '../lib/incidents/incident';
import type { LiveHub } from '../lib/live/live-hub';
import type { TargetStats } from '../collectors/notify/create-notifier';
import { FencedWriteError } from '../collectors/store/fenced-write-error';
import { mergeStoredActions } from '../lib/incidents/merge-stored-actions';
import type { LeaseFence } from '../lib/leadership/leader-lease';
import { buildNotifyTargets } from '../lib/notify/notify-targets';
import { EMPTY_NOTIFY_POLICY_STATE, planNotifications, type NotificationDecision, type NotifyPolicyState } from '../lib/notify/plan-notifications';
import type { NotificationSettings } from '../lib/config/pipewatch-config';
import { buildEvidencePoint, pickEvidence } from '../lib/incidents/evidence-point';
import { MAX_EVIDENCE_POINTS } from '../lib/incidents/downsample-evidence';
import type { IncidentStore, Mute, OutboxDelivery } from '../lib/incidents/incident-store';
import { assertNever } from '../lib/assert-never';
import { createStoreRetention, type StoreRetentionOptions } from './store-retention';
import type { Leadership } from './leadership/leadership';
import { createOutboxSender } from './leadership/outbox-sender';
import { planLastActiveWrites } from '../lib/pipelines/plan-last-active-writes';

/** Evidence kept before an incident opened (from the live history), and after it resolved. */
const EVIDENCE_BEFORE_MS = 15 * 60_000;
const EVIDENCE_AFTER_MS = 10 * 60_000;
/** Changes waiting for a store that failed; past this the oldest are dropped and the loss logged. */
const MAX_PENDING_CHANGES = 50_000;

export interface IncidentServiceOptions {
  store: IncidentStore;
  collection: Collection;
  hub: LiveHub;
  /** Who records and notifies: on SQLite always this process, on PostgreSQL the lease's holder. */
  leadership: Leadership;
  notifications: NotificationSettings;
  publicUrl: string;
  /** The store's, the notifier's and leadership's lines go to its `store`, `notify` and `leader` children. */
  log: Logger;
  nowMs?: () => number;
  /** `store.retention` and, for tests, the pruning schedule and its timers; null: nothing is ever deleted. */
  retention?: Omit<StoreRetentionOptions, 'store' | 'log'> | null;
  /** What the store held at start: when each pipeline was last seen active. */
  lastActive?: ReadonlyMap<string, number>;
}

export interface FlushOutcome {
  /** Changes the store still has not taken (it is unreachable). */
  unrecordedChanges: number;
  /** Notifications queued or in flight when the time was up; they stay due in the outbox. */
  notificationsLeft: number;
}

export interface IncidentService {
  /**
   * The leader persists the cycle's incident changes and evidence, and notifies; a follower reads
   * the store's incidents instead and shows those. Publishes the cycle to the live hub unless the
   * caller already did (`published`). Never throws.
   */
  record(cycle: CycleResult, options: { published: boolean }): Promise<void>;
  acknowledge(incidentId: string, by: string, note: string | null): ReturnType<IncidentStore['acknowledge']>;
  resolveByHand(incidentId: string, by: string, reason: string): ReturnType<IncidentStore['resolveByHand']>;
  mutePipeline(request: Parameters<IncidentStore['mutePipeline']>[0]): ReturnType<IncidentStore['mutePipeline']>;
  /** Per target since this term began: the notifier's totals, and the notifications the rate limit dropped. */
  notifierStats(): (TargetStats & { rateLimited: number })[];
  /**
   * For a shutdown, before close: the leader records what it holds, hands the outbox's due
   * notifications to its notifier and sends them (resolves first) within timeoutMs.
   */
  flush(timeoutMs: number): Promise<FlushOutcome>;
  /** Stops sending (what is still due stays in the outbox) and retention, records what is held, closes the store. */
  close(): Promise<void>;
}

/**
 * Between the live reducer and the durable store. On the leader: every cycle's incident changes
 * are recorded with the notifications they call for (retried next cycle if the database is away:
 * recording is idempotent, so nothing is lost or doubled), evidence is kept around each incident,
 * the outbox is sent, and what people did on other replicas is merged into the reducer. On a
 * follower: the reducer and the live view follow the store. A person's acknowledgement or
 * resolution, on any replica, goes to the store (and to this reducer when it leads).
 */
export function createIncidentService(options: IncidentServiceOptions): IncidentService {
  const { store, collection, hub, leadership } = options;
  const storeLog = options.log.child('store');
  const notifyLog = options.log.child('notify');
  const leaderLog = options.log.child('leader');
  const nowMs = options.nowMs ?? Date.now;
  const targets = buildNotifyTargets(options.notifications, options.publicUrl);
  const outbox = createOutboxSender({
    store,
    log: notifyLog,
    notifier: {
      targets,
      log: notifyLog,
      retry: { maxAttempts: options.notifications.maxAttempts, initialDelayMs: options.notifications.initialBackoffMs, maxDelayMs: options.notifications.maxBackoffMs },
      attemptTimeoutMs: options.notifications.attemptTimeoutMs,
      maxQueuedPerTarget: options.notifications.maxQueuedPerTarget,
    },
  });
  // Sending stops the moment leadership is lost, not at the next cycle.
  const unsubscribe = leadership.subscribe((acting) => {
    if (acting.kind === 'follower') outbox.halt();
  });
  let policy: NotifyPolicyState = EMPTY_NOTIFY_POLICY_STATE;
  let pending: IncidentChange[] = [];
  let storeFailing = false;
  /** The leadership term this replica has seeded its reducer for, and the update that seeded it; null while following. */
  let led: { term: number; seededUpdate: number } | null = null;
  /** What a follower last showed, to tell the live view which incidents changed or left. */
  let shownOpen = new Map<string, Incident>();
  const atStart = leadership.acting();
  // SQLite's sole leader: the collection was seeded from the store when it was made.
  if (atStart.kind === 'leader' && atStart.fence === null) {
    led = { term: atStart.term, seededUpdate: 0 };
    outbox.begin();
  }
  /** Resolved incidents still collecting evidence, until the time given. */
  const trailing = new Map<string, { pipelineId: string; untilMs: number }>();
  /** Points added per incident since it was last thinned: past the cap the stored evidence is downsampled again. */
  const addedSinceThinned = new Map<string, number>();
  const retention = options.retention ? createStoreRetention({ ...options.retention, store, log: storeLog }) : null;
  retention?.start();
  /** The "last seen active" times stored so far, to write each only when it moved on. */
  const lastActiveWritten = new Map(options.lastActive ?? []);
  let lastActiveFailing = false;

  async function keepLastActive(cycle: CycleResult): Promise<void> {
    const entries = planLastActiveWrites(lastActiveWritten, cycle.snapshots);
    if (entries.length === 0) return;
    try {
      await store.recordLastActive(entries);
      for (const e of entries) lastActiveWritten.set(e.pipelineId, e.atMs);
      lastActiveFailing = false;
    } catch (error) {
      // Retried next cycle: the entries stay due until written.
      if (!lastActiveFailing) storeLog.warn(`incident store: cannot record which pipelines are active (${(error as Error).message}); retrying every cycle`);
      lastActiveFailing = true;
    }
  }

  /**
   * Records the changes held so far with the notifications they call for, in one fenced
   * transaction. The notification policy moves on only when the transaction commits, so a batch
   * retried after a failure plans the same notifications again. False: nothing was recorded.
   */
  async function persist(changes: readonly IncidentChange[], fence: LeaseFence | null): Promise<boolean> {
    pending.push(...changes);
    if (pending.length > MAX_PENDING_CHANGES) {
      storeLog.error(`incident store: ${pending.length - MAX_PENDING_CHANGES} unrecorded changes dropped while the database is unavailable`);
      pending = pending.slice(-MAX_PENDING_CHANGES);
    }
    if (pending.length === 0) return true;
    try {
      const planned = await planDeliveries(pending);
      await store.recordChanges(pending, { fence, notifications: planned.deliveries });
      policy = planned.state;
      planned.decisions.forEach(logDecision);
      pending = [];
      if (storeFailing) storeLog.info('incident store: recording again; the changes held while it was away are saved');
      storeFailing = false;
      return true;
    } catch (error) {
      if (error instanceof FencedWriteError) {
        leaderLog.warn(`incident store: ${error.message}; this replica's unrecorded changes are dropped, the new leader derives its own`);
        pending = [];
        return false;
      }
      if (!storeFailing) storeLog.warn(`incident store: cannot record incident changes (${(error as Error).message}); holding them and retrying every cycle`);
      storeFailing = true;
      return false;
    }
  }

  async function keepEvidence(cycle: CycleResult, fence: LeaseFence | null): Promise<void> {
    const snapshots = new Map(cycle.snapshots.map((s) => [s.pipelineId, s]));
    for (const change of cycle.incidentChanges) {
      if (change.kind === 'opened') {
        const before = hub.readPipeline(change.incident.pipelineId, EVIDENCE_BEFORE_MS)?.points ?? [];
        await boundEvidence(change.incident.id, await store.recordEvidence(change.incident.id, before.map(pickEvidence), fence));
      }
      if (change.kind === 'resolved') trailing.set(change.incident.id, { pipelineId: change.incident.pipelineId, untilMs: cycle.atMs + EVIDENCE_AFTER_MS });
    }
    const watched = [...cycle.openIncidents.map((i) => ({ id: i.id, pipelineId: i.pipelineId })), ...[...trailing].map(([id, t]) => ({ id, pipelineId: t.pipelineId }))];
    for (const { id, pipelineId } of watched) {
      const snapshot = snapshots.get(pipelineId);
      if (snapshot) await boundEvidence(id, await store.recordEvidence(id, [buildEvidencePoint(snapshot)], fence));
    }
    for (const [id, t] of trailing) if (cycle.atMs > t.untilMs) trailing.delete(id);
    const watchedIds = new Set(watched.map((w) => w.id));
    for (const id of addedSinceThinned.keys()) if (!watchedIds.has(id)) addedSinceThinned.delete(id);
  }

  /**
   * One point a cycle would grow a long incident's evidence without bound (a day at 5 s is ~17,000
   * points). Every MAX_EVIDENCE_POINTS points added, the stored evidence is downsampled back to
   * MAX_EVIDENCE_POINTS over the whole span, extremes kept: it stays under twice the cap.
   */
  async function boundEvidence(incidentId: string, recorded: Awaited<ReturnType<IncidentStore['recordEvidence']>>): Promise<void> {
    if (!recorded.ok) return;
    const added = (addedSinceThinned.get(incidentId) ?? 0) + recorded.added;
    if (added < MAX_EVIDENCE_POINTS) {
      addedSinceThinned.set(incidentId, added);
      return;
    }
    addedSinceThinned.set(incidentId, 0);
    const thinned = await store.thinEvidence(incidentId, MAX_EVIDENCE_POINTS);
    if (!thinned.ok) storeLog.warn(`incident store: evidence of ${incidentId} not thinned: ${thinned.error.message}`);
  }

  /** The policy's decisions for these changes; the state is kept only once they are recorded. */
  async function planDeliveries(changes: readonly IncidentChange[]): Promise<{ deliveries: OutboxDelivery[]; decisions: NotificationDecision[]; state: NotifyPolicyState }> {
    if (targets.length === 0) return { deliveries: [], decisions: [], state: policy };
    const mutes = await store.activeMutes(nowMs()).catch((): Mute[] => []);
    const planned = planNotifications(policy, changes, nowMs(), {
      targets,
      mutes: mutes.map((m) => ({ pipelineId: m.pipelineId, untilMs: m.untilMs })),
      rateLimit: { perMinute: options.notifications.rateLimitPerMinute },
    });
    const deliveries = planned.decisions.flatMap((d) => (d.kind === 'send' ? [{ targetId: d.targetId, notification: d.notification }] : []));
    return { deliveries, decisions: planned.decisions, state: planned.state };
  }

  function logDecision(decision: NotificationDecision): void {
    switch (decision.kind) {
      case 'send':
        return;
      case 'suppressed':
        return notifyLog.info(`notification not sent, ${decision.notification.incident.pipelineId} is muted: ${decision.notification.event} ${decision.notification.incident.id}`);
      case 'dropped':
        return notifyLog.warn(`notification to ${decision.targetId} dropped by the rate limit (${decision.droppedSoFar} so far): ${decision.notification.event} ${decision.notification.incident.id}`);
      default:
        return assertNever(decision, 'notification decision');
    }
  }

  /** A new term: the reducer continues from the store's incidents, the policy and the sender start afresh. */
  async function beginLeading(term: number): Promise<void> {
    const open = await store.openIncidents();
    const seededUpdate = collection.updateIncidents(() => open);
    led = { term, seededUpdate };
    pending = [];
    policy = EMPTY_NOTIFY_POLICY_STATE;
    outbox.begin();
    leaderLog.info(`incidents: leading from the store's ${open.length} open incident${open.length === 1 ? '' : 's'}`);
  }

  /** People's acknowledgements and resolutions made on other replicas reach this reducer. */
  async function mergePeoplesActions(cycle: CycleResult): Promise<void> {
    const open = new Map((await store.openIncidents()).map((i) => [i.id, i]));
    const resolved = new Set<string>();
    for (const incident of cycle.openIncidents) {
      if (open.has(incident.id)) continue;
      const stored = await store.getIncident(incident.id);
      if (stored.ok && stored.detail.stored.incident.status === 'resolved') resolved.add(incident.id);
    }
    collection.updateIncidents((current) => mergeStoredActions(current, { open, resolved }));
  }

  /** A follower's reducer and live view are the store's: the leader's incidents, a cycle old at most. */
  async function follow(cycle: CycleResult, published: boolean): Promise<void> {
    const open = await store.openIncidents().catch((error: Error) => {
      storeLog.warn(`incident store: cannot read the leader's incidents (${error.message}); showing this replica's own`);
      return null;
    });
    if (open === null) {
      if (!published) hub.publish(cycle);
      return;
    }
    collection.updateIncidents(() => open);
    const changes: IncidentChange[] = open.map((incident) => ({ kind: 'updated', atMs: cycle.atMs, incident, entry: null }));
    for (const [id] of shownOpen) {
      if (open.some((i) => i.id === id)) continue;
      const stored = await store.getIncident(id).catch(() => null);
      if (stored?.ok) changes.push({ kind: 'resolved', atMs: cycle.atMs, incident: stored.detail.stored.incident });
    }
    shownOpen = new Map(open.map((i) => [i.id, i]));
    if (!published) hub.publish({ ...cycle, openIncidents: open, incidentChanges: changes });
  }

  async function lead(cycle: CycleResult, fence: LeaseFence | null): Promise<void> {
    const recorded = await persist(cycle.incidentChanges, fence);
    if (!recorded) return;
    await keepEvidence(cycle, fence).catch((error: Error) => storeLog.warn(`incident store: evidence not recorded this cycle: ${error.message}`));
    // The leader keeps when each pipeline was last active, so a restart or a new leader tells stopped from inactive.
    await keepLastActive(cycle);
    await outbox.drain().catch((error: Error) => notifyLog.warn(`notifications: the outbox cannot be read: ${error.message}`));
    await mergePeoplesActions(cycle).catch((error: Error) => storeLog.warn(`incident store: other replicas' actions not merged this cycle: ${error.message}`));
  }

  return {
    async record(cycle, { published }) {
      const acting = leadership.acting();
      if (acting.kind === 'follower') {
        led = null;
        pending = [];
        return follow(cycle, published);
      }
      if (!published) hub.publish(cycle);
      shownOpen = new Map();
      if (led?.term !== acting.term) {
        // This cycle was diagnosed from what this replica held as a follower: it is not recorded.
        return beginLeading(acting.term)
          .then(() => outbox.drain())
          .catch((error: Error) => leaderLog.warn(`incidents: cannot take over from the store yet (${error.message}); retrying next cycle`));
      }
      if (cycle.incidentUpdates < led.seededUpdate) return;
      return lead(cycle, acting.fence);
    },
    async acknowledge(incidentId, by, note) {
      const stored = await store.acknowledge(incidentId, by, note);
      const acting = leadership.acting();
      if (stored.ok && acting.kind === 'leader') collection.dispatch({ kind: 'acknowledged', incidentId, atMs: stored.entry.atMs, by, note });
      return stored;
    },
    async resolveByHand(incidentId, by, reason) {
      const stored = await store.resolveByHand(incidentId, by, reason);
      if (stored.ok) {
        if (leadership.acting().kind === 'leader') collection.dispatch({ kind: 'resolved-by-hand', incidentId, atMs: stored.incident.incident.resolvedAtMs ?? nowMs(), by, reason });
        // Into the outbox from any replica: the leader sends it with the next cycle.
        const change: IncidentChange = { kind: 'resolved', atMs: stored.incident.incident.resolvedAtMs ?? nowMs(), incident: stored.incident.incident };
        const planned = await planDeliveries([change]);
        policy = planned.state;
        planned.decisions.forEach(logDecision);
        await store.enqueueNotifications(planned.deliveries).catch((error: Error) => notifyLog.warn(`notifications: the resolution of ${incidentId} is not queued: ${error.message}`));
      }
      return stored;
    },
    mutePipeline: (request) => store.mutePipeline(request),
    notifierStats: () => outbox.stats().map((t) => ({ ...t, rateLimited: policy.droppedByRateLimit.get(t.targetId) ?? 0 })),
    async flush(timeoutMs) {
      const startedMs = nowMs();
      const acting = leadership.acting();
      if (acting.kind === 'leader' && led?.term === acting.term) {
        await persist([], acting.fence);
        await outbox.drain().catch((error: Error) => notifyLog.warn(`notifications: the outbox cannot be read: ${error.message}`));
      }
      await outbox.flush(Math.max(0, timeoutMs - (nowMs() - startedMs)));
      return { unrecordedChanges: pending.length, notificationsLeft: outbox.stats().reduce((sum, t) => sum + t.queued + (t.inFlight ? 1 : 0), 0) };
    },
    async close() {
      unsubscribe();
      outbox.halt();
      await retention?.stop();
      const acting = leadership.acting();
      if (acting.kind === 'leader' && led?.term === acting.term) await persist([], acting.fence);
      await store.close();
    },
  };
}
