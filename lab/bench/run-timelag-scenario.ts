import type { Admin, Kafka } from 'kafkajs';
import { KafkajsClusterSource } from '../../collectors/kafka/kafkajs-cluster-source';
import { appendObservation, EMPTY_OFFSET_TIME_TABLE, type OffsetTimeTable } from '../../lib/time-lag/offset-time-table';
import { DEFAULT_EXTRAPOLATION_BOUND, estimateLagSeconds, type TimeLagEstimate } from '../../lib/time-lag/estimate-lag-seconds';
import { evaluateRecordTimestampLag, type RecordTimestampLag } from '../../lib/time-lag/evaluate-record-timestamp-lag';
import { GroundTruthProducer } from './ground-truth-producer';
import { OffsetCommitter } from './offset-committer';
import { RecordTimestampReader, type ReaderCost } from './record-timestamp-reader';
import type { Scenario, TimelagOptions } from './timelag-scenarios';

/**
 * Runs one scenario against the real broker: the collector's own KafkajsClusterSource samples
 * every interval, each sample goes through the offset/time table exactly as evaluate-cycle does
 * (observation and estimate both at the sample's takenAtMs), and the estimate is set beside the
 * truth from the producer's timestamps and beside the record-timestamp method's reading.
 */

export interface SampleRecord {
  /** ms since the sampler's first cycle. */
  atMs: number;
  cycleMs: number;
  logEndOffset: bigint;
  committedOffset: bigint | null;
  truthSeconds: number | null;
  estimate: TimeLagEstimate;
  tableSpanMs: number;
  tablePoints: number;
  recordTimestamp: { lag: RecordTimestampLag; truthSeconds: number; readMs: number } | { failed: string } | null;
}

export interface ScenarioRun {
  scenario: Scenario;
  topic: string;
  samples: SampleRecord[];
  readerCost: ReaderCost;
}

export interface RunOptions {
  kafka: Kafka;
  admin: Admin;
  brokers: string[];
  runId: string;
  intervalMs: number;
  options: TimelagOptions;
  log: (line: string) => void;
  /** Groups the collector samples besides the scenario's, to make its cycle as long as at scale. */
  loadGroupPrefix?: string;
}

export async function runTimelagScenario(scenario: Scenario, run: RunOptions): Promise<ScenarioRun> {
  const topic = `bench-timelag-${scenario.id}-${run.runId}`;
  const groupId = `bench-timelag-${scenario.id}-${run.runId}`;
  const readerGroupId = `bench-timelag-reader-${scenario.id}-${run.runId}`;
  await run.admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  const kafkaProducer = run.kafka.producer({ allowAutoTopicCreation: false });
  await kafkaProducer.connect();
  const producer = new GroundTruthProducer(kafkaProducer, topic);
  const [committer, reader] = await Promise.all([
    OffsetCommitter.start(run.kafka, groupId, topic),
    RecordTimestampReader.start(run.kafka, readerGroupId, topic),
  ]);
  const source = new KafkajsClusterSource({
    kafka: { brokers: run.brokers, clientId: 'pipewatch-bench-timelag' },
    includeGroup: (id) => id === groupId || (run.loadGroupPrefix !== undefined && id.startsWith(run.loadGroupPrefix)),
    extraTopics: () => [],
    maxConcurrentRequests: 8,
  });
  const abort = new AbortController();
  try {
    const ctx = { producer, committer, options: run.options, signal: abort.signal };
    await scenario.prepare(ctx);
    let table: OffsetTimeTable = EMPTY_OFFSET_TIME_TABLE;
    const samples: SampleRecord[] = [];
    const firstMs = Date.now();
    let drive: Promise<void> | undefined;
    let lastLogMs = firstMs;
    for (let n = 0; ; n++) {
      const dueMs = firstMs + n * run.intervalMs;
      if (dueMs > firstMs + run.options.durationMs) break;
      await delay(Math.max(0, dueMs - Date.now()));
      const startMs = performance.now();
      const sample = await source.sample();
      const cycleMs = performance.now() - startMs;
      const offsets = sample.topics.get(topic)?.find((p) => p.partition === 0);
      const committed = sample.groups.find((g) => g.groupId === groupId)?.committed.find((c) => c.topic === topic && c.partition === 0)?.offset ?? null;
      if (offsets === undefined) throw new Error(`${topic} was not sampled: is group ${groupId} committed on it?`);
      table = appendObservation(table, { logEndOffset: offsets.logEndOffset, observedAtMs: sample.takenAtMs }).table;
      const estimate = estimateLagSeconds(table, committed, sample.takenAtMs, DEFAULT_EXTRAPOLATION_BOUND);
      samples.push({
        atMs: sample.takenAtMs - firstMs,
        cycleMs,
        logEndOffset: offsets.logEndOffset,
        committedOffset: committed,
        truthSeconds: truthAt(producer, committed, offsets.logEndOffset, sample.takenAtMs),
        estimate,
        tableSpanMs: (table.at(-1)?.observedAtMs ?? 0) - (table[0]?.observedAtMs ?? 0),
        tablePoints: table.length,
        recordTimestamp: await readRecordTimestamp(reader, producer, committed, offsets.logEndOffset),
      });
      // The flow starts after the first sample, so the table has a point from before it.
      drive ??= scenario.drive(ctx);
      if (Date.now() - lastLogMs >= 10_000) {
        lastLogMs = Date.now();
        run.log(`  (${scenario.id}) ${Math.round((Date.now() - firstMs) / 1000)} s: ${samples.length} samples, log end ${offsets.logEndOffset}, committed ${committed}`);
      }
    }
    abort.abort();
    await drive;
    return { scenario, topic, samples, readerCost: reader.costSoFar };
  } finally {
    abort.abort();
    await Promise.allSettled([source.close(), committer.stop(), reader.stop(), kafkaProducer.disconnect()]);
    await run.admin.deleteGroups([groupId, readerGroupId]).catch(() => undefined);
    await run.admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  }
}

/**
 * Age of the oldest unconsumed record at `atMs`: the record at the committed offset, if it had
 * been written when the log end was read; a consumer at the log end has no lag.
 */
function truthAt(producer: GroundTruthProducer, committed: bigint | null, logEndOffset: bigint, atMs: number): number | null {
  if (committed === null) return null;
  if (committed >= logEndOffset) return 0;
  const timestampMs = producer.timestampAtMs(Number(committed));
  return timestampMs === undefined ? null : Math.max(0, atMs - timestampMs) / 1000;
}

async function readRecordTimestamp(
  reader: RecordTimestampReader,
  producer: GroundTruthProducer,
  committed: bigint | null,
  logEndOffset: bigint,
): Promise<SampleRecord['recordTimestamp']> {
  // Only a lagging group has a record at its committed offset to read.
  if (committed === null || committed >= logEndOffset) return null;
  try {
    const { timestampMs, readMs } = await reader.read(committed);
    const nowMs = Date.now();
    const truthMs = producer.timestampAtMs(Number(committed));
    return { lag: evaluateRecordTimestampLag(timestampMs, nowMs), truthSeconds: truthMs === undefined ? NaN : Math.max(0, nowMs - truthMs) / 1000, readMs };
  } catch (error) {
    return { failed: (error as Error).message };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
