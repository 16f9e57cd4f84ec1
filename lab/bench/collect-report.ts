import { maximum, median, percentile } from './bench-stats';
import type { CollectSourceKind } from './bench-collect-source';
import type { BenchSize } from './bench-args';
import type { FixtureLayout, SetupReport } from './collect-fixture';
import { estimateKafkajsRoundTrips, estimatePlatformaticRoundTrips, formatRange } from './estimate-round-trips';
import { formatNumber, formatTable } from './format-table';
import type { MeasureResult } from './measure-collect-cycles';
import { PHASES } from './recording-admin';
import { isComplete, type SampleCheck } from './verify-sample';

/** The tables and JSON lines bench:collect prints once every size has run. */

export interface SizeRun {
  size: BenchSize;
  layout: FixtureLayout;
  setup: SetupReport;
  idleBrokerCpuMsPerSec: number | undefined;
  brokerHeapMb: number | undefined;
  loadAverage: string;
  byConcurrency: { source: CollectSourceKind; concurrency: number; result: MeasureResult; check: SampleCheck }[];
}

const TARGET = { partitions: 10_000, groups: 500, p50Ms: 2_000 };
/** PlatformaticClusterSource's default. */
const GROUPS_PER_REQUEST = 250;

export function printReport(runs: SizeRun[]): void {
  console.log('\nCycle time, CPU and memory (per cycle: p50 unless said)');
  console.log(
    formatTable(
      ['size', 'source', 'conc', 'cycles', 'p50 ms', 'p95 ms', 'max ms', 'cold ms', 'CPU ms', 'broker CPU ms', 'round trips', 'Metadata n / MiB', 'RSS MB', 'groups seen', 'partitions seen', 'check'],
      runs.flatMap((run) =>
        run.byConcurrency.map(({ source, concurrency, result, check }) => {
          const wall = result.cycles.map((c) => c.wallMs);
          const broker = result.cycles.flatMap((c) => (c.brokerCpuMs === undefined ? [] : [c.brokerCpuMs]));
          return [
            run.size.label,
            source,
            concurrency,
            result.cycles.length,
            median(wall),
            percentile(wall, 95),
            maximum(wall),
            result.coldCycleMs,
            median(result.cycles.map((c) => c.cpuMs)),
            broker.length ? median(broker) : NaN,
            median(result.cycles.map((c) => c.roundTrips)),
            `${median(result.cycles.map((c) => c.record.byApi.get('Metadata')?.requests ?? 0))} / ${formatNumber(
              median(result.cycles.map((c) => (c.record.byApi.get('Metadata')?.bytes ?? 0) / 2 ** 20)),
              1,
            )}`,
            result.rssMbAfter,
            `${check.groupsSeen}/${check.groupsExpected}`,
            `${check.partitionsSeen}/${check.partitionsExpected}`,
            isComplete(check) ? 'ok' : `MISMATCH (${check.mismatchedGroups.length} groups)`,
          ];
        }),
      ),
    ),
  );

  console.log(
    '\nRound trips per cycle by API: measured (p50 and max over the measured cycles; kafkajs REQUEST events, the\n' +
      '@platformatic/kafka diagnostics channel) vs model (lab/bench/estimate-round-trips.ts). Timings and bytes: kafkajs only.',
  );
  const apiRows: (string | number)[][] = [];
  for (const run of runs) {
    for (const first of firstPerSource(run)) {
      const { source, result, check } = first;
      const sampledTopics = result.lastSample.topics.size;
      const brokers = result.lastSample.brokerCount;
      // Exact on one broker; with more it assumes every broker coordinates a group and leads a partition of every topic.
      const shape = {
        brokers,
        groups: check.groupsSeen,
        topics: sampledTopics,
        coordinators: Math.min(brokers, check.groupsSeen),
        topicLeaders: sampledTopics * brokers,
        readsTopicConfigs: sampledTopics > 0,
      };
      const model = source === 'kafkajs' ? estimateKafkajsRoundTrips(shape) : estimatePlatformaticRoundTrips({ ...shape, groupsPerRequest: GROUPS_PER_REQUEST });
      const apis = new Set([...model.keys(), ...result.cycles.flatMap((c) => [...c.record.byApi.keys()])]);
      for (const api of apis) {
        const counts = result.cycles.map((c) => c.record.byApi.get(api)?.requests ?? 0);
        const tallies = result.cycles.flatMap((c) => (c.record.byApi.has(api) ? [c.record.byApi.get(api)!] : []));
        const range = model.get(api) ?? { min: 0, max: 0 };
        if (maximum(counts) === 0 && range.max === 0) continue;
        const perRequest = (pick: (t: (typeof tallies)[number]) => number) => median(tallies.map((t) => pick(t) / t.requests));
        apiRows.push([
          run.size.label,
          source,
          api,
          median(counts),
          maximum(counts),
          formatRange(range),
          tallies.length ? perRequest((t) => t.durationMs) : NaN,
          tallies.length ? perRequest((t) => t.pendingMs) : NaN,
          tallies.length ? median(tallies.map((t) => t.bytes / 1024)) : NaN,
          growsWith(source, api),
        ]);
      }
      const total = [...model.values()].reduce((t, r) => ({ min: t.min + r.min, max: t.max + r.max }), { min: 0, max: 0 });
      const totals = result.cycles.map((c) => c.roundTrips);
      apiRows.push([run.size.label, source, 'total', median(totals), maximum(totals), formatRange(total), '', '', '', `cold cycle: ${result.coldRoundTrips}`]);
    }
  }
  console.log(formatTable(['size', 'source', 'API', 'p50', 'max', 'model', 'mean ms', 'queued ms', 'KiB', 'grows with'], apiRows));

  console.log(
    '\nWhere a kafkajs cycle goes: wall ms of each admin call phase, p50. listGroups, listTopics and describeCluster run together, then\n' +
      'describeGroups, then fetchOffsets, then fetchTopicOffsets (alongside describeConfigs where the source reads retention).\n' +
      '"end offsets read at": ms after the cycle took its timestamp (takenAtMs), when the first and last topic end offsets were asked for.',
  );
  console.log(
    formatTable(
      ['size', 'conc', ...PHASES, 'cycle p50', 'end offsets read at'],
      runs.flatMap((run) =>
        run.byConcurrency.filter((c) => c.source === 'kafkajs').map(({ concurrency, result }) => {
          const offsetsFromMs = median(result.cycles.map((c) => c.record.phaseStartMs.get('fetchTopicOffsets') ?? NaN));
          const offsetsToMs = offsetsFromMs + median(result.cycles.map((c) => c.record.phaseMs.get('fetchTopicOffsets') ?? NaN));
          return [
            run.size.label,
            concurrency,
            ...PHASES.map((phase) => median(result.cycles.map((c) => c.record.phaseMs.get(phase) ?? 0))),
            median(result.cycles.map((c) => c.wallMs)),
            `${formatNumber(offsetsFromMs)}-${formatNumber(offsetsToMs)} ms`,
          ];
        }),
      ),
    ),
  );

  console.log('\nBroker and machine');
  console.log(
    formatTable(
      ['size', 'topics', 'idle broker CPU ms/s', 'broker heap MB after', 'load after (1/5/15 min)'],
      runs.map((run) => [run.size.label, run.layout.topics.size, run.idleBrokerCpuMsPerSec ?? NaN, run.brokerHeapMb ?? NaN, run.loadAverage]),
    ),
  );

  const target = runs.find((r) => r.size.partitions === TARGET.partitions && r.size.groups === TARGET.groups);
  if (target) {
    for (const { source, concurrency, result } of target.byConcurrency) {
      const p50 = median(result.cycles.map((c) => c.wallMs));
      console.log(
        `\nTarget ${TARGET.partitions.toLocaleString('en-US')} x ${TARGET.groups} under ${TARGET.p50Ms} ms per cycle, ${source}, concurrency ${concurrency}: ` +
          `${p50 <= TARGET.p50Ms ? 'MET' : 'NOT MET'} (p50 ${formatNumber(p50)} ms, p95 ${formatNumber(percentile(result.cycles.map((c) => c.wallMs), 95))} ms)`,
      );
    }
  }
}

