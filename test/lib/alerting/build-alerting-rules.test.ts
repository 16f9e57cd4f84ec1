import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { FAILURE_TABLE } from '../../../lib/diagnosis/failure-table';
import { buildAlertingRules, githubAnchor, type AlertingRule, type AlertingRulesOptions } from '../../../lib/alerting/build-alerting-rules';
import { formatRuleFile } from '../../../lib/alerting/format-rule-file';

/** promtool checks the output and runs it against series, as Prometheus would. */
function promtool(args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error('promtool is not installed: apt-get install prometheus (Debian\'s package ships /usr/bin/promtool)');
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-rules-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeRules(options: Partial<AlertingRulesOptions> = {}, name = 'rules.yml'): { file: string; rules: AlertingRule[] } {
  const rules = buildAlertingRules(options);
  fs.writeFileSync(path.join(dir, name), formatRuleFile(rules, { generatedBy: 'pipewatch export-rules' }));
  return { file: name, rules: rules.groups.flatMap((g) => g.rules) };
}

/** A rule's annotations as Prometheus renders them for these labels ($value-free templates only). */
function rendered(rules: AlertingRule[], alert: string, labels: Record<string, string>): Record<string, string> {
  const rule = rules.find((r) => r.alert === alert);
  if (rule === undefined) throw new Error(`no rule ${alert}`);
  return Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, v.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => labels[name] ?? '')]));
}

