import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CycleResult } from '../../lib/collection/collection-loop';
import { toSnapshotJson } from '../../lib/api/pipeline-json';
import { formatConfigErrors, loadConfig, redactConfig } from '../../collectors/config/load-config';
import { formatFailureTableMarkdown } from '../../lib/diagnosis/format-failure-table-markdown';
import type { PipewatchConfig } from '../../lib/config/pipewatch-config';
import { formatSnapshotTable } from '../../lib/pipelines/format-snapshot-table';
import { isDormant } from '../../lib/pipelines/group-activity';
import { formatSeconds } from '../../lib/units/format-units';
import { buildAlertingRules, DEFAULT_ALERTING_RULES_OPTIONS } from '../../lib/alerting/build-alerting-rules';
import { formatRuleFile } from '../../lib/alerting/format-rule-file';
import { parseDurationMs } from '../../lib/units/parse-duration';
import type { DashboardOptions } from '../start-pipewatch';
import { formatCycleLine } from './format-cycle-line';
import { waitForStopSignal } from './wait-for-stop-signal';
import { createLineLogger } from '../../lib/log/line-logger';
import type { Logger } from '../../lib/log/logger';
import { createPinoLogger } from '../log/create-pino-logger';
import { parseLogLevel, type LogLevelSetting } from '../log/parse-log-level';
import { routeConsole } from '../log/route-console';

const HELP = `pipewatch — live observability for Kafka ingestion pipelines

Usage: npx pipewatch <command> [options]

Commands:
  snapshot        Sample Kafka and Prometheus and print every pipeline's state, then exit.
                    --json          the same as JSON, everything: every pipeline with its
                                    partitions and diagnosis, and the open incidents in full
                                    (shape: docs/api.md; GET /api/pipelines pages a summary)
                    --partitions    add one row per partition
                    --hide-inactive leave out inactive and abandoned groups (not consuming since
                                    before Pipewatch first saw them), only counting them
                    --sample 3s     how long to sample (rates need two readings; default 3s)
  serve           Run the dashboard: collectors, live updates, the JSON API, /metrics, /healthz
                  and /readyz on server.host:server.port (default http://127.0.0.1:19300).
                    --dev           Next's dev server (hot reload) instead of the production build
                  PIPEWATCH_TOKEN=<secret> makes the API and the dashboard ask for it.
  collect         Keep collecting and serve Pipewatch's own /metrics (no dashboard); one log
                  line per cycle. Ctrl-C stops.
  config          Validate the configuration and print it, secrets redacted.
  failure-table   Print the failure table Pipewatch diagnoses by, as Markdown.
  export-rules    Print Prometheus alerting rules over Pipewatch's /metrics (docs/alerting.md).
                    --out FILE          write them to FILE instead
                    --job NAME          the scrape job of Pipewatch's /metrics (default pipewatch)
                    --runbook-url URL   the failure table page for runbook links
                                        (default docs/failure-table.md)

Options for every command:
  --pretty        readable log lines instead of JSON (the default when stdout is a terminal);
                  LOG_LEVEL=debug|info|warn|error|silent chooses how much (default info)
  --config FILE   configuration file (default: $PIPEWATCH_CONFIG, else ./pipewatch.yaml if it
                  exists, else built-in defaults that watch the lab on 127.0.0.1)
  --help          this text

Configuration keys and environment overrides: docs/configuration.md.
`;

const OPTIONS = {
  help: { type: 'boolean' },
  json: { type: 'boolean' },
  partitions: { type: 'boolean' },
  'hide-inactive': { type: 'boolean' },
  sample: { type: 'string' },
  config: { type: 'string' },
  dev: { type: 'boolean' },
  out: { type: 'string' },
  job: { type: 'string' },
  'runbook-url': { type: 'string' },
  pretty: { type: 'boolean' },
} as const;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values: flags, positionals } = parsed;
  const command = positionals[0];
  if (flags.help || command === 'help' || command === undefined) {
    console.log(HELP);
    return command === undefined && !flags.help ? 2 : 0;
  }
  if (command === 'failure-table') {
    console.log(formatFailureTableMarkdown());
    return 0;
  }
  if (command === 'export-rules') return exportRules({ out: flags.out, job: flags.job, runbookUrl: flags['runbook-url'] });
  const level = parseLogLevel(process.env.LOG_LEVEL);
  if (!level.ok) {
    console.error(`pipewatch: ${level.error}`);
    return 2;
  }
  const pretty = flags.pretty === true || process.stdout.isTTY === true;
  const loaded = loadConfig({ path: flags.config, env: process.env });
  if (!loaded.ok) {
    console.error(`pipewatch: the configuration is not valid:\n${formatConfigErrors(loaded.errors)}`);
    return 2;
  }
  switch (command) {
    case 'snapshot':
      return snapshot(loaded.config, { json: flags.json === true, partitions: flags.partitions === true, hideInactive: flags['hide-inactive'] === true, sample: flags.sample ?? '3s', level: level.level });
    case 'serve':
      return run(loaded.config, { dir: fileURLToPath(new URL('../..', import.meta.url)), dev: flags.dev === true }, createPinoLogger({ level: level.level, pretty }));
    case 'collect':
      return run(loaded.config, null, createPinoLogger({ level: level.level, pretty }));
    case 'config':
      console.log(JSON.stringify(redactConfig(loaded.config), null, 2));
      return 0;
    default:
      console.error(`pipewatch: unknown command '${command}'.\n\n${HELP}`);
      return 2;
  }
}

