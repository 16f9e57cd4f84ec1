import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import type { LogComponent, LogFields, Logger } from '../../lib/log/logger';
import { formatPrettyLine } from './format-pretty-line';
import type { LogLevelSetting } from './parse-log-level';

export interface PinoLoggerOptions {
  level: LogLevelSetting;
  /** One readable line per entry instead of JSON (`--pretty`, or a terminal on stdout). */
  pretty: boolean;
  /** Where lines go; stdout, synchronously, when absent. */
  write?: (text: string) => void;
}

/**
 * Fields that must never reach a log, whatever a caller passes: pino replaces them. The server
 * logs none of them on purpose (requests are logged by method, route, status and duration only).
 */
const REDACTED_PATHS = ['token', 'password', 'authorization', 'cookie', 'headers.authorization', 'headers.cookie', '*.token', '*.password', '*.authorization', '*.cookie'];

/**
 * The process's one logger: JSON lines (time, level, component, msg, fields) on stdout, written
 * synchronously, with no worker-thread transport, so the bundled release logs as the source does
 * and nothing is lost at exit. Each part of Pipewatch gets `child(component)`.
 */
export function createPinoLogger(options: PinoLoggerOptions): Logger {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const destination: DestinationStream | undefined = options.pretty
    ? { write: (line) => write(formatPrettyLine(line)) }
    : options.write
      ? { write: options.write }
      : undefined;
  const root = pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
  const children = new Map<LogComponent, Logger>();
  const childOf = (component: LogComponent): Logger => {
    let child = children.get(component);
    if (child === undefined) {
      child = wrapPino(root.child({ component }), childOf);
      children.set(component, child);
    }
    return child;
  };
  return childOf('server');
}

function wrapPino(logger: Pino, childOf: (component: LogComponent) => Logger): Logger {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: LogFields) => {
    if (fields === undefined) logger[level](message);
    else logger[level](fields, message);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: childOf };
}
