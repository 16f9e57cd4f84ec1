import { describe, expect, it } from 'vitest';
import { formatConfigErrors } from '../../../lib/config/config-error';
import type { Env } from '../../../lib/config/env-overrides';
import { parseConfigText } from '../../../lib/config/parse-config';
import { redactConfig } from '../../../lib/config/redact-config';

/** store.retention: how long resolved incidents, ended alerts and ended mutes are kept. */

const DAY_MS = 86_400_000;

function parse(text: string, env: Env = {}) {
  return parseConfigText(text, { file: 'pipewatch.yaml', env });
}

describe('store.retention: values', () => {
  const cases: { desc: string; input: { text: string; env?: Env }; expected: number }[] = [
    { desc: '90 days by default', input: { text: '' }, expected: 90 * DAY_MS },
    { desc: 'days', input: { text: 'store:\n  retention: 30d\n' }, expected: 30 * DAY_MS },
    { desc: 'hours', input: { text: 'store:\n  retention: 36h\n' }, expected: 36 * 3_600_000 },
    { desc: 'a bare number is seconds', input: { text: 'store:\n  retention: 604800\n' }, expected: 7 * DAY_MS },
    { desc: 'the shortest, one day', input: { text: 'store:\n  retention: 1d\n' }, expected: DAY_MS },
    { desc: 'PIPEWATCH_STORE_RETENTION over the file', input: { text: 'store:\n  retention: 30d\n', env: { PIPEWATCH_STORE_RETENTION: ' 7d ' } }, expected: 7 * DAY_MS },
    { desc: 'an empty PIPEWATCH_STORE_RETENTION counts as unset', input: { text: 'store:\n  retention: 30d\n', env: { PIPEWATCH_STORE_RETENTION: '' } }, expected: 30 * DAY_MS },
    { desc: 'kept with PostgreSQL too', input: { text: 'store:\n  retention: 14d\n', env: { DATABASE_URL: 'postgres://db/pipewatch' } }, expected: 14 * DAY_MS },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const result = parse(input.text, input.env);
    if (!result.ok) throw new Error(formatConfigErrors(result.errors));
    expect(result.config.store.retentionMs).toBe(expected);
  });

  it('is not a secret: redaction keeps it', () => {
    const result = parse('store:\n  retention: 30d\n', { DATABASE_URL: 'postgres://u:secret@db/pipewatch' });
    if (!result.ok) throw new Error(formatConfigErrors(result.errors));
    expect(redactConfig(result.config).store).toEqual({ kind: 'postgres', url: 'postgres://u:***@db/pipewatch', retentionMs: 30 * DAY_MS });
  });
});

describe('store.retention: errors', () => {
  const cases: { desc: string; input: { text: string; env?: Env }; expected: string }[] = [
    { desc: 'shorter than a day', input: { text: 'store:\n  retention: 12h\n' }, expected: 'pipewatch.yaml:2:14 store.retention: must be at least 1d, got "12h"' },
    { desc: 'not a duration', input: { text: 'store:\n  retention: forever\n' }, expected: expect.stringMatching(/^pipewatch\.yaml:2:14 store\.retention: "forever" is not a duration/) },
    { desc: 'from the environment, named by its variable', input: { text: '', env: { PIPEWATCH_STORE_RETENTION: '2h' } }, expected: '$PIPEWATCH_STORE_RETENTION store.retention: must be at least 1d, got "2h"' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    const result = parse(input.text, input.env);
    expect(result.ok ? 'parsed' : formatConfigErrors(result.errors)).toEqual(expected);
  });
});
