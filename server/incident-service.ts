import type { Collection, CycleResult } from '../lib/collection/collection-loop';
import type { IncidentChange } from '../lib/incidents/incident';
import type { LiveHub } from '../lib/live/live-hub';
import { createNotifier, type Notifier } from '../collectors/notify/create-notifier';
import { buildNotifyTargets } from '../lib/notify/notify-targets';
import { EMPTY_NOTIFY_POLICY_STATE, planNotifications, type NotifyPolicyState } from '../lib/notify/plan-notifications';
import type { NotificationSettings } from '../lib/config/pipewatch-config';
import { buildEvidencePoint, pickEvidence } from '../lib/incidents/evidence-point';
import { MAX_EVIDENCE_POINTS } from '../lib/incidents/downsample-evidence';
import type { IncidentStore, Mute } from '../lib/incidents/incident-store';
import { assertNever } from '../lib/assert-never';
import { createStoreRetention, type StoreRetentionOptions } from './store-retention';
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
  notifications: NotificationSettings;
  publicUrl: string;
  log: (line: string) => void;
  nowMs?: () => number;
  /** `store.retention` and, for tests, the pruning schedule and its timers; null: nothing is ever deleted. */
  retention?: Omit<StoreRetentionOptions, 'store' | 'log'> | null;
  /** What the store held at start: when each pipeline was last seen active. */
  lastActive?: ReadonlyMap<string, number>;
}

export interface IncidentService {
  /** Persists the cycle's incident changes and evidence, and notifies; never throws. */
  record(cycle: CycleResult): Promise<void>;
  acknowledge(incidentId: string, by: string, note: string | null): ReturnType<IncidentStore['acknowledge']>;
  resolveByHand(incidentId: string, by: string, reason: string): ReturnType<IncidentStore['resolveByHand']>;
  mutePipeline(request: Parameters<IncidentStore['mutePipeline']>[0]): ReturnType<IncidentStore['mutePipeline']>;
  notifierStats(): ReturnType<Notifier['stats']>;
  close(): Promise<void>;
}

/**
 * Between the live reducer and the durable store: every cycle's incident changes are recorded
 * (retried next cycle if the database is away: recording is idempotent, so nothing is lost or
 * doubled), evidence is kept around each incident, notifications go out per the policy, and a
 * person's acknowledgement or resolution reaches both the store and the reducer.
 */
