import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { createConsumerGroup } from './consumer-group';
import { createConsumerMember } from './consumer-member';
import { createControlServer, formatActiveFault } from './control-server';
import { createKafkaDlqPublisher } from './dlq';
import { createFaultController, fileLineAppender, type FaultController } from './fault-controller';
import { faultParams, type FaultTransition } from './faults';
import { createFeatureStore } from './feature-store';
import { compactLogCreator } from './kafka-logging';
import { createPipelineMetrics, initializeConsumerSeries } from './metrics';
import { createEventProducer } from './producer';
import { createRecordProcessor } from './record-processor';
import { createHttpSinkClient } from './sink-client';
import { createSinkServer } from './sink-server';
import { ensureTopics } from './topics';

export interface PipelineOptions {
  brokers: string[];
  topic: string;
  /** Defaults to `<topic>.dlq`. */
  dlqTopic?: string;
  groupId: string;
  /** Partitions of the topic when it has to be created; default 6. */
  partitions?: number;
  /** Consumer group members; default 2. */
  members?: number;
  /** Base production rate; default 50 events/s. */
  ratePerSecond?: number;
  /** 0 picks a free port; the URLs in RunningPipeline carry the real one. */
  controlPort: number;
  sinkPort: number;
  host?: '127.0.0.1';
  /** Ground-truth log: one JSON line per fault start and end. */
  faultLogPath: string;
  log?: (line: string) => void;
  /** How long every sink write must have failed before a member pauses; default 10 s. */
  outageAfterMs?: number;
}

export interface RunningPipeline {
  controlUrl: string;
  metricsUrl: string;
  sinkUrl: string;
  faults: FaultController;
  /** Ends active faults (logging the ends), drains and disconnects every client, closes both servers. */
  stop(): Promise<void>;
}

const SINK_NAME = 'feature-store';
const DLQ_PARTITIONS = 2;

export async function startPipeline(options: PipelineOptions): Promise<RunningPipeline> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((): void => {});
  const { topic, groupId } = options;
  const dlqTopic = options.dlqTopic ?? `${topic}.dlq`;
  const baseRatePerSecond = options.ratePerSecond ?? 50;
  const kafkaFor = (clientId: string, level = logLevel.WARN): Kafka =>
    new Kafka({ clientId, brokers: options.brokers, logLevel: level, logCreator: compactLogCreator(log) });

  // Silent: an unreachable broker surfaces as the error thrown below, once, instead of a dozen retry lines.
  const admin = kafkaFor(`${groupId}-admin`, logLevel.NOTHING).admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [{ topic, numPartitions: options.partitions ?? 6 }, { topic: dlqTopic, numPartitions: DLQ_PARTITIONS }], log);
  } finally {
    await admin.disconnect();
  }

  const cleanups: Array<() => Promise<void> | void> = [];
  const runCleanups = async (): Promise<void> => {
    for (const cleanup of [...cleanups].reverse()) {
      await Promise.resolve()
        .then(cleanup)
        .catch((error: unknown) => log(`while stopping: ${error instanceof Error ? error.message : String(error)}`));
    }
  };
  try {
    const metrics = createPipelineMetrics();
    const labels = { consumer_group: groupId, topic, sink: SINK_NAME };
    initializeConsumerSeries(metrics, labels, dlqTopic);
    metrics.recordsProduced.inc({ topic }, 0);

    const faults = createFaultController({ pipeline: { topic, group: groupId }, appendLine: fileLineAppender(options.faultLogPath) });
    faults.subscribe((transitions) => transitions.forEach((t) => log(describeTransition(t))));
    cleanups.push(() => faults.shutdown());

    const sink = createSinkServer({ host, port: options.sinkPort, store: createFeatureStore(), faults, log });
    await sink.start();
    cleanups.push(() => sink.stop());
    const sinkClient = createHttpSinkClient({ baseUrl: sink.url() });

    const dlqProducer = kafkaFor(`${groupId}-dlq-producer`).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await dlqProducer.connect();
    cleanups.push(() => dlqProducer.disconnect());

    const producer = kafkaFor(`${topic}-producer`).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const eventProducer = createEventProducer({ producer, topic, baseRatePerSecond, faults, metrics, log });
    eventProducer.start();
    cleanups.push(() => eventProducer.stop());

    const processRecord = createRecordProcessor({ sink: sinkClient, dlq: createKafkaDlqPublisher(dlqProducer, dlqTopic), metrics, labels });
    const group = createConsumerGroup({
      memberCount: options.members ?? 2,
      faults,
      log,
      createMember: (index) => {
        const clientId = `${groupId}-member-${index}`;
        return createConsumerMember({
          kafka: kafkaFor(clientId),
          clientId,
          groupId,
          topic,
          partitionsConsumedConcurrently: options.partitions ?? 6,
          processRecord,
          sink: sinkClient,
          metrics,
          outageAfterMs: options.outageAfterMs ?? 10_000,
          log,
        });
      },
    });
    await group.start();
    cleanups.push(() => group.stop());

    const control = createControlServer({
      host,
      port: options.controlPort,
      faults,
      faultDefaults: { baseRatePerSecond },
      registry: metrics.registry,
      status: () => ({
        topic,
        dlqTopic,
        group: groupId,
        producer: { ratePerSecond: eventProducer.currentRatePerSecond(), baseRatePerSecond, produced: eventProducer.producedCount() },
        members: group.members(),
        sink: { url: sink.url(), ...sink.stats() },
        faults: faults.active().map(formatActiveFault),
      }),
    });
    await control.start();
    cleanups.push(() => control.stop());

    let stopping: Promise<void> | null = null;
    return {
      controlUrl: control.url(),
      metricsUrl: `${control.url()}/metrics`,
      sinkUrl: sink.url(),
      faults,
      stop: () => (stopping ??= runCleanups()),
    };
  } catch (error) {
    await runCleanups();
    throw error;
  }
}

function describeTransition(transition: FaultTransition): string {
  const { spec, startedAtMs, endsAtMs } = transition.fault;
  if (transition.event === 'end') return `fault ${spec.name} ended (${transition.cause})`;
  const duration = endsAtMs === null ? 'until ended' : `for ${endsAtMs - startedAtMs} ms`;
  return `fault ${spec.name} started ${JSON.stringify(faultParams(spec))} ${duration}`;
}
