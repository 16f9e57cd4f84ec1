import { describe, expect, it } from 'vitest';
import type { IncidentChange } from '../../../lib/incidents/incident';
import { notificationOf } from '../../../lib/notify/notification';
import {
  EMPTY_NOTIFY_POLICY_STATE,
  planNotifications,
  type NotificationDecision,
  type NotifyPolicyOptions,
  type NotifyPolicyState,
  type PipelineMute,
} from '../../../lib/notify/plan-notifications';
import { changesFor, T0 } from './incident-changes';

const ALL = ['opened', 'escalated', 'resolved'] as const;
const ONE_TARGET: NotifyPolicyOptions = { targets: [{ id: 'ops', events: ALL }], mutes: [], rateLimit: { perMinute: 10 } };

/** Transient errors, escalating to an outage, then verified recovery: opened, updated×4 (one reclassified), resolved. */
const ESCALATING = changesFor(['transient-sink-error', 'transient-sink-error', 'sink-unavailable', 'sink-unavailable', 'healthy', 'healthy', 'healthy']);
const ID = 'fraud-features/sink-unavailable/1714564800000';

/** "send ops opened fraud-features/…" — what a test compares. */
function show(d: NotificationDecision): string {
  const incident = d.notification.incident.id;
  switch (d.kind) {
    case 'send':
      return `send ${d.targetId} ${d.notification.event} ${incident}`;
    case 'suppressed':
      return `suppressed ${d.notification.event} ${incident}`;
    case 'dropped':
      return `dropped ${d.targetId} ${d.notification.event} ${incident} (${d.droppedSoFar})`;
  }
}

/** Plans batch after batch, each at its own time, carrying the state. */
function planAll(batches: { atMs: number; changes: IncidentChange[] }[], options: NotifyPolicyOptions, state: NotifyPolicyState = EMPTY_NOTIFY_POLICY_STATE) {
  const decisions: string[] = [];
  for (const batch of batches) {
    const planned = planNotifications(state, batch.changes, batch.atMs, options);
    state = planned.state;
    decisions.push(...planned.decisions.map(show));
  }
  return { decisions, state };
}

/** `n` incidents on pipelines p0…p(n-1), each opened. */
function openings(n: number): IncidentChange[] {
  return Array.from({ length: n }, (_, i) => changesFor(['slow-sink'], `p${i}`)[0]!);
}

describe('notificationOf', () => {
  it('opened, a reclassification and resolved notify; other updates do not', () => {
    expect(ESCALATING.map((c) => notificationOf(c)?.key ?? `(${c.kind}${c.kind === 'updated' ? ` ${c.entry?.kind ?? 'without entry'}` : ''})`)).toEqual([
      `${ID}/opened`,
      '(updated without entry)',
      `${ID}/escalated/sink-unavailable`,
      '(updated without entry)',
      '(updated recovering)',
      `${ID}/resolved`,
    ]);
  });
});

