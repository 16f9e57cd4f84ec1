import { describe, expect, it } from 'vitest';
import { formatConfigError, formatKeyPath, type ConfigError } from '../../../lib/config/config-error';

describe('formatKeyPath', () => {
  const cases: { desc: string; input: PropertyKey[]; expected: string }[] = [
    { desc: 'the whole file', input: [], expected: '' },
    { desc: 'a section', input: ['kafka'], expected: 'kafka' },
    { desc: 'nested keys', input: ['collection', 'backoff', 'max'], expected: 'collection.backoff.max' },
    { desc: 'a list entry', input: ['pipelines', 1, 'group'], expected: 'pipelines[1].group' },
    { desc: 'a list item itself', input: ['kafka', 'brokers', 0], expected: 'kafka.brokers[0]' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(formatKeyPath(input)).toBe(expected);
  });
});

describe('formatConfigError', () => {
  const cases: { desc: string; input: ConfigError; expected: string }[] = [
    {
      desc: 'file, line, column, key',
      input: { file: 'pipewatch.yaml', line: 14, column: 5, key: 'pipelines[1].group', message: 'expected a string, got a number (42)' },
      expected: 'pipewatch.yaml:14:5 pipelines[1].group: expected a string, got a number (42)',
    },
    { desc: 'no key', input: { file: 'pipewatch.yaml', line: 3, column: 1, key: '', message: 'Map keys must be unique' }, expected: 'pipewatch.yaml:3:1 Map keys must be unique' },
    { desc: 'no position', input: { file: '$PIPEWATCH_PORT', key: 'server.port', message: 'bad' }, expected: '$PIPEWATCH_PORT server.port: bad' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(formatConfigError(input)).toBe(expected);
  });
});
