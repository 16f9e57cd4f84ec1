import { describe, expect, it } from 'vitest';
import { formatConfigErrors } from '../../../lib/config/config-error';
import { parse } from './config-fixtures';

describe('parseConfigText: errors name file:line:column, key and what is wrong', () => {
  const cases: { desc: string; input: string; expected: string }[] = [
    {
      desc: 'wrong type',
      input: 'pipelines:\n  - id: a\n    group: a\n  - id: b\n    group: 42\n',
      expected: 'pipewatch.yaml:5:12 pipelines[1].group: expected a string, got a number (42)',
    },
    {
      desc: 'a missing required key points at its entry',
      input: 'pipelines:\n  - id: a\n',
      expected: 'pipewatch.yaml:2:5 pipelines[0].group: missing; expected a string',
    },
    {
      desc: 'unknown key with a suggestion',
      input: 'collection:\n  intreval: 5s\n',
      expected: 'pipewatch.yaml:2:3 collection.intreval: unknown key, did you mean "interval"?',
    },
    {
      desc: 'unknown key without a close one lists the valid keys',
      input: 'history:\n  keep: 5\n',
      expected: 'pipewatch.yaml:2:3 history.keep: unknown key; valid keys here: maxSnapshots, maxAge',
    },
    {
      desc: 'unknown top-level section',
      input: 'promethus:\n  url: http://p:9090\n',
      expected: 'pipewatch.yaml:1:1 promethus: unknown key, did you mean "prometheus"?',
    },
    {
      desc: 'thresholds are not a pipeline key yet',
      input: 'pipelines:\n  - id: a\n    group: a\n    thresholds: {}\n',
      expected: 'pipewatch.yaml:4:5 pipelines[0].thresholds: unknown key; valid keys here: id, name, group, topics, dlqTopics',
    },
    {
      desc: 'bad duration',
      input: 'collection:\n  interval: 5 sec\n',
      expected:
        'pipewatch.yaml:2:13 collection.interval: "5 sec" is not a duration: write a number with a unit (500ms, 30s, 1.5m, 1h, 1d, 1m30s) or a bare number of seconds (15)',
    },
    {
      desc: 'a duration that is not a string or number',
      input: 'history:\n  maxAge: true\n',
      expected:
        'pipewatch.yaml:2:11 history.maxAge: expected a duration: a number with a unit (500ms, 30s, 1.5m, 1h, 1d, 1m30s) or a bare number of seconds (15), got true',
    },
    {
      desc: 'a bare number taken for milliseconds',
      input: 'kafka:\n  requestTimeout: 30000\n',
      expected: 'pipewatch.yaml:2:19 kafka.requestTimeout: must be at most 5m, got 30000 (a bare number is seconds; write 30000ms for milliseconds)',
    },
    {
      desc: 'a duration below its minimum',
      input: 'collection:\n  interval: 100ms\n',
      expected: 'pipewatch.yaml:2:13 collection.interval: must be at least 1s, got "100ms"',
    },
    {
      desc: 'an inactiveAfter past its maximum',
      input: 'discovery:\n  inactiveAfter: 400d\n',
      expected: 'pipewatch.yaml:2:18 discovery.inactiveAfter: must be at most 365d, got "400d"',
    },
    {
      desc: 'backoff cap below its start',
      input: 'collection:\n  backoff:\n    initial: 10s\n    max: 5s\n',
      expected: 'pipewatch.yaml:4:10 collection.backoff.max: must be at least backoff.initial (10s)',
    },
    {
      desc: 'bad regex',
      input: 'discovery:\n  excludeGroups: ["/([a-z/"]\n',
      expected: 'pipewatch.yaml:2:19 discovery.excludeGroups[0]: invalid regular expression /([a-z/: Unterminated character class',
    },
    {
      desc: 'duplicate pipeline id names both entries',
      input: 'pipelines:\n  - id: payments\n    group: a\n  - id: payments\n    group: b\n',
      expected: 'pipewatch.yaml:4:9 pipelines[1].id: pipelines[0] and pipelines[1] have the same id "payments"',
    },
    {
      desc: 'duplicate pipeline group',
      input: 'pipelines:\n  - id: a\n    group: g\n  - id: b\n    group: g\n',
      expected: 'pipewatch.yaml:5:12 pipelines[1].group: pipelines[0] and pipelines[1] have the same group "g"',
    },
    {
      desc: 'a pipeline id that is not a slug',
      input: 'pipelines:\n  - id: Fraud Features\n    group: g\n',
      expected: 'pipewatch.yaml:2:9 pipelines[0].id: "Fraud Features" is not a slug: lower-case letters, digits and single "-" between them, at most 64 characters',
    },
    {
      desc: 'unknown signal name with a suggestion lists the valid ones',
      input: 'prometheus:\n  signals:\n    retriesPerSecond: up\n',
      expected:
        'pipewatch.yaml:3:5 prometheus.signals.retriesPerSecond: unknown signal, did you mean "retriesPerSec"?; valid signals: recordsProcessedPerSec, sinkRequestsPerSec, retriesPerSec, sinkLatencyP50Seconds, sinkLatencyP95Seconds, sinkLatencyP99Seconds, sinkTransientErrorsPerSec, sinkPermanentErrorsPerSec, dlqPublishesPerSec, consumersPaused, rebalancesPerSec',
    },
    {
      desc: 'an enum value',
      input: 'kafka:\n  sasl: { mechanism: gssapi, username: u, password: p }\n',
      expected: 'pipewatch.yaml:2:22 kafka.sasl.mechanism: expected plain, scram-sha-256 or scram-sha-512, got a string ("gssapi")',
    },
    {
      desc: 'a secret is never echoed',
      input: 'kafka:\n  sasl: { mechanism: plain, username: u, password: 123456 }\n',
      expected: 'pipewatch.yaml:2:52 kafka.sasl.password: expected a string, got a number',
    },
    {
      desc: 'credentials in the Prometheus URL',
      input: 'prometheus:\n  url: https://reader:hunter2@prom:9090\n',
      expected: 'pipewatch.yaml:2:8 prometheus.url: must not contain credentials: use prometheus.basicAuth or bearerToken',
    },
    {
      desc: 'two kinds of Prometheus auth',
      input: 'prometheus:\n  bearerToken: t\n  basicAuth: { username: u, password: p }\n',
      expected: 'pipewatch.yaml:3:3 prometheus.basicAuth: set bearerToken or basicAuth, not both',
    },
    {
      desc: 'a broker without a port',
      input: 'kafka:\n  brokers:\n    - kafka-1\n',
      expected: 'pipewatch.yaml:3:7 kafka.brokers[0]: expected host:port, e.g. kafka-1:9092, got "kafka-1"',
    },
    {
      desc: 'an empty list where one entry is needed',
      input: 'kafka:\n  brokers: []\n',
      expected: 'pipewatch.yaml:2:3 kafka.brokers: must list at least 1 entry',
    },
    {
      desc: 'a mapping value of the wrong type points at its key',
      input: 'discovery:\n  includeGroups:\n    a: b\n',
      expected: 'pipewatch.yaml:2:3 discovery.includeGroups: expected a list, got a mapping',
    },
    {
      desc: 'a number out of range',
      input: 'server:\n  port: 70000\n',
      expected: 'pipewatch.yaml:2:9 server.port: must be at most 65535, got 70000',
    },
    {
      desc: 'not a whole number',
      input: 'collection:\n  maxConcurrentRequests: 2.5\n',
      expected: 'pipewatch.yaml:2:26 collection.maxConcurrentRequests: expected a whole number, got a number (2.5)',
    },
    {
      desc: 'the top level is not a mapping',
      input: '- kafka\n',
      expected: 'pipewatch.yaml:1:1 expected a mapping, got a list',
    },
    {
      desc: 'YAML syntax error',
      input: 'kafka:\n  brokers: [a:1\nserver:\n  port: 1\n',
      expected: 'pipewatch.yaml:3:1 Flow sequence in block collection must be sufficiently indented and end with a ]',
    },
    {
      desc: 'YAML duplicate key',
      input: 'server:\n  port: 1\n  port: 2\n',
      expected: 'pipewatch.yaml:3:3 Map keys must be unique',
    },
    {
      desc: 'tab indentation',
      input: 'server:\n\tport: 1\n',
      expected: 'pipewatch.yaml:2:1 Tabs are not allowed as indentation',
    },
    {
      desc: 'two YAML documents',
      input: 'server: {}\n---\nkafka: {}\n',
      expected: 'pipewatch.yaml:2:1 the file holds more than one YAML document (a second "---"); Pipewatch reads one',
    },
    {
      desc: 'an alias to an unknown anchor',
      input: 'kafka:\n  brokers: *brokers\n',
      expected: 'pipewatch.yaml Unresolved alias (the anchor must be set before the alias): brokers',
    },
    {
      desc: 'several errors come in file order',
      input: 'server:\n  port: x\nkafka:\n  clientid: p\n',
      expected: [
        'pipewatch.yaml:2:9 server.port: expected a number, got a string ("x")',
        'pipewatch.yaml:4:3 kafka.clientid: unknown key, did you mean "clientId"?',
      ].join('\n'),
    },
  ];

  it.each(cases)('$desc', ({ input, expected }) => {
    const result = parse(input);
    expect(result.ok ? 'no error' : formatConfigErrors(result.errors)).toBe(expected);
  });
});
