import { readLabConfig, type LabConfig } from './lab-config';
import { parseArgs, parseDurationMs, parseFraction, parsePositiveNumber, type ParsedArgs } from './cli-args';
import { downLab, labStatus, pipelineUrl, upPipeline, upStack, type ServiceStatus } from './stack/lab';
import { sleep } from './stack/processes';

const HELP = `Pipewatch lab: a real Kafka broker, Prometheus and a demo ingestion pipeline to watch.

Usage: npm run lab:<command> [-- options]      (or: npx tsx lab/cli.ts <command> [options])

Commands:
  up [--no-pipeline]   Start Kafka ${'(KRaft)'}, Prometheus and the demo pipeline; waits until healthy.
                       Idempotent: what already runs is kept.
  down                 Stop everything the lab started (data stays in the lab folder).
  status [--json]      Health of each service; exits 1 when one is not healthy.
  fault <name> [opts]  Inject a fault into the demo pipeline (see below).
  fault list           Show the active faults.
  demo                 'up', then follow the pipeline's flow until Ctrl-C (the lab keeps running).

Faults:
  transient-errors [--rate 0.5]    sink answers 503/429 for this fraction of writes
  poison           [--rate 0.05]   this fraction of events breaks the schema or a business rule
  slow-sink        [--latency 300ms]  added latency on every sink write
  rebalance        [--interval 8s] a consumer joins and leaves the group repeatedly
  sink-down                        the sink refuses connections
  consumer-stop                    every consumer leaves the group
  producer-burst   [--rate 500]    producer rate in events/s
  healthy                          end every active fault
  Every fault takes --for <duration> (e.g. 90s, 2m) to end by itself.
  Starts and ends are appended to the ground-truth log <lab dir>/faults.jsonl.

Environment:
  KAFKA_VERSION    Kafka release to run (default 3.9.2; 4.1.x works too)
  KAFKA_BROKERS    use these brokers instead of starting one (comma-separated host:port)
  PROMETHEUS_URL   use this Prometheus instead of starting one
  LAB_DIR          lab folder for jars, data, logs and pid files (default .lab)
  LAB_PORT_BASE    ports are base+90 (Prometheus), +92/+93 (Kafka), +110 (pipeline control),
                   +111 (sink), +120 (broker JMX metrics); default 19000
`;

type Log = (line: string) => void;
const log: Log = (line) => console.log(`[lab] ${line}`);

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const [command, ...rest] = args.positional;
  if (!command || args.flags.has('help') || command === 'help') {
    console.log(HELP);
    return command || args.flags.has('help') ? 0 : 2;
  }
  const config = readLabConfig();
  switch (command) {
    case 'up':
      await up(config, args);
      return 0;
    case 'down':
      await downLab(config, log);
      log('lab is down');
      return 0;
    case 'status':
      return status(config, args.flags.has('json'));
    case 'fault':
      return fault(config, rest, args);
    case 'demo':
      await up(config, args);
      await follow(config);
      return 0;
    default:
      console.error(`Unknown command '${command}'.\n\n${HELP}`);
      return 2;
  }
}

async function up(config: LabConfig, args: ParsedArgs): Promise<void> {
  const startedAt = performance.now();
  await upStack(config, log);
  if (!args.flags.has('no-pipeline')) await upPipeline(config, log);
  log(`lab is up in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  printWhere(config, !args.flags.has('no-pipeline'));
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

async function fault(config: LabConfig, rest: string[], args: ParsedArgs): Promise<number> {
  const name = rest[0];
  const url = `${pipelineUrl(config)}/faults`;
  if (!name || name === 'list') {
    const response = await requestControl(url, { method: 'GET' });
    console.log(JSON.stringify(await response.json(), null, 2));
    return 0;
  }
  const body: Record<string, unknown> = { name };
  const flag = (key: string) => {
    const value = args.flags.get(key);
    if (value === true) throw new Error(`--${key} needs a value.`);
    return value;
  };
  const forText = flag('for');
  if (forText !== undefined) body.forMs = parseDurationMs(forText, 'for');
  const rateText = flag('rate');
  if (rateText !== undefined) body.rate = name === 'producer-burst' ? parsePositiveNumber(rateText, 'rate') : parseFraction(rateText, 'rate');
  const latencyText = flag('latency');
  if (latencyText !== undefined) body.latencyMs = parseDurationMs(latencyText, 'latency');
  const intervalText = flag('interval');
  if (intervalText !== undefined) body.intervalMs = parseDurationMs(intervalText, 'interval');
  const response = await requestControl(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const text = await response.text();
  if (!response.ok) {
    console.error(`fault '${name}' was refused: ${text}`);
    return 1;
  }
  log(`fault '${name}' ${name === 'healthy' ? 'applied: every fault ended' : 'started'}${body.forMs ? ` for ${forText}` : ''}`);
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

/** Prints one line of flow every few seconds, so `npm run demo` shows the pipeline moving. */
async function follow(config: LabConfig): Promise<void> {
  log('following the pipeline; Ctrl-C stops following (the lab keeps running: npm run lab:down stops it)');
  let stop = false;
  process.once('SIGINT', () => {
    stop = true;
  });
  while (!stop) {
    try {
      const response = await fetch(`${pipelineUrl(config)}/status`, { signal: AbortSignal.timeout(2_000) });
      console.log(`${new Date().toISOString()} ${JSON.stringify(await response.json())}`);
    } catch (error) {
      console.log(`${new Date().toISOString()} pipeline not answering: ${(error as Error).message}`);
    }
    for (let waited = 0; waited < 5_000 && !stop; waited += 250) await sleep(250);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[lab] ${error.message}`);
    process.exit(1);
  },
);
