import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../lib/config/parse-config';
import type { PipewatchConfig } from '../../../lib/config/pipewatch-config';
import { redactConfig } from '../../../lib/config/redact-config';

function configFrom(text: string): PipewatchConfig {
  const result = parseConfigText(text, { file: 'test.yaml', env: {} });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

describe('redactConfig', () => {
  const cases: { desc: string; input: string; expected: Pick<PipewatchConfig['kafka'], 'sasl'> & Pick<PipewatchConfig['prometheus'], 'auth'> }[] = [
    {
      desc: 'nothing secret',
      input: '',
      expected: { sasl: null, auth: { kind: 'none' } },
    },
    {
      desc: 'SASL password and bearer token',
      input: 'kafka:\n  sasl: { mechanism: plain, username: svc, password: s3cret }\nprometheus:\n  bearerToken: tok3n\n',
      expected: { sasl: { mechanism: 'plain', username: 'svc', password: '***' }, auth: { kind: 'bearer', token: '***' } },
    },
    {
      desc: 'basic auth password, username kept',
      input: 'prometheus:\n  basicAuth: { username: reader, password: hunter2 }\n',
      expected: { sasl: null, auth: { kind: 'basic', username: 'reader', password: '***' } },
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const redacted = redactConfig(configFrom(input));
    expect({ sasl: redacted.kafka.sasl, auth: redacted.prometheus.auth }).toEqual(expected);
  });

  it('leaves no secret anywhere in the JSON and changes nothing else', () => {
    const config = configFrom('kafka:\n  sasl: { mechanism: plain, username: svc, password: s3cret }\nprometheus:\n  basicAuth: { username: r, password: hunter2 }\n');
    const redacted = redactConfig(config);
    const json = JSON.stringify(redacted);
    expect([json.includes('s3cret'), json.includes('hunter2')]).toEqual([false, false]);
    expect({ ...redacted, kafka: config.kafka, prometheus: config.prometheus }).toEqual(config);
    expect(config.kafka.sasl?.password).toBe('s3cret');
  });
});
