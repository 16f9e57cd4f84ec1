import { formatLogLine, type LogLevelName } from '../../lib/log/line-logger';
import type { LogComponent } from '../../lib/log/logger';

/** pino's own keys; everything else on a line is the caller's fields. */
const PINO_KEYS = new Set(['time', 'level', 'component', 'msg', 'pid', 'hostname']);

/** One of pino's JSON lines as a person reads it: "12:04:05.120 WARN  [kafka] message key=value". */
export function formatPrettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const fields = Object.fromEntries(Object.entries(entry).filter(([key]) => !PINO_KEYS.has(key)));
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const line = formatLogLine({
    level: (typeof entry.level === 'string' ? entry.level : 'info') as LogLevelName,
    component: typeof entry.component === 'string' ? (entry.component as LogComponent) : null,
    message: typeof entry.msg === 'string' ? entry.msg : '',
    fields,
  });
  return `${time} ${line}\n`;
}
