import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { PipelineMetrics } from './metrics';
import { createOutageGuard, type OutageGuard } from './outage-guard';
import type { RecordProcessor } from './record-processor';
import type { SinkClient } from './sink-client';

/** One member of the consumer group: its own kafkajs client, so its own client id. */
export interface ConsumerMember {
  readonly clientId: string;
  start(): Promise<void>;
  /** Finishes the record in hand (or abandons its retries), commits what succeeded, leaves the group. */
  stop(): Promise<void>;
  isPaused(): boolean;
  assignedPartitions(): number[];
}

export interface ConsumerMemberOptions {
  kafka: Kafka;
  clientId: string;
  groupId: string;
  topic: string;
  partitionsConsumedConcurrently: number;
  processRecord: RecordProcessor;
  sink: Pick<SinkClient, 'isHealthy'>;
  metrics: PipelineMetrics;
  outageAfterMs: number;
  log: (line: string) => void;
  probeIntervalMs?: number;
  /** Within a long batch, commit progress at least this often so a crash replays little. */
  commitIntervalMs?: number;
  nowMs?: () => number;
}

export function createConsumerMember(options: ConsumerMemberOptions): ConsumerMember {
  const { clientId, groupId, topic, metrics, log } = options;
  const nowMs = options.nowMs ?? Date.now;
  const commitIntervalMs = options.commitIntervalMs ?? 1_000;
  const pausedLabels = { consumer_group: groupId, topic, client_id: clientId };
  let consumer: Consumer | null = null;
  let abort = new AbortController();
  let guard: OutageGuard | null = null;
  let assigned: number[] = [];

  async function processBatch(payload: EachBatchPayload, activeGuard: OutageGuard, signal: AbortSignal): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    const { partition } = batch;
    let uncommittedOffset: string | null = null;
    let lastCommitMs = nowMs();
    const commit = async (): Promise<void> => {
      if (uncommittedOffset === null) return;
      await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition, offset: uncommittedOffset }] }] });
      uncommittedOffset = null;
      lastCommitMs = nowMs();
    };
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale() || signal.aborted) break;
        const source = { topic: batch.topic, partition, offset: message.offset, key: message.key, value: message.value };
        const outcome = await options.processRecord(source, { heartbeat, signal, guard: activeGuard });
        if (outcome === 'abandoned') break;
        resolveOffset(message.offset);
        uncommittedOffset = (BigInt(message.offset) + 1n).toString();
        if (nowMs() - lastCommitMs >= commitIntervalMs) await commit();
        await heartbeat();
      }
    } catch (error) {
      // Usually a rebalance seen by heartbeat(): keep what succeeded if the group still lets us.
      await commit().catch(() => undefined);
      throw error;
    }
    await commit();
  }

  return {
    clientId,
    async start() {
      abort = new AbortController();
      const signal = abort.signal;
      // Frequent heartbeats make the other members notice a join or leave within a second.
      const created = options.kafka.consumer({ groupId, sessionTimeout: 15_000, heartbeatInterval: 1_000 });
      consumer = created;
      const activeGuard = createOutageGuard({
        outageAfterMs: options.outageAfterMs,
        probeIntervalMs: options.probeIntervalMs ?? 1_000,
        isSinkHealthy: options.sink.isHealthy,
        nowMs,
        onPause: () => {
          created.pause([{ topic }]);
          metrics.consumerPaused.set(pausedLabels, 1);
          log(`${clientId} paused ${topic}: sink failing for ${options.outageAfterMs} ms, probing /healthz`);
        },
        onResume: () => {
          created.resume([{ topic }]);
          metrics.consumerPaused.set(pausedLabels, 0);
          if (!signal.aborted) log(`${clientId} resumed ${topic}: sink healthy again`);
        },
      });
      guard = activeGuard;
      metrics.consumerPaused.set(pausedLabels, 0);
      metrics.consumerRebalances.inc({ consumer_group: groupId, client_id: clientId }, 0);
      created.on(created.events.GROUP_JOIN, ({ payload }) => {
        metrics.consumerRebalances.inc({ consumer_group: groupId, client_id: clientId });
        assigned = [...(payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b);
        log(`${clientId} joined ${groupId}${payload.isLeader ? ' as leader' : ''}: partitions [${assigned.join(',')}]`);
      });
      created.on(created.events.CRASH, ({ payload }) => {
        log(`${clientId} crashed: ${payload.error.message}${payload.restart ? ' (restarting)' : ''}`);
      });
      await created.connect();
      await created.subscribe({ topics: [topic], fromBeginning: true });
      await created.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
        eachBatch: (payload) => processBatch(payload, activeGuard, signal),
      });
    },
    async stop() {
      abort.abort();
      const stopping = consumer;
      consumer = null;
      guard = null;
      assigned = [];
      await stopping?.disconnect();
      metrics.consumerPaused.set(pausedLabels, 0);
    },
    isPaused: () => guard?.isPaused() ?? false,
    assignedPartitions: () => assigned,
  };
}
