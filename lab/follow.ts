import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { LabConfig } from './lab-config';
import { formatFlowLine, type FlowSample } from './flow-line';
import { pipelineUrl } from './stack/lab';
import { sleep } from './stack/processes';

const TOPIC = 'payments';
const GROUP = 'fraud-features';

interface PipelineStatus {
  producer: { produced: number };
  members: { paused: boolean }[];
  sink: { written: number; duplicates: number; stale: number };
  faults: FlowSample['faults'];
}

/** Prints one line every `intervalMs` until Ctrl-C: `npm run demo` shows the pipeline moving. */
export async function followPipeline(config: LabConfig, intervalMs = 5_000): Promise<void> {
  console.log('[lab] following the pipeline; Ctrl-C stops following (the lab keeps running: npm run lab:down stops it)');
  let stop = false;
  process.once('SIGINT', () => {
    stop = true;
  });
  const admin = new Kafka({ clientId: 'pipewatch-lab-follow', brokers: config.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect().catch(() => undefined);
  let previous: FlowSample | undefined;
  try {
    while (!stop) {
      const current = await sampleFlow(config, admin);
      console.log(current ? formatFlowLine(previous, current) : `${new Date().toISOString().slice(11, 19)}  demo pipeline not answering at ${pipelineUrl(config)}`);
      previous = current;
      for (let waited = 0; waited < intervalMs && !stop; waited += 250) await sleep(250);
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function sampleFlow(config: LabConfig, admin: Admin): Promise<FlowSample | undefined> {
  let status: PipelineStatus;
  try {
    const response = await fetch(`${pipelineUrl(config)}/status`, { signal: AbortSignal.timeout(2_000) });
    status = (await response.json()) as PipelineStatus;
  } catch {
    return undefined;
  }
  return {
    atMs: Date.now(),
    produced: status.producer.produced,
    sinkAnswered: status.sink.written + status.sink.duplicates + status.sink.stale,
    lagMessages: await readLag(admin),
    members: status.members.length,
    pausedMembers: status.members.filter((m) => m.paused).length,
    faults: status.faults,
  };
}

async function readLag(admin: Admin): Promise<number | undefined> {
  try {
    // Committed first, then the log end: read the other way round, a commit landing in between
    // would put committed ahead of the end it is compared with.
    const [committed] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
    const ends = await admin.fetchTopicOffsets(TOPIC);
    const committedByPartition = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
    let lag = 0n;
    for (const { partition, high, low } of ends) {
      // No commit yet: the group would start from the earliest retained record.
      const offset = committedByPartition.get(partition) ?? -1n;
      lag += BigInt(high) - (offset < 0n ? BigInt(low) : offset);
    }
    return Number(lag);
  } catch {
    return undefined;
  }
}