function growsWith(source: CollectSourceKind, api: string): string {
  if (source === 'platformatic') {
    switch (api) {
      case 'ListGroups':
        return 'brokers';
      case 'Metadata':
        return 'cached; read again every 5 min or when stale';
      case 'FindCoordinator':
        return 'cached; only groups new or moved';
      case 'DescribeGroups':
      case 'OffsetFetch':
        return `coordinators x ceil(groups / ${GROUPS_PER_REQUEST})`;
      case 'ListOffsets':
        return 'leaders (x2 every 12th cycle: log starts)';
      case 'DescribeConfigs':
        return 'cached 10 min; new topics';
      default:
        return '';
    }
  }
  switch (api) {
    case 'ListGroups':
      return 'brokers';
    case 'Metadata':
      return '6 + 1..topics (metadataMaxAge 0); bytes grow with partitions';
    case 'DescribeConfigs':
      return 'constant; bytes grow with topics';
    case 'DescribeGroups':
      return 'coordinators';
    case 'GroupCoordinator':
      return 'groups (x2)';
    case 'OffsetFetch':
      return 'groups';
    case 'ListOffsets':
      return 'topics x leaders (x2)';
    default:
      return '';
  }
}

function firstPerSource(run: SizeRun): SizeRun['byConcurrency'] {
  const seen = new Set<CollectSourceKind>();
  return run.byConcurrency.filter((c) => !seen.has(c.source) && (seen.add(c.source), true));
}

/** One JSON object per line per (source, size, concurrency), for scripts. */
export function printJsonLines(runs: SizeRun[]): void {
  console.log('');
  for (const run of runs) {
    for (const { source, concurrency, result, check } of run.byConcurrency) {
      const wall = result.cycles.map((c) => c.wallMs);
      const broker = result.cycles.flatMap((c) => (c.brokerCpuMs === undefined ? [] : [c.brokerCpuMs]));
      const apis = new Set(result.cycles.flatMap((c) => [...c.record.byApi.keys()]));
      const byApi = Object.fromEntries([...apis].sort().map((api) => [api, median(result.cycles.map((c) => c.record.byApi.get(api)?.requests ?? 0))]));
      console.log(
        JSON.stringify({
          source,
          partitions: run.size.partitions,
          groups: run.size.groups,
          concurrency,
          p50Ms: round(median(wall)),
          p95Ms: round(percentile(wall, 95)),
          cpuMs: round(median(result.cycles.map((c) => c.cpuMs))),
          brokerCpuMs: broker.length ? round(median(broker)) : null,
          rssMb: round(result.rssMbAfter),
          groupsSeen: check.groupsSeen,
          partitionsSeen: check.partitionsSeen,
          roundTrips: { total: median(result.cycles.map((c) => c.roundTrips)), byApi },
        }),
      );
    }
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
