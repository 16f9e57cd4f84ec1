import { parseArgs } from 'node:util';
import { startTestPipeline } from '../pipeline/test-pipeline';

/**
 * The scored pipeline, in a process of its own so that the benchmark's CPU and RSS are
 * Pipewatch's alone. Started by score.ts: prints one JSON line (see ScorePipelineInfo) once up,
 * and stops, deleting its topics and group, on SIGTERM, SIGINT or when its stdin closes (the
 * benchmark died).
 */
export interface ScorePipelineInfo {
  pid: number;
  topic: string;
  group: string;
  controlUrl: string;
  faultLogPath: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rate: { type: 'string', default: '50' }, members: { type: 'string', default: '2' }, 'outage-after-ms': { type: 'string' } },
  });
  const outage = values['outage-after-ms'];
  const test = await startTestPipeline('score', {
    ratePerSecond: Number(values.rate),
    members: Number(values.members),
    outageAfterMs: outage === undefined ? undefined : Number(outage),
  });
  const info: ScorePipelineInfo = { pid: process.pid, topic: test.topic, group: test.group, controlUrl: test.pipeline.controlUrl, faultLogPath: test.faultLogPath };
  process.stdout.write(`${JSON.stringify(info)}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void test.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop).on('close', stop).resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`score pipeline failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
