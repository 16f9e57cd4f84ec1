type StopSignal = 'SIGINT' | 'SIGTERM';
type SignalSource = { once(signal: StopSignal, listener: () => void): unknown };

/** Resolves with Ctrl-C's SIGINT or a service manager's SIGTERM, whichever comes first. */
export function waitForStopSignal(signals: SignalSource = process): Promise<StopSignal> {
  return new Promise((resolve) => {
    signals.once('SIGINT', () => resolve('SIGINT'));
    signals.once('SIGTERM', () => resolve('SIGTERM'));
  });
}
