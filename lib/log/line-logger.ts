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

/**
 * A Logger that hands each line, formatted, to `write`: for a caller that collects lines (a test,
 * the lab's console prefix) rather than writing JSON to stdout.
 */
export function createLineLogger(write: (line: string) => void, component: LogComponent | null = null): Logger {
  const at = (level: LogLevelName) => (message: string, fields: LogFields = {}) => write(formatLogLine({ level, component, message, fields }));
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (child) => createLineLogger(write, child),
  };
}
