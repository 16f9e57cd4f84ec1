import { parseArgs } from 'node:util';
import { readLabConfig } from '../lab-config';
import { startPipeline, type RunningPipeline } from './pipeline';

const USAGE = `Usage: tsx lab/pipeline/main.ts [--rate N] [--members N] [--topic T] [--group G]

Runs the lab's demo ingestion pipeline: a producer of card transactions, a consumer group writing
them to an HTTP feature store with retries and a dead letter topic, and a control endpoint for
fault injection and /metrics. Brokers, ports and the fault log path come from the lab config
(LAB_PORT_BASE, KAFKA_BROKERS, LAB_DIR).

  --rate N      events per second produced (default 50)
  --members N   consumer group members (default 2)
  --topic T     source topic (default payments; the DLQ is T.dlq)
  --group G     consumer group id (default fraud-features)
  --help        show this text`;

const BROKER_RETRY_MS = 5_000;

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

function positiveNumber(raw: string | undefined, flag: string, fallback: number, integer = false): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${flag} must be a positive ${integer ? 'whole ' : ''}number (got ${JSON.stringify(raw)})`);
  }
  return value;
}

/** kafkajs reports an unreachable broker as a connection error, possibly wrapped in a retry error. */
function isBrokerUnreachable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (/KafkaJSConnectionError|KafkaJSBrokerNotFound|KafkaJSNumberOfRetriesExceeded|KafkaJSRequestTimeoutError/.test(current.name)) return true;
    current = current.cause ?? (current as { originalError?: unknown }).originalError;
  }
  return false;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string' },
      members: { type: 'string' },
      topic: { type: 'string' },
      group: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = readLabConfig();
  const options = {
    brokers: config.brokers,
    topic: values.topic ?? 'payments',
    groupId: values.group ?? 'fraud-features',
    ratePerSecond: positiveNumber(values.rate, '--rate', 50),
    members: positiveNumber(values.members, '--members', 2, true),
    controlPort: config.ports.pipeline,
    sinkPort: config.ports.sink,
    faultLogPath: config.faultLogPath,
    log,
  };

  let pipeline: RunningPipeline | null = null;
  let stopRequested = false;
  const shutdown = (signal: string): void => {
    if (stopRequested) return;
    stopRequested = true;
    log(`${signal} received, stopping`);
    void (pipeline?.stop() ?? Promise.resolve()).then(() => {
      log('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  // A signal before the pipeline is up exits at once: nothing has been started that needs stopping.
  while (pipeline === null) {
    try {
      pipeline = await startPipeline(options);
    } catch (error) {
      if (!isBrokerUnreachable(error)) throw error;
      log(`Kafka at ${options.brokers.join(',')} is unreachable (${(error as Error).message}); retrying in ${BROKER_RETRY_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, BROKER_RETRY_MS));
    }
  }
  log(
    `started: topic ${options.topic} -> group ${options.groupId} (${options.members} members) -> sink ${pipeline.sinkUrl}; ` +
      `${options.ratePerSecond} events/s; control ${pipeline.controlUrl}; metrics ${pipeline.metricsUrl}; fault log ${options.faultLogPath}`,
  );
}

main().catch((error: unknown) => {
  log(`pipeline failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
