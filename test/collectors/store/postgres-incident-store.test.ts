import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../collectors/store/open-store';
import { defineIncidentStoreSuite } from './incident-store-suite';
import { defineMuteAndAlertSuite } from './mute-and-alert-suite';
import { defineRetentionSuite } from './retention-suite';
import { defineLastActiveSuite } from './last-active-suite';
import type { TestClock } from './store-suite-support';

/**
 * The same suite on the PostgreSQL of the dev machine (trust auth). Each store gets its own schema
 * pipewatch_test_<random>, dropped afterwards. Unreachable is a failure, not a skip: the store
 * must be proven on both databases.
 */
const URL = process.env.PIPEWATCH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const HOW_TO_START = 'start it with `pg_ctlcluster 15 main start` (or set PIPEWATCH_TEST_DATABASE_URL)';
const run = randomBytes(4).toString('hex');
const schemas: string[] = [];

async function dropSchemas(): Promise<void> {
  if (unreachable !== null) return;
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  try {
    for (const schema of schemas.splice(0)) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** Probed once: when PostgreSQL is down every test fails at once with how to start it, none is skipped. */
let unreachable: string | null = null;
beforeAll(async () => {
  const schema = `pipewatch_test_${run}_probe`;
  schemas.push(schema);
  const probe = await openStore({ kind: 'postgres', url: URL, schema });
  if (probe.ok) await probe.store.close();
  else unreachable = `PostgreSQL is not reachable at ${URL} (${probe.error.message}): ${HOW_TO_START}`;
});
afterAll(dropSchemas);

async function openFresh(clock: TestClock) {
  if (unreachable !== null) throw new Error(unreachable);
  const schema = `pipewatch_test_${run}_${schemas.length}`;
  schemas.push(schema);
  const opened = await openStore({ kind: 'postgres', url: URL, schema }, { now: clock.now });
  if (!opened.ok) throw new Error(`PostgreSQL at ${URL}: ${opened.error.message}: ${HOW_TO_START}`);
  return opened.store;
}
defineIncidentStoreSuite('PostgreSQL', openFresh);
defineMuteAndAlertSuite('PostgreSQL', openFresh);
defineRetentionSuite('PostgreSQL', openFresh);
defineLastActiveSuite('PostgreSQL', openFresh);

describe('PostgreSQL store setup', () => {
  it('migrates a schema once: opening it again applies nothing and keeps the data', async () => {
    if (unreachable !== null) throw new Error(unreachable);
    const schema = `pipewatch_test_${run}_reopen`;
    schemas.push(schema);
    const first = await openStore({ kind: 'postgres', url: URL, schema });
    if (!first.ok) throw new Error(first.error.message);
    const muted = await first.store.mutePipeline({ pipelineId: 'fraud', fromMs: Date.now(), untilMs: Date.now() + 60_000, by: 'ann', reason: 'deploy' });
    await first.store.close();
    const second = await openStore({ kind: 'postgres', url: URL, schema });
    if (!second.ok) throw new Error(second.error.message);
    expect((await second.store.activeMutes(Date.now())).map((m) => m.id)).toEqual([muted.ok && muted.mute.id]);
    await second.store.close();
  });

  const cases = [
    { desc: 'a schema name that would need quoting', input: { url: URL, schema: 'Robert"); drop table x; --' }, expected: 'invalid' },
    { desc: 'a URL that is not one', input: { url: 'not a url' }, expected: 'invalid' },
    { desc: 'a port nothing listens on', input: { url: 'postgres://postgres:secret@127.0.0.1:1/test' }, expected: 'unavailable' },
  ];
  it.each(cases)('refuses $desc as a value, with the password hidden', async ({ input, expected }) => {
    const opened = await openStore({ kind: 'postgres', ...input });
    expect(opened.ok ? 'ok' : opened.error.kind).toBe(expected);
    expect(opened.ok ? '' : opened.error.message).not.toContain('secret');
  });
});
