import type { LeaseFence } from '../../lib/leadership/leader-lease';

/** A write refused because its lease token is no longer the current one: another replica leads now. */
export class FencedWriteError extends Error {
  constructor(readonly fence: LeaseFence) {
    super(`incident write refused: lease token ${fence.token} of ${fence.holder} has been taken over by another replica, which records incidents now`);
    this.name = 'FencedWriteError';
  }
}
