export type StopSignal = 'SIGINT' | 'SIGTERM';
type SignalSource = { once(signal: StopSignal, listener: () => void): unknown; off(signal: StopSignal, listener: () => void): unknown };

/** Resolves with Ctrl-C's SIGINT or a service manager's SIGTERM, whichever comes first; the other is not listened to any more. */
export function waitForStopSignal(signals: SignalSource = process): Promise<StopSignal> {
  return new Promise((resolve) => {
    const onInt = () => {
      signals.off('SIGTERM', onTerm);
      resolve('SIGINT');
    };
    const onTerm = () => {
      signals.off('SIGINT', onInt);
      resolve('SIGTERM');
    };
    signals.once('SIGINT', onInt);
    signals.once('SIGTERM', onTerm);
  });
}
