import type { ClusterSample } from '../../lib/cluster/cluster-sample';
import { createBenchSource, type CollectSourceKind } from './bench-collect-source';
import { processCpuMs, rssMb } from './bench-lab';
import type { CycleRecord } from './recording-admin';

/** Runs a fresh cluster source of one kind for warm-up and measured cycles, one after the other. */

export interface MeasureOptions {
  source: CollectSourceKind;
  brokers: string[];
  groupPrefix: string;
  maxConcurrentRequests: number;
  warmupCycles: number;
  cycles: number;
  pauseMs: number;
  brokerPid: number | undefined;
  log: (line: string) => void;
  /** Called with the first warm-up sample; may fix the fixture (and returns whether it did). */
  onFirstSample?: (sample: ClusterSample) => Promise<boolean>;
}

export interface CycleFigures {
  wallMs: number;
  cpuMs: number;
  brokerCpuMs: number | undefined;
  roundTrips: number;
  record: CycleRecord;
}

export interface MeasureResult {
  /** The first cycle of a new source: connections, metadata, and (kafkajs) its per-topic metadata refreshes. */
  coldCycleMs: number;
  coldRoundTrips: number;
  cycles: CycleFigures[];
  lastSample: ClusterSample;
  rssMbAfter: number;
}

export async function measureCollectCycles(options: MeasureOptions): Promise<MeasureResult> {
  const { source, takeRecord } = createBenchSource(options.source, options);
  try {
    let startMs = performance.now();
    let sample = await source.sample();
    const coldCycleMs = performance.now() - startMs;
    const coldRoundTrips = sample.roundTrips;
    if (options.onFirstSample && (await options.onFirstSample(sample))) sample = await source.sample();
    for (let i = 1; i < options.warmupCycles; i++) sample = await source.sample();

    const cycles: CycleFigures[] = [];
    for (let i = 0; i < options.cycles; i++) {
      await sleep(options.pauseMs);
      takeRecord();
      const cpuBefore = process.cpuUsage();
      const brokerBefore = processCpuMs(options.brokerPid);
      startMs = performance.now();
      sample = await source.sample();
      const wallMs = performance.now() - startMs;
      const cpu = process.cpuUsage(cpuBefore);
      const brokerAfter = processCpuMs(options.brokerPid);
      cycles.push({
        wallMs,
        cpuMs: (cpu.user + cpu.system) / 1000,
        brokerCpuMs: brokerBefore === undefined || brokerAfter === undefined ? undefined : brokerAfter - brokerBefore,
        roundTrips: sample.roundTrips,
        record: takeRecord(),
      });
      if ((i + 1) % 5 === 0 || i + 1 === options.cycles) options.log(`  cycle ${i + 1}/${options.cycles}: ${wallMs.toFixed(0)} ms`);
    }
    return { coldCycleMs, coldRoundTrips, cycles, lastSample: sample, rssMbAfter: rssMb() };
  } finally {
    await source.close().catch(() => undefined);
  }
}

/** Broker CPU while nothing is asked of it (the lab's Prometheus scrapes its JMX exporter every second). */
export async function idleBrokerCpuMsPerSecond(pid: number | undefined, windowMs = 3_000): Promise<number | undefined> {
  const before = processCpuMs(pid);
  await sleep(windowMs);
  const after = processCpuMs(pid);
  return before === undefined || after === undefined ? undefined : ((after - before) * 1000) / windowMs;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
