import fs from 'node:fs';
import os from 'node:os';
import { readLabConfig, type LabConfig } from '../lab-config';
import { kafkaFiles } from '../stack/kafka';
import { upStack } from '../stack/lab';
import { runningPid } from '../stack/processes';

/**
 * The benchmarks' own lab: by default `.lab/bench` on port base 25000, so a benchmark neither
 * disturbs nor is disturbed by the development lab (19000) or the Kafka 4 test lab (29000).
 * LAB_DIR, LAB_PORT_BASE, KAFKA_VERSION and KAFKA_BROKERS still override, as for the lab CLI.
 */
export function readBenchLabConfig(env: Record<string, string | undefined> = process.env): LabConfig {
  return readLabConfig({ LAB_DIR: '.lab/bench', LAB_PORT_BASE: '25000', ...env });
}

export async function ensureBenchLab(config: LabConfig, log: (line: string) => void): Promise<void> {
  await upStack(config, (line) => log(`lab: ${line}`));
}

/** The command that stops the lab the benchmark left running. */
export function stopCommand(config: LabConfig): string {
  if (config.external.kafka) return '(Kafka is external: KAFKA_BROKERS; nothing to stop for it)';
  return `LAB_DIR=${config.dir} LAB_PORT_BASE=${config.portBase} npx tsx lab/cli.ts down`;
}

export function loadAverageText(): string {
  return os.loadavg().map((v) => v.toFixed(2)).join(' ');
}

export function machineText(config: LabConfig): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const kafka = config.external.kafka ? `external Kafka ${config.brokers.join(',')}` : `Kafka ${config.kafkaVersion} (KRaft, 1 node, 1 GB heap)`;
  return `${new Date().toISOString()} · ${os.cpus().length} cores (${cpu}) · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.versions.node} · ${kafka} · load ${loadAverageText()}`;
}

/** The broker's process when the lab started it; undefined for an external Kafka. */
export function brokerPid(config: LabConfig): number | undefined {
  return config.external.kafka ? undefined : runningPid(kafkaFiles(config));
}

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time a process has used, from /proc; undefined when it cannot be read. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** The broker's used heap in MB, from the lab's JMX exporter; undefined when it does not answer. */
export async function brokerHeapMb(config: LabConfig): Promise<number | undefined> {
  if (config.external.kafka) return undefined;
  try {
    const response = await fetch(`http://127.0.0.1:${config.ports.kafkaJmx}/metrics`, { signal: AbortSignal.timeout(3_000) });
    const match = /^jvm_memory_used_bytes\{area="heap",?\} (\S+)$/m.exec(await response.text());
    return match ? Number(match[1]) / 2 ** 20 : undefined;
  } catch {
    return undefined;
  }
}

export function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}
