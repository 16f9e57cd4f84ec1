import { format, stripVTControlCharacters } from 'node:util';
import type { Logger } from '../../lib/log/logger';

/**
 * What libraries print with console.* (Next's "✓ Running next.config.ts", a deprecation notice)
 * goes through the logger instead, so stdout stays one JSON object per line. Colours are dropped.
 */
export function routeConsole(log: Logger, target: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> = console): void {
  const line = (args: unknown[]) => stripVTControlCharacters(format(...args)).trim();
  target.log = (...args: unknown[]) => log.info(line(args));
  target.info = (...args: unknown[]) => log.info(line(args));
  target.debug = (...args: unknown[]) => log.debug(line(args));
  target.warn = (...args: unknown[]) => log.warn(line(args));
  target.error = (...args: unknown[]) => log.error(line(args));
}
