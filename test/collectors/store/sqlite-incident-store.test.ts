import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../collectors/store/open-store';
import { incidentIdStartingWith, scenario, STUCK_ID } from '../../lib/incidents/incident-fixtures';
import { defineIncidentStoreSuite } from './incident-store-suite';
import { defineMuteAndAlertSuite } from './mute-and-alert-suite';
import { defineRetentionSuite } from './retention-suite';
import { defineLastActiveSuite } from './last-active-suite';
import { TestClock } from './store-suite-support';

const dir = mkdtempSync(join(tmpdir(), 'pipewatch-store-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openFile(path: string, clock: TestClock) {
  const opened = await openStore({ kind: 'sqlite', path }, { now: clock.now });
  if (!opened.ok) throw new Error(`${opened.error.kind}: ${opened.error.message}`);
  return opened.store;
}

const openFresh = (clock: TestClock) => openFile(join(dir, `store-${files++}.sqlite`), clock);
defineIncidentStoreSuite('SQLite', openFresh);
defineMuteAndAlertSuite('SQLite', openFresh);
defineRetentionSuite('SQLite', openFresh);
defineLastActiveSuite('SQLite', openFresh);

describe('SQLite store across a restart', () => {
  it('keeps incidents, actions and mutes in the file; replaying the same changes after reopening duplicates nothing', async () => {
    const path = join(dir, 'nested', 'dirs', 'restart.sqlite');
    const clock = new TestClock();
    const first = await openFile(path, clock);
    await first.recordChanges(scenario().changes);
    await first.acknowledge(incidentIdStartingWith(STUCK_ID), 'ann', null);
    const mute = await first.mutePipeline({ pipelineId: 'fraud', fromMs: clock.ms, untilMs: clock.ms + 60_000, by: 'ann', reason: 'deploy' });
    const open = await first.openIncidents();
    const detail = await first.getIncident(incidentIdStartingWith(STUCK_ID));
    await first.close();

    const second = await openFile(path, clock);
    try {
      expect(await second.openIncidents()).toEqual(open);
      expect((await second.recordChanges(scenario().changes)).timelineEntriesAdded).toBe(0);
      expect(await second.getIncident(incidentIdStartingWith(STUCK_ID))).toEqual(detail);
      expect((await second.activeMutes(clock.ms)).map((m) => m.id)).toEqual([mute.ok && mute.mute.id]);
    } finally {
      await second.close();
    }
  });

  it('reports a path it cannot create as unavailable, not as an exception', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const opened = await openStore({ kind: 'sqlite', path: join(file, 'store.sqlite') });
    expect(opened.ok ? 'ok' : opened.error).toEqual({ kind: 'unavailable', message: expect.stringContaining('a-file') });
  });
});
