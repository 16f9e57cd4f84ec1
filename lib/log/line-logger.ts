import type { LogComponent, LogFields, Logger } from './logger';

export type LogLevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface LogLine {
  level: LogLevelName;
  component: LogComponent | null;
  message: string;
  fields: LogFields;
}

/** One line for people: "WARN  [kafka] message key=value …"; strings unquoted when they have no space. */
export function formatLogLine({ level, component, message, fields }: LogLine): string {
  const extras = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' && !/[\s"=]/.test(value) && value !== '' ? value : JSON.stringify(value)}`);
  return [level.toUpperCase().padEnd(5), component === null ? null : `[${component}]`, message, ...extras].filter((part) => part !== null).join(' ');
}

const RANK: Record<LogLevelName, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

export interface LineLoggerOptions {
  component?: LogComponent | null;
  /** Lines below it are left out; default `info`, as LOG_LEVEL's default. */
  minLevel?: LogLevelName;
}

/**
 * A Logger that hands each line, formatted, to `write`: for a caller that collects lines (a test,
 * the lab's console prefix) rather than writing JSON to stdout.
 */
export function createLineLogger(write: (line: string) => void, { component = null, minLevel = 'info' }: LineLoggerOptions = {}): Logger {
  const at = (level: LogLevelName) => (message: string, fields: LogFields = {}) => {
    if (RANK[level] >= RANK[minLevel]) write(formatLogLine({ level, component, message, fields }));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (child) => createLineLogger(write, { component: child, minLevel }),
  };
}