describe('buildAlertingRules', () => {
  it('passes promtool check rules', () => {
    const { file } = writeRules();
    const check = promtool(['check', 'rules', file], dir);
    expect(check.output).toContain('SUCCESS: 14 rules found');
    expect(check.status).toBe(0);
  });

  it('passes promtool check rules with a job name that needs escaping', () => {
    const { file } = writeRules({ job: 'pipe"watch\\prod {{x}}' }, 'odd-job.yml');
    expect(promtool(['check', 'rules', file], dir)).toMatchObject({ status: 0 });
  });

  it('pipewatch export-rules --out --job writes a file promtool accepts, for that job', () => {
    const out = path.join(dir, 'from-cli.yml');
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/pipewatch-cli.ts', 'export-rules', '--out', out, '--job', 'pipewatch-prod'], { encoding: 'utf8' });
    expect({ status: cli.status, stderr: cli.stderr.trim() }).toEqual({ status: 0, stderr: `wrote 14 alerting rules to ${out}; check them with: promtool check rules ${out}` });
    const text = fs.readFileSync(out, 'utf8');
    expect([text.includes('up{job="pipewatch-prod"}'), text.includes('job="pipewatch"')]).toEqual([true, false]);
    expect(promtool(['check', 'rules', out], dir)).toMatchObject({ status: 0 });
  });

  it('has one rule per failure type, with the table\'s severity, response and runbook anchor', () => {
    const failures = buildAlertingRules().groups.find((g) => g.name === 'pipewatch-failures')!.rules;
    expect(failures.map((r) => [r.alert, r.labels.severity, r.annotations.description, r.annotations.runbook_url])).toEqual(
      FAILURE_TABLE.map((entry) => [expect.stringMatching(/^Pipewatch[A-Z][A-Za-z]+$/), entry.severity, entry.response, `docs/failure-table.md#${githubAnchor(entry.title)}`]),
    );
  });

  it('every runbook anchor exists in docs/failure-table.md', () => {
    const headings = new Set([...fs.readFileSync('docs/failure-table.md', 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) => githubAnchor(m[1]!)));
    const anchors = buildAlertingRules()
      .groups.flatMap((g) => g.rules)
      .map((r) => r.annotations.runbook_url?.split('#')[1])
      .filter((a): a is string => a !== undefined);
    expect(anchors.filter((a) => !headings.has(a))).toEqual([]);
  });

  it('fires as the diagnosis does, under promtool test rules', () => {
    const { file, rules } = writeRules({ job: 'pipewatch-prod' }, 'prod.yml');
    const job = 'pipewatch-prod';
    const fraud = { job, pipeline: 'fraud-features', consumer_group: 'fraud-features' };
    const oldReplay = { job, pipeline: 'old-replay', consumer_group: 'old-replay' };
    const series = (name: string, labels: Record<string, string>, values: string) => ({
      series: `${name}{${Object.entries(labels)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}}`,
      values,
    });
    const tests = {
      rule_files: [file],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            series('up', { job, instance: 'pw:19300' }, '1x40'),
            // Escalation: the incident's type moves from transient errors to an outage at 3m.
            series('pipewatch_open_incidents', { job, pipeline: 'fraud-features', failure_type: 'transient-sink-error', severity: 'warning' }, '1 1 1 stale'),
            series('pipewatch_open_incidents', { job, pipeline: 'fraud-features', failure_type: 'sink-unavailable', severity: 'critical' }, '_ _ _ 1x10'),
            // Another job's Pipewatch is not ours.
            series('pipewatch_open_incidents', { job: 'pipewatch-staging', pipeline: 'orders', failure_type: 'slow-sink', severity: 'warning' }, '1x40'),
            series('pipewatch_open_incidents', { job, pipeline: '<orders & co>', failure_type: 'slow-sink', severity: 'warning' }, '1x40'),
            series('pipewatch_pipeline_retention_headroom_seconds', fraud, '100 50 -5x10'),
            series('pipewatch_pipeline_time_to_drain_seconds', fraud, 'Inf+0x40'),
            series('pipewatch_pipeline_lag_seconds', fraud, '300+60x40'),
            // A group that stopped before Pipewatch saw it: lag growing on a live topic, never paged.
            series('pipewatch_pipeline_lag_seconds', oldReplay, '90000+60x40'),
            series('pipewatch_pipeline_time_to_drain_seconds', oldReplay, 'Inf+0x40'),
            series('pipewatch_pipeline_retention_headroom_seconds', oldReplay, '-5x40'),
            series('pipewatch_pipeline_activity', { ...oldReplay, activity: 'abandoned' }, '1x40'),
            series('pipewatch_pipeline_activity', { ...fraud, activity: 'active' }, '1x40'),
            series('pipewatch_source_up', { job, source: 'kafka' }, '1 0x40'),
            series('pipewatch_source_up', { job, source: 'prometheus' }, '0.5x40'),
          ],
          alert_rule_test: [
            {
              eval_time: '2m',
              alertname: 'PipewatchTransientSinkError',
              exp_alerts: [{ exp_labels: { severity: 'warning', pipeline: 'fraud-features', failure_type: 'transient-sink-error' }, exp_annotations: rendered(rules, 'PipewatchTransientSinkError', { pipeline: 'fraud-features' }) }],
            },
            { eval_time: '5m', alertname: 'PipewatchTransientSinkError', exp_alerts: [] },
            {
              eval_time: '5m',
              alertname: 'PipewatchSinkUnavailable',
              exp_alerts: [
                {
                  exp_labels: { severity: 'critical', pipeline: 'fraud-features', failure_type: 'sink-unavailable' },
                  exp_annotations: {
                    summary: 'Sink unavailable (extended outage) on pipeline fraud-features',
                    description: 'Pause consumer, alert, manual recovery.',
                    runbook_url: 'docs/failure-table.md#sink-unavailable-extended-outage',
                  },
                },
              ],
            },
            {
              eval_time: '5m',
              alertname: 'PipewatchSlowSink',
              exp_alerts: [{ exp_labels: { severity: 'warning', pipeline: '<orders & co>', failure_type: 'slow-sink' }, exp_annotations: rendered(rules, 'PipewatchSlowSink', { pipeline: '<orders & co>' }) }],
            },
            { eval_time: '2m', alertname: 'PipewatchRetentionExceeded', exp_alerts: [] },
            {
              eval_time: '4m',
              alertname: 'PipewatchRetentionExceeded',
              exp_alerts: [{ exp_labels: { severity: 'critical', pipeline: 'fraud-features', consumer_group: 'fraud-features' }, exp_annotations: rendered(rules, 'PipewatchRetentionExceeded', fraud) }],
            },
            { eval_time: '29m', alertname: 'PipewatchNotDraining', exp_alerts: [] },
            {
              eval_time: '31m',
              alertname: 'PipewatchNotDraining',
              exp_alerts: [{ exp_labels: { severity: 'warning', pipeline: 'fraud-features', consumer_group: 'fraud-features' }, exp_annotations: rendered(rules, 'PipewatchNotDraining', fraud) }],
            },
            {
              eval_time: '20m',
              alertname: 'PipewatchLagGrowing',
              exp_alerts: [
                {
                  exp_labels: { severity: 'warning', pipeline: 'fraud-features', consumer_group: 'fraud-features' },
                  exp_annotations: {
                    ...rendered(rules, 'PipewatchLagGrowing', fraud),
                    summary: 'Pipeline fraud-features is 25m 0s behind, and falling further behind',
                  },
                },
              ],
            },
            {
              eval_time: '7m',
              alertname: 'PipewatchSourceDown',
              exp_alerts: [{ exp_labels: { severity: 'warning', job, source: 'kafka' }, exp_annotations: rendered(rules, 'PipewatchSourceDown', { source: 'kafka' }) }],
            },
            { eval_time: '10m', alertname: 'PipewatchDown', exp_alerts: [] },
          ],
        },
        {
          // No scrape of Pipewatch at all: absent(up) pages after downFor.
          interval: '1m',
          input_series: [series('up', { job: 'something-else', instance: 'x' }, '1x10')],
          alert_rule_test: [
            { eval_time: '4m', alertname: 'PipewatchDown', exp_alerts: [] },
            { eval_time: '6m', alertname: 'PipewatchDown', exp_alerts: [{ exp_labels: { severity: 'critical', job }, exp_annotations: rendered(rules, 'PipewatchDown', {}) }] },
          ],
        },
        {
          // Scraped but failing.
          interval: '1m',
          input_series: [series('up', { job, instance: 'pw:19300' }, '0x10')],
          alert_rule_test: [{ eval_time: '6m', alertname: 'PipewatchDown', exp_alerts: [{ exp_labels: { severity: 'critical', job, instance: 'pw:19300' }, exp_annotations: rendered(rules, 'PipewatchDown', {}) }] }],
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'prod.test.yml'), stringify(tests, { lineWidth: 0 }));
    const run = promtool(['test', 'rules', 'prod.test.yml'], dir);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });
});
