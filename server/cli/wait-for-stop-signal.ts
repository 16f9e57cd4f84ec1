type SignalSource = { once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };

/** Resolves on Ctrl-C or a service manager's SIGTERM, whichever comes first. */
export function waitForStopSignal(signals: SignalSource = process): Promise<void> {
  return new Promise((resolve) => {
    signals.once('SIGINT', resolve);
    signals.once('SIGTERM', resolve);
  });
}
