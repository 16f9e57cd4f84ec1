import fs from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCollectionFromConfig } from '../create-collection';
import type { CycleResult } from '../../lib/collection/collection-loop';
import { toSnapshotJson } from '../../lib/api/pipeline-json';
import { formatConfigErrors, loadConfig, redactConfig } from '../../collectors/config/load-config';
import { formatFailureTableMarkdown } from '../../lib/diagnosis/format-failure-table-markdown';
import type { PipewatchConfig } from '../../lib/config/pipewatch-config';
import { createPipewatchMetrics } from '../../collectors/metrics/pipewatch-metrics';
import { formatSnapshotTable } from '../../lib/pipelines/format-snapshot-table';
import { formatCount, formatSeconds } from '../../lib/units/format-units';
import { buildAlertingRules, DEFAULT_ALERTING_RULES_OPTIONS } from '../../lib/alerting/build-alerting-rules';
import { formatRuleFile } from '../../lib/alerting/format-rule-file';
import { startPipewatchServer } from '../pipewatch-server';
import { parseDurationMs } from '../../lib/units/parse-duration';

const HELP = `pipewatch — live observability for Kafka ingestion pipelines

Usage: npx pipewatch <command> [options]

Commands:
  snapshot        Sample Kafka and Prometheus and print every pipeline's state, then exit.
                    --json          the same as JSON (shape: docs/api.md)
                    --partitions    add one row per partition
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
  --config FILE   configuration file (default: $PIPEWATCH_CONFIG, else ./pipewatch.yaml if it
                  exists, else built-in defaults that watch the lab on 127.0.0.1)
  --help          this text

Configuration keys and environment overrides: docs/configuration.md.
`;

const OPTIONS = {
  help: { type: 'boolean' },
  json: { type: 'boolean' },
  partitions: { type: 'boolean' },
  sample: { type: 'string' },
  config: { type: 'string' },
  dev: { type: 'boolean' },
  out: { type: 'string' },
  job: { type: 'string' },
  'runbook-url': { type: 'string' },
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
  const loaded = loadConfig({ path: flags.config, env: process.env });
  if (!loaded.ok) {
    console.error(`pipewatch: the configuration is not valid:\n${formatConfigErrors(loaded.errors)}`);
    return 2;
  }
  switch (command) {
    case 'snapshot':
      return snapshot(loaded.config, { json: flags.json === true, partitions: flags.partitions === true, sample: flags.sample ?? '3s' });
    case 'serve':
      return serve(loaded.config, flags.dev === true);
    case 'collect':
      return collect(loaded.config);
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

async function snapshot(config: PipewatchConfig, options: { json: boolean; partitions: boolean; sample: string }): Promise<number> {
  const sampleMs = parseDurationMs(options.sample);
  if (!sampleMs.ok) {
    console.error(`pipewatch: --sample: ${sampleMs.error}`);
    return 2;
  }
  const progress = (line: string) => {
    if (!options.json) process.stderr.write(`${line}\n`);
  };
  const collection = createCollectionFromConfig({ ...config, collection: { ...config.collection, intervalMs: 1_000 } }, progress);
  progress(`sampling ${config.kafka.brokers.join(',')}${config.prometheus.url ? ` and ${config.prometheus.url}` : ''} for ${options.sample}…`);
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
    console.log(JSON.stringify(toSnapshotJson(cycle), null, 2));
  } else {
    console.log(formatSnapshotTable({ takenAtMs: cycle.atMs, sources: cycle.sources, snapshots: cycle.snapshots, diagnoses: cycle.diagnoses }, { partitions: options.partitions }));
  }
  // Scripts can tell "no data" from "all fine".
  return cycle.sources.kafka.health === 'down' ? 1 : 0;
}

async function serve(config: PipewatchConfig, dev: boolean): Promise<number> {
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const server = await startPipewatchServer({
    config,
    dir: fileURLToPath(new URL('../..', import.meta.url)),
    dev,
    log,
  });
  log(`Pipewatch is serving the dashboard on ${server.url} (collecting every ${formatSeconds(config.collection.intervalMs / 1000)})`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('stopping');
  await server.close();
  return 0;
}

async function collect(config: PipewatchConfig): Promise<number> {
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const collection = createCollectionFromConfig(config, log);
  const metrics = createPipewatchMetrics();
  const server = http.createServer(async (request, response) => {
    if (request.url === '/metrics') {
      response.setHeader('content-type', metrics.registry.contentType);
      response.end(await metrics.registry.metrics());
      return;
    }
    response.statusCode = 404;
    response.end('Pipewatch collect serves /metrics only\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`cannot listen on ${config.server.host}:${config.server.port}: ${error.message} (set server.port or PIPEWATCH_PORT)`)));
    server.listen(config.server.port, config.server.host, resolve);
  });
  log(`collecting every ${formatSeconds(config.collection.intervalMs / 1000)}; metrics on http://${config.server.host}:${config.server.port}/metrics`);
  collection.subscribe((cycle) => {
    metrics.record(cycle);
    const lagging = cycle.snapshots.filter((s) => s.kafka.kind === 'sampled' && s.kafka.totals.lagMessages > 0).length;
    const totalLag = cycle.snapshots.reduce((sum, s) => sum + (s.kafka.kind === 'sampled' ? s.kafka.totals.lagMessages : 0), 0);
    log(
      `cycle ${cycle.durationMs} ms, ${cycle.roundTrips ?? '–'} round trips; ${cycle.snapshots.length} pipelines, ${lagging} lagging, ` +
        `total lag ${formatCount(totalLag)}; Kafka ${cycle.sources.kafka.health}, Prometheus ${cycle.sources.prometheus.activity === 'disabled' ? 'off' : cycle.sources.prometheus.health}` +
        (cycle.skippedCycles > 0 ? `; ${cycle.skippedCycles} cycles skipped so far` : ''),
    );
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('stopping');
  await collection.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`pipewatch: ${error.message}`);
    process.exit(1);
  },
);
