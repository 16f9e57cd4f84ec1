import { describe, expect, it } from 'vitest';
import { useFreshStores, type OpenFreshStore } from './store-suite-support';

/** When each pipeline was last seen active, kept across restarts; run on both databases. */
export function defineLastActiveSuite(name: string, openFresh: OpenFreshStore): void {
  describe(`last active pipelines on ${name}`, () => {
    const fresh = useFreshStores(openFresh);

    it('starts empty, upserts per pipeline and never moves a time back', async () => {
      const { store, clock } = await fresh();
      expect(await store.lastActive()).toEqual(new Map());
      await store.recordLastActive([
        { pipelineId: 'fraud', atMs: clock.ms },
        { pipelineId: 'orders', atMs: clock.ms + 5_000 },
      ]);
      await store.recordLastActive([
        { pipelineId: 'fraud', atMs: clock.ms + 60_000 },
        { pipelineId: 'orders', atMs: clock.ms },
      ]);
      await store.recordLastActive([]);
      expect(await store.lastActive()).toEqual(
        new Map([
          ['fraud', clock.ms + 60_000],
          ['orders', clock.ms + 5_000],
        ]),
      );
    });
  });
}
