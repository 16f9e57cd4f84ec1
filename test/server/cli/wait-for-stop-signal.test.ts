import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { waitForStopSignal } from '../../../server/cli/wait-for-stop-signal';

describe('waitForStopSignal', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('resolves with %s and stops listening to both', async (signal) => {
    const signals = new EventEmitter();
    const stopped = waitForStopSignal(signals);
    signals.emit(signal);
    expect(await stopped).toBe(signal);
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });
});
