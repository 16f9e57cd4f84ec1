import fs from 'node:fs';
import { labStatus, upStack } from '../../../lab/stack/lab';
import { ensureNextBuild } from '../../../server/next/ensure-next-build';
import { stopKafka } from '../../../lab/stack/kafka';
import { stopPrometheus } from '../../../lab/stack/prometheus';
import { CHROMIUM, ensureInstalled } from '../../../lab/stack/requirements';
import { startTestPipeline } from '../../../lab/pipeline/test-pipeline';
import { deleteHostileTopics } from '../support/hostile-groups';
import { pipewatchStorePath, startPipewatch, stopPipewatch, writePipewatchConfig } from '../support/pipewatch-process';
import { REPO_ROOT, SHARED_PIPELINE_ENV, uiLab, type SharedPipeline } from '../support/ui-lab';

/**
 * Before the UI specs: Debian's Chromium, the UI lab (Kafka and Prometheus on base 24000, reused
 * when already up), one demo pipeline the specs share, and Pipewatch itself as a child process.
 * The pipeline starts while the dashboard builds, so it has a healthy history by the time the fault
 * spec needs one. The returned function is the global teardown: it stops what this started.
 * PIPEWATCH_UI_KEEP_LAB=1 leaves Kafka and Prometheus running for a quicker next run.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const log = (line: string) => console.log(`[ui] ${line}`);
  const startedMs = performance.now();
  ensureInstalled([CHROMIUM], log);

  const lab = uiLab();
  const before = await labStatus(lab);
  const wasRunning = (name: string) => before.find((s) => s.name === name)?.process.kind === 'running';
  await upStack(lab, log);

  if (await stopPipewatch(lab)) log('stopped a Pipewatch left running by an earlier run');
  // Each run starts with an empty incident store: an incident from an earlier run must not pass a spec.
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${pipewatchStorePath(lab)}${suffix}`, { force: true });
  writePipewatchConfig(lab);

  // `pipewatch serve` serves the production build and never makes it: build it first when stale.
  const [pipeline, pipewatch] = await Promise.allSettled([
    startTestPipeline('ui', { ratePerSecond: 20 }),
    ensureNextBuild(REPO_ROOT, log).then(() => startPipewatch(lab, log)),
  ]);
  const teardown = async () => {
    await stopPipewatch(lab);
    if (pipeline.status === 'fulfilled') await pipeline.value.stop();
    await deleteHostileTopics(lab.brokers).catch((error: Error) => log(`could not delete the hostile-name topics: ${error.message}`));
    if (process.env.PIPEWATCH_UI_KEEP_LAB === '1') return;
    if (!lab.external.prometheus && !wasRunning('prometheus')) await stopPrometheus(lab);
    if (!lab.external.kafka && !wasRunning('kafka')) await stopKafka(lab);
  };
  if (pipeline.status === 'rejected' || pipewatch.status === 'rejected') {
    await teardown();
    throw pipeline.status === 'rejected' ? pipeline.reason : (pipewatch as PromiseRejectedResult).reason;
  }
  const shared: SharedPipeline = { group: pipeline.value.group, topic: pipeline.value.topic, controlUrl: pipeline.value.pipeline.controlUrl };
  // Workers inherit the runner's environment: this is how the specs find the shared pipeline.
  process.env[SHARED_PIPELINE_ENV] = JSON.stringify(shared);
  log(`ready in ${((performance.now() - startedMs) / 1000).toFixed(1)} s; shared pipeline ${shared.group}`);
  return teardown;
}

