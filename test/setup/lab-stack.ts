import { readLabConfig } from '../../lab/lab-config';
import { labStatus, upStack } from '../../lab/stack/lab';
import { stopKafka } from '../../lab/stack/kafka';
import { stopPrometheus } from '../../lab/stack/prometheus';

/**
 * Integration tests run against the real lab: a Kafka broker and a Prometheus. What is already
 * running (a developer's `npm run demo`) is reused and left alone; what this setup starts, it stops.
 * A service that cannot start fails the run: integration tests never skip for lack of a component.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const config = readLabConfig();
  const log = (line: string) => console.log(`[lab] ${line}`);
  const before = await labStatus(config);
  const wasRunning = (name: string) => before.find((s) => s.name === name)?.process.kind === 'running';
  const startedAt = performance.now();
  await upStack(config, log);
  log(`stack ready for integration tests in ${((performance.now() - startedAt) / 1000).toFixed(1)} s (Kafka ${config.kafkaVersion})`);
  return async () => {
    if (!config.external.prometheus && !wasRunning('prometheus')) await stopPrometheus(config);
    if (!config.external.kafka && !wasRunning('kafka')) await stopKafka(config);
  };
}
