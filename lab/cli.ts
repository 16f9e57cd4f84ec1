import { parseArgs } from 'node:util';
import { readLabConfig, type LabConfig } from './lab-config';
import { parseDurationFlag, parseFraction, parsePositiveNumber } from './cli-args';
import { startDemoDashboard } from './demo';
import { followPipeline } from './follow';
import { downLab, labStatus, pipelineUrl, upPipeline, upStack, type ServiceStatus } from './stack/lab';
import { createLineLogger } from '../lib/log/line-logger';
import { parseLogLevel } from '../server/log/parse-log-level';

const HELP = `Pipewatch lab: a real Kafka broker, Prometheus and a demo ingestion pipeline to watch.

Usage: npm run lab:<command> [-- options]      (or: npx tsx lab/cli.ts <command> [options])

Commands:
  up [--no-pipeline]   Start Kafka ${'(KRaft)'}, Prometheus and the demo pipeline; waits until healthy.
                       Idempotent: what already runs is kept.
  down                 Stop everything the lab started (data stays in the lab folder).
  status [--json]      Health of each service; exits 1 when one is not healthy.
  fault <name> [opts]  Inject a fault into the demo pipeline (see below).
  fault list           Show the active faults.
  demo                 'up', start the Pipewatch dashboard on it (base+300, default
                       http://127.0.0.1:19300) and follow the pipeline's flow until Ctrl-C
                       (the dashboard stops then; the lab keeps running).

Faults:
  transient-errors [--rate 0.5]    sink answers 503/429 for this fraction of writes
  poison           [--rate 0.05]   this fraction of events breaks the schema or a business rule
  slow-sink        [--latency 300ms]  added latency on every sink write
  rebalance        [--interval 8s] a consumer joins and leaves the group repeatedly
  sink-down                        the sink refuses connections
  consumer-stop                    every consumer leaves the group
  producer-burst   [--rate 500]    producer rate in events/s
  producer-stop                    the producer stops (an upstream stall)
  healthy                          end every active fault
  Every fault takes --for <duration> (e.g. 90s, 2m) to end by itself.
  Starts and ends are appended to the ground-truth log <lab dir>/faults.jsonl.

Environment:
  KAFKA_VERSION    Kafka release to run (default 3.9.2; 4.1.x works too)
  KAFKA_BROKERS    use these brokers instead of starting one (comma-separated host:port)
  PROMETHEUS_URL   use this Prometheus instead of starting one
  LAB_DIR          lab folder for jars, data, logs and pid files (default .lab)
  LAB_PORT_BASE    ports are base+90 (Prometheus), +92/+93 (Kafka), +110 (pipeline control),
                   +111 (sink), +120 (broker JMX metrics), +300 (the demo's dashboard); default 19000
`;

type Log = (line: string) => void;
const log: Log = (line) => console.log(`[lab] ${line}`);

const OPTIONS = {
  help: { type: 'boolean' },
  json: { type: 'boolean' },
  'no-pipeline': { type: 'boolean' },
  for: { type: 'string' },
  rate: { type: 'string' },
  latency: { type: 'string' },
  interval: { type: 'string' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const flags = parsed.values;
  const [command, ...rest] = parsed.positionals;
  if (!command || flags.help || command === 'help') {
    console.log(HELP);
    return command || flags.help ? 0 : 2;
  }
  const config = readLabConfig();
  switch (command) {
    case 'up':
      await up(config, flags);
      return 0;
    case 'down':
      await downLab(config, log);
      log('lab is down');
      return 0;
    case 'status':
      return status(config, flags.json === true);
    case 'fault':
      return fault(config, rest, flags);
    case 'demo': {
      await up(config, flags);
      const level = parseLogLevel(process.env.LOG_LEVEL);
      if (!level.ok) throw new Error(level.error);
      const minLevel = level.level === 'silent' ? 'fatal' : level.level;
      const dashboard = await startDemoDashboard(config, createLineLogger((line) => console.log(`[pipewatch] ${line}`), { minLevel }));
      console.log(`\n  Dashboard          ${dashboard.url}   <- open this; the fault panel injects failures\n`);
      try {
        await followPipeline(config);
      } finally {
        await dashboard.close();
      }
      return 0;
    }
    default:
      console.error(`Unknown command '${command}'.\n\n${HELP}`);
      return 2;
  }
}

async function up(config: LabConfig, flags: Flags): Promise<void> {
  const startedAt = performance.now();
  const withPipeline = !flags['no-pipeline'];
  await upStack(config, log);
  if (withPipeline) await upPipeline(config, log);
  log(`lab is up in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  printWhere(config, withPipeline);
}

function printWhere(config: LabConfig, withPipeline: boolean): void {
  const lines = [
    `  Kafka brokers      ${config.brokers.join(',')}  (Kafka ${config.external.kafka ? 'external' : config.kafkaVersion})`,
    `  Prometheus         ${config.prometheusUrl}`,
  ];
  if (withPipeline) {
    lines.push(
      `  Demo pipeline      topic 'payments' -> group 'fraud-features' -> feature store; DLQ 'payments.dlq'`,
      `  Pipeline metrics   ${pipelineUrl(config)}/metrics`,
      `  Fault control      npm run lab:fault -- <name>   (npm run lab:fault -- --help)`,
    );
  }
  lines.push(`  Logs and data      ${config.dir}`, `  Stop               npm run lab:down`);
  console.log(lines.join('\n'));
}

async function status(config: LabConfig, json: boolean): Promise<number> {
  const services = await labStatus(config);
  if (json) console.log(JSON.stringify(services, null, 2));
  else for (const service of services) console.log(formatStatus(service));
  return services.every((s) => s.healthy) ? 0 : 1;
}

function formatStatus(service: ServiceStatus): string {
  const process =
    service.process.kind === 'running' ? `pid ${service.process.pid}` : service.process.kind === 'external' ? 'external' : 'not running';
  return `${service.name.padEnd(14)} ${(service.healthy ? 'healthy' : 'DOWN').padEnd(8)} ${process.padEnd(12)} ${service.address}`;
}

async function fault(config: LabConfig, rest: string[], flags: Flags): Promise<number> {
  const name = rest[0];
  const url = `${pipelineUrl(config)}/faults`;
  if (!name || name === 'list') {
    const response = await requestControl(url, { method: 'GET' });
    console.log(JSON.stringify(await response.json(), null, 2));
    return 0;
  }
  const body: Record<string, unknown> = { name };
  if (flags.for !== undefined) body.forMs = parseDurationFlag(flags.for, 'for');
  if (flags.rate !== undefined) body.rate = name === 'producer-burst' ? parsePositiveNumber(flags.rate, 'rate') : parseFraction(flags.rate, 'rate');
  if (flags.latency !== undefined) body.latencyMs = parseDurationFlag(flags.latency, 'latency');
  if (flags.interval !== undefined) body.intervalMs = parseDurationFlag(flags.interval, 'interval');
  const response = await requestControl(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const text = await response.text();
  if (!response.ok) {
    console.error(`fault '${name}' was refused: ${text}`);
    return 1;
  }
  log(`fault '${name}' ${name === 'healthy' ? 'applied: every fault ended' : 'started'}${flags.for ? ` for ${flags.for}` : ''}`);
  console.log(text);
  return 0;
}

async function requestControl(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    throw new Error(`The demo pipeline's control endpoint ${url} does not answer (${(error as Error).message}). Start the lab first: npm run lab:up`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[lab] ${error.message}`);
    process.exit(1);
  },
);
