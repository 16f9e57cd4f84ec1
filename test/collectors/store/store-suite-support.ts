import { afterEach } from 'vitest';
import type { IncidentStore } from '../../../lib/incidents/incident-store';
import type { StoreResult } from '../../../lib/incidents/store-result';
import { incidentIdStartingWith, OUTAGE_ID, scenario, STUCK_ID, T0 } from '../../lib/incidents/incident-fixtures';

/** A clock the test moves; starts ten minutes after the scenario's first cycle. */
export class TestClock {
  ms = T0 + 600_000;
  readonly now = () => this.ms;
}

export type OpenFreshStore = (clock: TestClock) => Promise<IncidentStore>;

const HOT_ID = 'fraud/hot-partition/';
export const ids = () => ({ outage: incidentIdStartingWith(OUTAGE_ID), stuck: incidentIdStartingWith(STUCK_ID), hot: incidentIdStartingWith(HOT_ID) });
export const kindsOf = async (store: IncidentStore, id: string) => {
  const got = await store.getIncident(id);
  if (!got.ok) throw new Error(got.error.message);
  return got.detail.timeline.map((e) => e.kind);
};
export const errorKind = (result: StoreResult) => (result.ok ? 'ok' : result.error.kind);

/** Inside a describe: each call opens a store holding the scenario's incidents; all are closed after each test. */
export function useFreshStores(openFresh: OpenFreshStore): () => Promise<{ store: IncidentStore; clock: TestClock }> {
  const opened: IncidentStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  return async () => {
    const clock = new TestClock();
    const store = await openFresh(clock);
    opened.push(store);
    await store.recordChanges(scenario().changes);
    return { store, clock };
  };
}