function exportRules({ out, job, runbookUrl }: { out?: string; job?: string; runbookUrl?: string }): number {
  if (job !== undefined && job.trim() === '') {
    console.error('pipewatch: --job: must not be empty');
    return 2;
  }
  const rules = buildAlertingRules({ job: job ?? DEFAULT_ALERTING_RULES_OPTIONS.job, runbookUrl: runbookUrl ?? DEFAULT_ALERTING_RULES_OPTIONS.runbookUrl });
  const generatedBy = ['pipewatch export-rules', ...(job === undefined ? [] : [`--job ${job}`]), ...(runbookUrl === undefined ? [] : [`--runbook-url ${runbookUrl}`])].join(' ');
  const text = formatRuleFile(rules, { generatedBy });
  if (out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  try {
    fs.writeFileSync(out, text);
  } catch (error) {
    console.error(`pipewatch: --out ${out}: ${(error as Error).message}`);
    return 1;
  }
  const count = rules.groups.reduce((sum, group) => sum + group.rules.length, 0);
  console.error(`wrote ${count} alerting rules to ${out}; check them with: promtool check rules ${out}`);
  return 0;
}

async function snapshot(config: PipewatchConfig, options: { json: boolean; partitions: boolean; hideInactive: boolean; sample: string; level: LogLevelSetting }): Promise<number> {
  const sampleMs = parseDurationMs(options.sample);
  if (!sampleMs.ok) {
    console.error(`pipewatch: --sample: ${sampleMs.error}`);
    return 2;
  }
  // Progress and the collectors' warnings go to stderr for people; with --json stdout holds only the JSON.
  const progress = createLineLogger(
    (line) => {
      if (!options.json && options.level !== 'silent') process.stderr.write(`${line}\n`);
    },
    { minLevel: options.level === 'silent' ? 'fatal' : options.level },
  );
  const { createCollectionFromConfig } = await loadWiring();
  const collection = createCollectionFromConfig({ ...config, collection: { ...config.collection, intervalMs: 1_000 } }, progress);
  progress.info(`sampling ${config.kafka.brokers.join(',')}${config.prometheus.url ? ` and ${config.prometheus.url}` : ''} for ${options.sample}…`);
  let cycle: CycleResult;
  try {
    // Rates and lag in seconds need readings over time: one cycle per second for the sample span.
    const deadline = Date.now() + sampleMs.valueMs;
    cycle = await collection.runCycle();
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, Math.max(0, deadline - Date.now()))));
      cycle = await collection.runCycle();
    }
  } finally {
    await collection.stop();
  }
  if (options.json) {
    // Inactive and abandoned groups after the active ones, as in the table; or left out.
    const dormant = cycle.snapshots.filter((s) => isDormant(s.activity));
    const ordered = [...cycle.snapshots.filter((s) => !isDormant(s.activity)), ...(options.hideInactive ? [] : dormant)];
    console.log(JSON.stringify(toSnapshotJson({ ...cycle, snapshots: ordered }), null, 2));
  } else {
    console.log(formatSnapshotTable({ takenAtMs: cycle.atMs, sources: cycle.sources, snapshots: cycle.snapshots, diagnoses: cycle.diagnoses }, { partitions: options.partitions, hideInactive: options.hideInactive }));
  }
  // Scripts can tell "no data" from "all fine".
  return cycle.sources.kafka.health === 'down' ? 1 : 0;
}

/** After the shutdown deadline, what the process waits before it exits anyway. */
const FORCED_EXIT_GRACE_MS = 5_000;

/** `serve` (with the dashboard) and `collect` (without): the same wiring, /metrics and shutdown. */
async function run(config: PipewatchConfig, dashboard: DashboardOptions | null, log: Logger): Promise<number> {
  routeConsole(log);
  const { startPipewatch } = await loadWiring();
  const pipewatch = await startPipewatch({ config, log, dashboard });
  const every = formatSeconds(config.collection.intervalMs / 1000);
  if (dashboard) {
    log.info(`Pipewatch is serving the dashboard on ${pipewatch.url} (collecting every ${every})`, { url: pipewatch.url });
  } else {
    log.info(`collecting every ${every}; metrics on ${pipewatch.url}/metrics`, { url: pipewatch.url });
    const cycles = log.child('collection');
    pipewatch.collection.subscribe((cycle) => cycles.info(formatCycleLine(cycle)));
  }
  const signal = await waitForStopSignal();
  const deadlineMs = config.server.shutdownTimeoutMs;
  log.info(`${signal}: shutting down within ${formatSeconds(deadlineMs / 1000)}`, { signal, deadlineMs });
  // Someone who presses Ctrl-C twice wants out now.
  void waitForStopSignal().then((again) => {
    log.warn(`${again} during the shutdown: exiting now`, { signal: again });
    process.exit(130);
  });
  // A shutdown that hangs past its deadline (a step that ignores it) must not keep the pod Terminating.
  setTimeout(() => {
    log.error(`shutdown did not finish within ${formatSeconds(deadlineMs / 1000)} + ${formatSeconds(FORCED_EXIT_GRACE_MS / 1000)}: exiting now`);
    process.exit(1);
  }, deadlineMs + FORCED_EXIT_GRACE_MS).unref();
  await pipewatch.close();
  log.info('stopped');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`pipewatch: ${error.message}`);
    process.exit(1);
  },
);

// The wiring pulls in Next, kafkajs and the store drivers: only the commands that collect load it,
// so `--help`, `config`, `failure-table` and `export-rules` answer at once.
function loadWiring(): Promise<typeof import('../start-pipewatch')> {
  return import('../start-pipewatch');
}
