import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../collectors/store/open-store';
import { buildPostmortemMarkdown } from '../../../lib/incidents/build-postmortem-markdown';
import { failureEntry } from '../../../lib/diagnosis/failure-table';
import { MAX_STORED_TIME_MS } from '../../../lib/units/date-range';
import { incidentIdStartingWith, scenario, STUCK_ID } from '../../lib/incidents/incident-fixtures';
import { TestClock } from './store-suite-support';

const dir = mkdtempSync(join(tmpdir(), 'pipewatch-clamp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(path: string, clock: TestClock) {
  const opened = await openStore({ kind: 'sqlite', path }, { now: clock.now });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.store;
}

describe('002_clamp_times', () => {
  it('brings a mute written with untilMs 2^53 − 1 by an older version back into dates, and its postmortem builds again', async () => {
    const path = join(dir, 'older.sqlite');
    const clock = new TestClock();
    const first = await open(path, clock);
    await first.recordChanges(scenario().changes);
    // What the API accepted before untilMs had a bound.
    const muted = await first.mutePipeline({ pipelineId: 'fraud', fromMs: clock.ms, untilMs: Number.MAX_SAFE_INTEGER, by: 'ann', reason: 'forever' });
    expect(muted.ok).toBe(true);
    await first.close();
    // As the older version left the file: migrated to 001 only.
    const raw = new Database(path);
    raw.prepare("delete from kysely_migration where name <> '001_initial'").run();
    for (const index of ['incidents_resolved_idx', 'external_alerts_received_idx']) raw.prepare(`drop index ${index}`).run();
    for (const table of ['leader_lease', 'notification_outbox', 'pipeline_activity']) raw.prepare(`drop table ${table}`).run();
    raw.close();

    const second = await open(path, clock);
    try {
      const found = await second.getIncident(incidentIdStartingWith(STUCK_ID));
      if (!found.ok) throw new Error(found.error.message);
      const entry = found.detail.timeline.find((e) => e.kind === 'muted') as { untilMs: number } | undefined;
      expect(entry?.untilMs).toBe(MAX_STORED_TIME_MS);
      expect(found.detail.mutes.map((m) => m.untilMs)).toEqual([MAX_STORED_TIME_MS]);
      expect(() => buildPostmortemMarkdown(found.detail, failureEntry(found.detail.stored.incident.type))).not.toThrow();
    } finally {
      await second.close();
    }
  });
});
