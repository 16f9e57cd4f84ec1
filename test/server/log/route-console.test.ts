import { describe, expect, it } from 'vitest';
import { routeConsole } from '../../../server/log/route-console';
import { recordingLogger } from '../../support/recording-logger';

describe('routeConsole', () => {
  it("sends what libraries print to the logger, formatted, at the matching level, colours dropped", () => {
    const { log, entries } = recordingLogger();
    const target = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
    routeConsole(log, target);
    target.log('\u001b[32m✓\u001b[39m Running next.config.ts took %d ms', 384);
    target.warn('deprecated:', { option: 'x' });
    target.error(new Error('boom').message);
    expect(entries.map((e) => ({ level: e.level, message: e.message }))).toEqual([
      { level: 'info', message: '✓ Running next.config.ts took 384 ms' },
      { level: 'warn', message: "deprecated: { option: 'x' }" },
      { level: 'error', message: 'boom' },
    ]);
  });
});
