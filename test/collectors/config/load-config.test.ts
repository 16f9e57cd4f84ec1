import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../../lib/config/env-overrides';
import { formatConfigErrors, loadConfig, type LoadConfigResult } from '../../../collectors/config/load-config';

/** What a test checks of a result: where it came from, or the errors as printed. */
function summarize(result: LoadConfigResult, root: string): string {
  if (!result.ok) return formatConfigErrors(result.errors).replaceAll(root, '<root>');
  return `${result.source} ${result.path?.replace(root, '<root>') ?? ''} brokers=${result.config.kafka.brokers.join(',')}`.trim();
}

describe('loadConfig', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-config-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write('with-file/pipewatch.yaml', 'kafka:\n  brokers: [cwd-file:9092]\n');
    write('empty/.keep', '');
    write('conf/prod.yaml', 'kafka:\n  brokers: [prod:9092]\n  ssl:\n    ca: certs/ca.pem\n    key: /abs/client.key\n');
    write('conf/broken.yaml', 'kafka:\n  brokers: kafka:9092\n');
    fs.mkdirSync(path.join(root, 'conf/a-folder.yaml'));
  });
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  const cases: { desc: string; input: { path?: string; env?: Env; cwd: string }; expected: string }[] = [
    { desc: 'no file anywhere: the defaults', input: { cwd: 'empty' }, expected: 'defaults  brokers=127.0.0.1:19092' },
    { desc: 'defaults still take the environment', input: { cwd: 'empty', env: { KAFKA_BROKERS: 'env:9092' } }, expected: 'defaults  brokers=env:9092' },
    { desc: './pipewatch.yaml when there is one', input: { cwd: 'with-file' }, expected: 'file <root>/with-file/pipewatch.yaml brokers=cwd-file:9092' },
    { desc: 'an explicit path, relative to cwd', input: { cwd: 'with-file', path: '../conf/prod.yaml' }, expected: 'file <root>/conf/prod.yaml brokers=prod:9092' },
    { desc: 'PIPEWATCH_CONFIG', input: { cwd: 'with-file', env: { PIPEWATCH_CONFIG: '../conf/prod.yaml' } }, expected: 'file <root>/conf/prod.yaml brokers=prod:9092' },
    {
      desc: 'an explicit path wins over PIPEWATCH_CONFIG',
      input: { cwd: 'empty', path: '../with-file/pipewatch.yaml', env: { PIPEWATCH_CONFIG: '../conf/prod.yaml' } },
      expected: 'file <root>/with-file/pipewatch.yaml brokers=cwd-file:9092',
    },
    { desc: 'the environment wins over the file', input: { cwd: 'with-file', env: { KAFKA_BROKERS: 'env:9092' } }, expected: 'file <root>/with-file/pipewatch.yaml brokers=env:9092' },
    { desc: 'an explicit path that does not exist', input: { cwd: 'empty', path: 'missing.yaml' }, expected: 'missing.yaml no such file' },
    {
      desc: 'a PIPEWATCH_CONFIG that does not exist',
      input: { cwd: 'with-file', env: { PIPEWATCH_CONFIG: '/nowhere/pipewatch.yaml' } },
      expected: '/nowhere/pipewatch.yaml no such file (named by PIPEWATCH_CONFIG)',
    },
    { desc: 'a folder', input: { cwd: 'conf', path: 'a-folder.yaml' }, expected: 'a-folder.yaml is a folder, not a file' },
    { desc: 'errors name the file as given', input: { cwd: 'conf', path: 'broken.yaml' }, expected: 'broken.yaml:2:12 kafka.brokers: expected a list, got a string ("kafka:9092")' },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const result = loadConfig({ path: input.path, env: input.env ?? {}, cwd: path.join(root, input.cwd) });
    expect(summarize(result, root)).toBe(expected);
  });

  it("resolves TLS file paths against the config file's folder", () => {
    const result = loadConfig({ path: path.join(root, 'conf/prod.yaml'), env: {}, cwd: os.tmpdir() });
    expect(result.ok && result.config.kafka.ssl).toEqual({
      caPath: path.join(root, 'conf/certs/ca.pem'),
      certPath: null,
      keyPath: '/abs/client.key',
      rejectUnauthorized: true,
    });
  });

  it('docs/pipewatch.example.yaml is valid and says what its comments say', () => {
    const example = path.resolve(import.meta.dirname, '../../../docs/pipewatch.example.yaml');
    const result = loadConfig({ path: example, env: {} });
    if (!result.ok) throw new Error(formatConfigErrors(result.errors));
    expect({
      brokers: result.config.kafka.brokers,
      sasl: result.config.kafka.sasl?.mechanism,
      caPath: result.config.kafka.ssl?.caPath,
      rateWindowMs: result.config.prometheus.rateWindowMs,
      signals: Object.keys(result.config.prometheus.signals),
      backoff: result.config.collection.backoff,
      pipelines: result.config.pipelines.map((p) => p.id),
      publicUrl: result.config.server.publicUrl,
      store: result.config.store,
      matchLabels: result.config.alertmanager.matchLabels,
      targets: [...result.config.notifications.webhooks, ...result.config.notifications.slack].map((t) => `${t.name}: ${t.events.join(',')}`),
      rateLimitPerMinute: result.config.notifications.rateLimitPerMinute,
    }).toEqual({
      brokers: ['kafka-1.internal:9093', 'kafka-2.internal:9093', 'kafka-3.internal:9093'],
      sasl: 'scram-sha-512',
      caPath: path.resolve(path.dirname(example), 'certs/kafka-ca.pem'),
      rateWindowMs: 60_000,
      signals: ['retriesPerSec'],
      backoff: { initialMs: 5_000, maxMs: 60_000 },
      pipelines: ['fraud-features', 'orders-to-s3'],
      publicUrl: 'https://pipewatch.internal',
      store: { kind: 'sqlite', path: 'data/pipewatch.sqlite', retentionMs: 7_776_000_000 },
      matchLabels: { pipeline: ['pipeline'], group: ['consumer_group', 'consumergroup', 'group'], topic: ['topic'] },
      targets: ['incident-bot: opened,escalated,resolved', 'slack-1: opened,escalated'],
      rateLimitPerMinute: 10,
    });
  });
});
