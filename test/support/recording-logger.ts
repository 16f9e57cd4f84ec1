import { formatLogLine, type LogLine } from '../../lib/log/line-logger';
import type { LogComponent, Logger } from '../../lib/log/logger';

/** A Logger that keeps every entry: `messages` for exact comparisons, `lines` formatted with level, component and fields. */
export function recordingLogger(): { log: Logger; entries: LogLine[]; messages: string[]; lines: string[] } {
  const entries: LogLine[] = [];
  const messages: string[] = [];
  const lines: string[] = [];
  const make = (component: LogComponent | null): Logger => {
    const at = (level: LogLine['level']) => (message: string, fields: LogLine['fields'] = {}) => {
      const entry = { level, component, message, fields };
      entries.push(entry);
      messages.push(message);
      lines.push(formatLogLine(entry));
    };
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: make };
  };
  return { log: make(null), entries, messages, lines };
}
