import { describe, expect, it } from 'vitest';
import { formatConfigErrors } from '../../../lib/config/config-error';
import type { Env } from '../../../lib/config/env-overrides';
import { parseConfigText } from '../../../lib/config/parse-config';
import { redactConfig } from '../../../lib/config/redact-config';

/** server.allowedHosts, the ingest token and the tokens' minimum length. */

const TOKEN = 'a-dashboard-token-0123';
const INGEST = 'an-ingest-token-456789';

function parse(text: string, env: Env = {}) {
  return parseConfigText(text, { file: 'pipewatch.yaml', env });
}

describe('server access settings', () => {
  it.each([
    { desc: 'no allowed hosts by default', input: { text: '' }, expected: { allowedHosts: [], ingestToken: null } },
    { desc: 'names and name:port, lower-cased', input: { text: 'server:\n  allowedHosts: [Pipewatch.Example.com, "tools.internal:8080"]\n' }, expected: { allowedHosts: ['pipewatch.example.com', 'tools.internal:8080'], ingestToken: null } },
    { desc: 'PIPEWATCH_ALLOWED_HOSTS, comma-separated, over the file', input: { text: 'server:\n  allowedHosts: [a.example]\n', env: { PIPEWATCH_ALLOWED_HOSTS: ' b.example , c.example:9 ,' } }, expected: { allowedHosts: ['b.example', 'c.example:9'], ingestToken: null } },
    { desc: 'PIPEWATCH_INGEST_TOKEN next to PIPEWATCH_TOKEN', input: { text: '', env: { PIPEWATCH_TOKEN: TOKEN, PIPEWATCH_INGEST_TOKEN: INGEST } }, expected: { allowedHosts: [], ingestToken: INGEST } },
  ])('$desc', ({ input, expected }) => {
    const result = parse(input.text, input.env);
    if (!result.ok) throw new Error(formatConfigErrors(result.errors));
    expect({ allowedHosts: result.config.server.allowedHosts, ingestToken: result.config.server.ingestToken }).toEqual(expected);
  });

  it.each([
    { desc: 'a short token, named by its variable and not repeated', input: { text: '', env: { PIPEWATCH_TOKEN: 'short-secret' } }, expected: '$PIPEWATCH_TOKEN server.token: must be at least 16 characters' },
    { desc: 'a short ingest token', input: { text: '', env: { PIPEWATCH_TOKEN: TOKEN, PIPEWATCH_INGEST_TOKEN: 'tiny' } }, expected: '$PIPEWATCH_INGEST_TOKEN server.ingestToken: must be at least 16 characters' },
    { desc: 'an ingest token without the token', input: { text: '', env: { PIPEWATCH_INGEST_TOKEN: INGEST } }, expected: '$PIPEWATCH_INGEST_TOKEN server.ingestToken: needs PIPEWATCH_TOKEN too: without it everyone may write, and the ingest token would restrict nothing' },
    { desc: 'the same token twice', input: { text: '', env: { PIPEWATCH_TOKEN: TOKEN, PIPEWATCH_INGEST_TOKEN: TOKEN } }, expected: '$PIPEWATCH_INGEST_TOKEN server.ingestToken: must differ from PIPEWATCH_TOKEN: it is the token with fewer rights' },
    { desc: 'an ingest token in the file', input: { text: 'server:\n  ingestToken: abc\n' }, expected: 'pipewatch.yaml:2:3 server.ingestToken: not read from the file: set PIPEWATCH_INGEST_TOKEN instead (a token in a file ends up in backups and version control)' },
    { desc: 'an allowed host with a scheme', input: { text: 'server:\n  allowedHosts: ["https://pw.example.com"]\n' }, expected: 'pipewatch.yaml:2:18 server.allowedHosts[0]: must be a host name or host:port, without a scheme or path (pipewatch.example.com, tools.internal:8080)' },
  ])('refuses $desc', ({ input, expected }) => {
    const result = parse(input.text, input.env);
    const text = result.ok ? 'no error' : formatConfigErrors(result.errors);
    expect(text).toBe(expected);
    for (const secret of [input.env?.PIPEWATCH_TOKEN, input.env?.PIPEWATCH_INGEST_TOKEN]) if (secret !== undefined && secret.length > 4) expect(text).not.toContain(secret);
  });

  it('redacts the ingest token', () => {
    const result = parse('', { PIPEWATCH_TOKEN: TOKEN, PIPEWATCH_INGEST_TOKEN: INGEST });
    if (!result.ok) throw new Error(formatConfigErrors(result.errors));
    expect(JSON.stringify(redactConfig(result.config))).not.toContain(INGEST);
  });
});