export function createIncidentService(options: IncidentServiceOptions): IncidentService {
  const { store, collection, hub, log } = options;
  const nowMs = options.nowMs ?? Date.now;
  const targets = buildNotifyTargets(options.notifications, options.publicUrl);
  const notifier = createNotifier({
    targets,
    log,
    retry: { maxAttempts: options.notifications.maxAttempts, initialDelayMs: options.notifications.initialBackoffMs, maxDelayMs: options.notifications.maxBackoffMs },
    attemptTimeoutMs: options.notifications.attemptTimeoutMs,
    maxQueuedPerTarget: options.notifications.maxQueuedPerTarget,
  });
  let policy: NotifyPolicyState = EMPTY_NOTIFY_POLICY_STATE;
  let pending: IncidentChange[] = [];
  let storeFailing = false;
  /** Resolved incidents still collecting evidence, until the time given. */
  const trailing = new Map<string, { pipelineId: string; untilMs: number }>();
  /** Points added per incident since it was last thinned: past the cap the stored evidence is downsampled again. */
  const addedSinceThinned = new Map<string, number>();
  const retention = options.retention ? createStoreRetention({ ...options.retention, store, log }) : null;
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
      if (!lastActiveFailing) log(`incident store: cannot record which pipelines are active (${(error as Error).message}); retrying every cycle`);
      lastActiveFailing = true;
    }
  }

  async function persist(changes: readonly IncidentChange[]): Promise<void> {
    pending.push(...changes);
    if (pending.length > MAX_PENDING_CHANGES) {
      log(`incident store: ${pending.length - MAX_PENDING_CHANGES} unrecorded changes dropped while the database is unavailable`);
      pending = pending.slice(-MAX_PENDING_CHANGES);
    }
    if (pending.length === 0) return;
    try {
      await store.recordChanges(pending);
      pending = [];
      if (storeFailing) log('incident store: recording again; the changes held while it was away are saved');
      storeFailing = false;
    } catch (error) {
      if (!storeFailing) log(`incident store: cannot record incident changes (${(error as Error).message}); holding them and retrying every cycle`);
      storeFailing = true;
    }
  }

  async function keepEvidence(cycle: CycleResult): Promise<void> {
    const snapshots = new Map(cycle.snapshots.map((s) => [s.pipelineId, s]));
    for (const change of cycle.incidentChanges) {
      if (change.kind === 'opened') {
        const before = hub.readPipeline(change.incident.pipelineId, EVIDENCE_BEFORE_MS)?.points ?? [];
        await boundEvidence(change.incident.id, await store.recordEvidence(change.incident.id, before.map(pickEvidence)));
      }
      if (change.kind === 'resolved') trailing.set(change.incident.id, { pipelineId: change.incident.pipelineId, untilMs: cycle.atMs + EVIDENCE_AFTER_MS });
    }
    const watched = [...cycle.openIncidents.map((i) => ({ id: i.id, pipelineId: i.pipelineId })), ...[...trailing].map(([id, t]) => ({ id, pipelineId: t.pipelineId }))];
    for (const { id, pipelineId } of watched) {
      const snapshot = snapshots.get(pipelineId);
      if (snapshot) await boundEvidence(id, await store.recordEvidence(id, [buildEvidencePoint(snapshot)]));
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
    if (!thinned.ok) log(`incident store: evidence of ${incidentId} not thinned: ${thinned.error.message}`);
  }

  async function notify(changes: readonly IncidentChange[]): Promise<void> {
    if (targets.length === 0) return;
    const mutes = await store.activeMutes(nowMs()).catch((): Mute[] => []);
    const planned = planNotifications(policy, changes, nowMs(), {
      targets,
      mutes: mutes.map((m) => ({ pipelineId: m.pipelineId, untilMs: m.untilMs })),
      rateLimit: { perMinute: options.notifications.rateLimitPerMinute },
    });
    policy = planned.state;
    for (const decision of planned.decisions) {
      switch (decision.kind) {
        case 'send':
          notifier.enqueue({ targetId: decision.targetId, notification: decision.notification });
          break;
        case 'suppressed':
          log(`notification not sent, ${decision.notification.incident.pipelineId} is muted: ${decision.notification.event} ${decision.notification.incident.id}`);
          break;
        case 'dropped':
          log(`notification to ${decision.targetId} dropped by the rate limit (${decision.droppedSoFar} so far): ${decision.notification.event} ${decision.notification.incident.id}`);
          break;
        default:
          return assertNever(decision, 'notification decision');
      }
    }
  }

  return {
    async record(cycle) {
      await persist(cycle.incidentChanges);
      if (!storeFailing) {
        await keepEvidence(cycle).catch((error: Error) => log(`incident store: evidence not recorded this cycle: ${error.message}`));
      }
      await notify(cycle.incidentChanges).catch((error: Error) => log(`notifications: ${error.message}`));
      await keepLastActive(cycle);
    },
    async acknowledge(incidentId, by, note) {
      const stored = await store.acknowledge(incidentId, by, note);
      if (stored.ok) await persist(collection.dispatch({ kind: 'acknowledged', incidentId, atMs: stored.entry.atMs, by, note }));
      return stored;
    },
    async resolveByHand(incidentId, by, reason) {
      const stored = await store.resolveByHand(incidentId, by, reason);
      if (stored.ok) {
        const changes = collection.dispatch({ kind: 'resolved-by-hand', incidentId, atMs: nowMs(), by, reason });
        await persist(changes);
        await notify(changes).catch((error: Error) => log(`notifications: ${error.message}`));
      }
      return stored;
    },
    mutePipeline: (request) => store.mutePipeline(request),
    notifierStats: () => notifier.stats(),
    async close() {
      notifier.stop();
      await retention?.stop();
      await persist([]);
      await store.close();
    },
  };
}
