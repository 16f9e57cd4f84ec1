import { logLevel, type logCreator } from 'kafkajs';

const LEVEL_NAMES: Partial<Record<logLevel, string>> = {
  [logLevel.ERROR]: 'ERROR',
  [logLevel.WARN]: 'WARN',
  [logLevel.INFO]: 'INFO',
  [logLevel.DEBUG]: 'DEBUG',
};

/** kafkajs' extras worth a glance; the rest (stacks, full request payloads) would flood the console. */
const KEPT_FIELDS = ['clientId', 'groupId', 'broker', 'topic', 'error', 'retryCount', 'retryTime'] as const;

/** One line per kafkajs log entry: "kafkajs WARN [Consumer] message key=value ...". */
export function compactLogCreator(write: (line: string) => void): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      // Per-request protocol errors ("Response Heartbeat ... group is rebalancing") are retried or
      // reported once more by the layer above; logging both doubles every rebalance in the console.
      if (namespace === 'Connection' && log.message.startsWith('Response ')) return;
      const extras = KEPT_FIELDS.flatMap((field) => {
        const value: unknown = log[field];
        return value === undefined || value === null ? [] : [`${field}=${typeof value === 'string' ? value : JSON.stringify(value)}`];
      });
      write(['kafkajs', LEVEL_NAMES[level] ?? String(level), `[${namespace}]`, log.message, ...extras].join(' '));
    };
}