describe('planNotifications', () => {
  const cases: { desc: string; input: { batches: { atMs: number; changes: IncidentChange[] }[]; options?: Partial<NotifyPolicyOptions> }; expected: string[] }[] = [
    {
      desc: 'opened, escalated, resolved: one each',
      input: { batches: [{ atMs: T0, changes: ESCALATING }] },
      expected: [`send ops opened ${ID}`, `send ops escalated ${ID}`, `send ops resolved ${ID}`],
    },
    {
      desc: 'the same changes seen again send nothing (a replay after restart, a repeated cycle)',
      input: { batches: [{ atMs: T0, changes: ESCALATING }, { atMs: T0 + 1_000, changes: ESCALATING }] },
      expected: [`send ops opened ${ID}`, `send ops escalated ${ID}`, `send ops resolved ${ID}`],
    },
    {
      desc: 'repeated updates without reclassification send nothing',
      input: { batches: [{ atMs: T0, changes: changesFor(['slow-sink', 'slow-sink', 'slow-sink', 'slow-sink']) }] },
      expected: ['send ops opened fraud-features/slow-sink/1714564800000'],
    },
    {
      desc: 'every target gets its own copy; a target gets only the events it asked for',
      input: {
        batches: [{ atMs: T0, changes: ESCALATING }],
        options: {
          targets: [
            { id: 'ops', events: ALL },
            { id: 'pager', events: ['escalated'] },
          ],
        },
      },
      expected: [`send ops opened ${ID}`, `send ops escalated ${ID}`, `send pager escalated ${ID}`, `send ops resolved ${ID}`],
    },
    {
      desc: 'a muted pipeline is recorded as suppressed, once, and sent to no target',
      input: {
        batches: [{ atMs: T0, changes: ESCALATING }],
        options: {
          targets: [
            { id: 'ops', events: ALL },
            { id: 'pager', events: ALL },
          ],
          mutes: [{ pipelineId: 'fraud-features', untilMs: null }],
        },
      },
      expected: [`suppressed opened ${ID}`, `suppressed escalated ${ID}`, `suppressed resolved ${ID}`],
    },
    {
      desc: 'a mute that has expired mutes nothing; another pipeline\'s mute neither',
      input: {
        batches: [{ atMs: T0, changes: ESCALATING.slice(0, 1) }],
        options: {
          mutes: [
            { pipelineId: 'fraud-features', untilMs: T0 },
            { pipelineId: 'orders', untilMs: null },
          ],
        },
      },
      expected: [`send ops opened ${ID}`],
    },
    {
      desc: 'suppressed while muted is not sent later either',
      input: {
        batches: [
          { atMs: T0, changes: ESCALATING.slice(0, 1) },
          { atMs: T0 + 120_000, changes: ESCALATING },
        ],
        options: { mutes: [{ pipelineId: 'fraud-features', untilMs: T0 + 60_000 }] },
      },
      expected: [`suppressed opened ${ID}`, `send ops escalated ${ID}`, `send ops resolved ${ID}`],
    },
    {
      desc: 'over the rate limit the rest are dropped and counted',
      input: { batches: [{ atMs: T0, changes: openings(5) }], options: { rateLimit: { perMinute: 3 } } },
      expected: [
        'send ops opened p0/slow-sink/1714564800000',
        'send ops opened p1/slow-sink/1714564800000',
        'send ops opened p2/slow-sink/1714564800000',
        'dropped ops opened p3/slow-sink/1714564800000 (1)',
        'dropped ops opened p4/slow-sink/1714564800000 (2)',
      ],
    },
    {
      desc: 'the limit is per target: a busy target does not starve another',
      input: {
        batches: [{ atMs: T0, changes: openings(3) }],
        options: {
          targets: [
            { id: 'ops', events: ALL },
            { id: 'audit', events: ALL },
          ],
          rateLimit: { perMinute: 2 },
        },
      },
      expected: [
        'send ops opened p0/slow-sink/1714564800000',
        'send audit opened p0/slow-sink/1714564800000',
        'send ops opened p1/slow-sink/1714564800000',
        'send audit opened p1/slow-sink/1714564800000',
        'dropped ops opened p2/slow-sink/1714564800000 (1)',
        'dropped audit opened p2/slow-sink/1714564800000 (1)',
      ],
    },
    {
      desc: 'the window slides: a minute later there is room again, and the dropped count goes on',
      input: {
        batches: [
          { atMs: T0, changes: openings(2) },
          { atMs: T0 + 59_999, changes: changesFor(['upstream-stall'], 'late') },
          { atMs: T0 + 60_000, changes: changesFor(['upstream-stall'], 'later') },
          { atMs: T0 + 60_000, changes: changesFor(['hot-partition'], 'latest') },
        ],
        options: { rateLimit: { perMinute: 2 } },
      },
      expected: [
        'send ops opened p0/slow-sink/1714564800000',
        'send ops opened p1/slow-sink/1714564800000',
        'dropped ops opened late/upstream-stall/1714564800000 (1)',
        'send ops opened later/upstream-stall/1714564800000',
        'send ops opened latest/hot-partition/1714564800000',
      ],
    },
    {
      desc: "a resolved answering a sent opening passes a full limit; one whose opening was dropped does not",
      input: {
        batches: [
          { atMs: T0, changes: [...changesFor(['slow-sink', 'healthy', 'healthy', 'healthy'], 'a').slice(0, 1), ...changesFor(['slow-sink'], 'b')] },
          { atMs: T0 + 1_000, changes: [...changesFor(['slow-sink', 'healthy', 'healthy', 'healthy'], 'a'), ...changesFor(['slow-sink', 'healthy', 'healthy', 'healthy'], 'b')] },
        ],
        options: { rateLimit: { perMinute: 1 } },
      },
      expected: ['send ops opened a/slow-sink/1714564800000', 'dropped ops opened b/slow-sink/1714564800000 (1)', 'send ops resolved a/slow-sink/1714564800000', 'dropped ops resolved b/slow-sink/1714564800000 (2)'],
    },
    {
      desc: 'a mute by pipeline id is exact: ids that only look alike are not muted',
      input: { batches: [{ atMs: T0, changes: changesFor(['slow-sink'], 'fraud-features-v2') }], options: { mutes: [{ pipelineId: 'fraud-features', untilMs: null }] } },
      expected: ['send ops opened fraud-features-v2/slow-sink/1714564800000'],
    },
    { desc: 'no targets: nothing', input: { batches: [{ atMs: T0, changes: ESCALATING }], options: { targets: [] } }, expected: [] },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    expect(planAll(input.batches, { ...ONE_TARGET, ...input.options }).decisions).toEqual(expected);
  });

  it('keeps its state bounded: remembered keys by count, send times by the limit', () => {
    const { state } = planAll([{ atMs: T0, changes: openings(50) }], { ...ONE_TARGET, rateLimit: { perMinute: 5 }, maxRememberedKeys: 20 });
    expect({ keys: state.handled.size, sends: state.recentSendsMs.get('ops')?.length, dropped: state.droppedByRateLimit.get('ops') }).toEqual({ keys: 20, sends: 5, dropped: 45 });
  });

  it('does not change the state it was given', () => {
    const before: NotifyPolicyState = { handled: new Map(), recentSendsMs: new Map(), droppedByRateLimit: new Map() };
    planNotifications(before, ESCALATING, T0, ONE_TARGET);
    expect([before.handled.size, before.recentSendsMs.size]).toEqual([0, 0]);
  });

  it('reports which mute suppressed a notification', () => {
    const mute: PipelineMute = { pipelineId: 'fraud-features', untilMs: T0 + 3_600_000 };
    const [decision] = planNotifications(EMPTY_NOTIFY_POLICY_STATE, ESCALATING.slice(0, 1), T0, { ...ONE_TARGET, mutes: [mute] }).decisions;
    expect(decision?.kind === 'suppressed' && decision.mute).toEqual(mute);
  });
});
