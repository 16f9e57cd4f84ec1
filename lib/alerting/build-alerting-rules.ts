import { FAILURE_TABLE, failureEntry, type FailureTableEntry } from '../diagnosis/failure-table';
import { formatDurationMs } from '../units/format-duration';
import { PIPEWATCH_METRIC } from './pipewatch-metric-names';

/** A Prometheus rules file (https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/), alerting rules only. */
export interface RuleFile {
  groups: RuleGroup[];
}

export interface RuleGroup {
  name: string;
  rules: AlertingRule[];
}

export interface AlertingRule {
  alert: string;
  expr: string;
  /** A Prometheus duration ("10m"); absent: fires on the first evaluation that matches. */
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface AlertingRulesOptions {
  /** The scrape job of Pipewatch's /metrics; every expression selects it. */
  job: string;
  /** The failure table page; each failure type's anchor is appended. */
  runbookUrl: string;
  /** Lag (age of the oldest unconsumed record) past which growth is worth an alert. */
  lagSecondsAbove: number;
  lagGrowingForMs: number;
  /** Consumption not outpacing production, with at least this lag, for notDrainingForMs. A steady pipeline has lag of seconds and equal rates, hence the floor. */
  notDrainingMinLagSeconds: number;
  notDrainingForMs: number;
  /** Pipewatch, or one of its sources, unreachable this long. */
  downForMs: number;
}

export const DEFAULT_ALERTING_RULES_OPTIONS: AlertingRulesOptions = {
  job: 'pipewatch',
  runbookUrl: 'docs/failure-table.md',
  lagSecondsAbove: 300,
  lagGrowingForMs: 10 * 60_000,
  notDrainingMinLagSeconds: 60,
  notDrainingForMs: 30 * 60_000,
  downForMs: 5 * 60_000,
};

/**
 * Pipewatch's diagnosis as Prometheus alerting rules over its own /metrics, so alerts keep
 * working from Prometheus' history while Pipewatch's dashboard is closed. One rule per failure
 * type follows Pipewatch's open incidents (opened after consecutive findings, resolved after
 * verified recovery, escalated by type), with the table's severity and response; lag rules and
 * "is Pipewatch itself up" rules complete them.
 */
export function buildAlertingRules(overrides: Partial<AlertingRulesOptions> = {}): RuleFile {
  const options = { ...DEFAULT_ALERTING_RULES_OPTIONS, ...overrides };
  const job = `job=${promqlString(options.job)}`;
  const byPipeline = 'max by (pipeline, consumer_group)';
  // Groups that stopped before Pipewatch saw them keep their lag forever: never worth a page.
  const notDormant = ` unless on (pipeline, consumer_group) ${byPipeline} (${PIPEWATCH_METRIC.pipelineActivity}{${job},activity=~"inactive|abandoned"}) == 1`;
  return {
    groups: [
      { name: 'pipewatch-failures', rules: FAILURE_TABLE.map((entry) => failureRule(entry, job, options.runbookUrl)) },
      {
        name: 'pipewatch-lag',
        rules: [
          {
            alert: 'PipewatchLagGrowing',
            expr: `${byPipeline} (${PIPEWATCH_METRIC.pipelineLagSeconds}{${job}}) > ${options.lagSecondsAbove} and ${byPipeline} (deriv(${PIPEWATCH_METRIC.pipelineLagSeconds}{${job}}[10m])) > 0${notDormant}`,
            for: formatDurationMs(options.lagGrowingForMs),
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Pipeline {{ $labels.pipeline }} is {{ $value | humanizeDuration }} behind, and falling further behind',
              description: `The oldest unconsumed record of consumer group {{ $labels.consumer_group }} is over ${formatDurationMs(options.lagSecondsAbove * 1_000)} old and its age has grown for ${formatDurationMs(options.lagGrowingForMs)}. Open the pipeline in Pipewatch for the diagnosis.`,
              runbook_url: options.runbookUrl,
            },
          },
          {
            alert: 'PipewatchNotDraining',
            expr: `${byPipeline} (${PIPEWATCH_METRIC.pipelineTimeToDrainSeconds}{${job}}) == +Inf and ${byPipeline} (${PIPEWATCH_METRIC.pipelineLagSeconds}{${job}}) > ${options.notDrainingMinLagSeconds}${notDormant}`,
            for: formatDurationMs(options.notDrainingForMs),
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Pipeline {{ $labels.pipeline }} is not draining its backlog',
              description: `Consumption has not outpaced production for ${formatDurationMs(options.notDrainingForMs)} while the pipeline is over ${formatDurationMs(options.notDrainingMinLagSeconds * 1_000)} behind: at current rates the backlog never clears.`,
              runbook_url: options.runbookUrl,
            },
          },
          {
            alert: 'PipewatchRetentionExceeded',
            expr: `min by (pipeline, consumer_group) (${PIPEWATCH_METRIC.pipelineRetentionHeadroomSeconds}{${job}}) < 0${notDormant}`,
            for: '1m',
            labels: { severity: 'critical' },
            annotations: {
              summary: 'Pipeline {{ $labels.pipeline }} is losing records to retention',
              description: 'The oldest unconsumed record is past its topic retention: Kafka deletes records before the group consumes them. Catch up or raise retention.ms now.',
              runbook_url: `${options.runbookUrl}#${githubAnchor(failureEntry('lag-near-retention').title)}`,
            },
          },
        ],
      },
      {
        name: 'pipewatch-self',
        rules: [
          {
            alert: 'PipewatchDown',
            expr: `up{${job}} == 0 or absent(up{${job}})`,
            for: formatDurationMs(options.downForMs),
            labels: { severity: 'critical' },
            annotations: {
              summary: 'Pipewatch is not being scraped',
              description: `Prometheus has no successful scrape of job ${templateText(JSON.stringify(options.job))}: no pipeline alert above can fire while it lasts.`,
            },
          },
          {
            alert: 'PipewatchSourceDown',
            expr: `${PIPEWATCH_METRIC.sourceUp}{${job}} == 0`,
            for: formatDurationMs(options.downForMs),
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Pipewatch cannot read {{ $labels.source }}',
              description: 'Every attempt to sample {{ $labels.source }} fails: the figures it feeds are missing and the diagnosis is blind to them.',
            },
          },
        ],
      },
    ],
  };
}

function failureRule(entry: FailureTableEntry, job: string, runbookUrl: string): AlertingRule {
  return {
    alert: `Pipewatch${entry.type.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}`,
    // Open incidents, not findings: the same hysteresis as Pipewatch's own incident page.
    expr: `max by (pipeline, failure_type) (${PIPEWATCH_METRIC.openIncidents}{${job}, failure_type=${promqlString(entry.type)}}) > 0`,
    labels: { severity: entry.severity },
    annotations: {
      summary: `${templateText(entry.title)} on pipeline {{ $labels.pipeline }}`,
      description: templateText(entry.response),
      runbook_url: `${runbookUrl}#${githubAnchor(entry.title)}`,
    },
  };
}

/** A PromQL double-quoted string: its escapes are Go's, which JSON's are a subset of. */
function promqlString(value: string): string {
  return JSON.stringify(value);
}

/** Annotations are Go templates: text of ours must not open one. */
function templateText(text: string): string {
  return text.replaceAll('{{', '{{ "{{" }}');
}

/** The anchor GitHub gives a "### Slow sink (backpressure)" heading: slow-sink-backpressure. */
export function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
