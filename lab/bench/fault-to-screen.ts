import { parseArgs } from 'node:util';
import { chromium, type Locator } from '@playwright/test';
import { failureEntry, type FailureType } from '../../lib/diagnosis/failure-table';
import { startDemoDashboard } from '../demo';
import { pipelineUrl, upPipeline, upStack } from '../stack/lab';
import { CHROMIUM, CHROMIUM_EXECUTABLE, ensureInstalled } from '../stack/requirements';
import { parseWholeNumber } from './bench-args';
import { loadAverageText, readBenchLabConfig, stopCommand } from './bench-lab';
import { median, percentile } from './bench-stats';
import { formatTable } from './format-table';
import { createLineLogger } from '../../lib/log/line-logger';

const HELP = `End-to-end benchmark: fault injected → incident visible in the browser.

Usage: npm run bench:e2e [-- options]      (or: npx tsx lab/bench/fault-to-screen.ts [options])

Starts its own lab (.lab/bench, port base 25000: Kafka, Prometheus, the demo pipeline), Pipewatch
on it as npm run demo does (2 s cycles), and Debian's Chromium on the overview. For each trial it
injects a fault through the lab's control API and times until the pipeline's row shows an
incident badge naming the expected failure type; then it ends the fault and waits for the
incident to resolve before the next. Prints median and p95 seconds per fault and overall.

Options:
  --rounds 3        trials per fault
  --faults slow-sink,sink-down,poison,transient-errors,consumer-stop
  --help
`;

/** What each lab fault should be classified as. */
const EXPECTED: Record<string, { type: FailureType; body: Record<string, unknown> }> = {
  'slow-sink': { type: 'slow-sink', body: { name: 'slow-sink', latencyMs: 1_000 } },
  'sink-down': { type: 'sink-unavailable', body: { name: 'sink-down' } },
  poison: { type: 'permanent-data-error', body: { name: 'poison', rate: 0.05 } },
  'transient-errors': { type: 'transient-sink-error', body: { name: 'transient-errors', rate: 0.3 } },
  'consumer-stop': { type: 'consumer-stopped', body: { name: 'consumer-stop' } },
};

const GROUP = 'fraud-features';
const DETECT_TIMEOUT_MS = 180_000;
const RESOLVE_TIMEOUT_MS = 300_000;
const log = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { help: { type: 'boolean' }, rounds: { type: 'string', default: '3' }, faults: { type: 'string', default: Object.keys(EXPECTED).join(',') } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const rounds = parseWholeNumber(values.rounds, 'rounds');
  const faults = values.faults.split(',').map((f) => f.trim());
  for (const fault of faults) if (!EXPECTED[fault]) throw new Error(`--faults: unknown fault ${fault}; known: ${Object.keys(EXPECTED).join(', ')}`);

  const lab = readBenchLabConfig();
  ensureInstalled([CHROMIUM], log);
  await upStack(lab, (line) => log(`lab: ${line}`));
  await upPipeline(lab, (line) => log(`lab: ${line}`));
  const dashboard = await startDemoDashboard(lab, createLineLogger((line) => log(`pipewatch: ${line}`)));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results: { fault: string; seconds: number | null }[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(dashboard.url);
    const row = page.locator(`[data-testid=pipeline-row][data-pipeline-id="${GROUP}"]`);
    await row.waitFor({ timeout: 120_000 });
    log(`dashboard at ${dashboard.url}; load ${loadAverageText()}`);
    for (let round = 1; round <= rounds; round++) {
      for (const fault of faults) {
        const expected = EXPECTED[fault]!;
        const title = failureEntry(expected.type).title;
        await waitForNoIncident(row, `before ${fault}`);
        await control(lab, { ...expected.body, forMs: DETECT_TIMEOUT_MS });
        const startedMs = performance.now();
        let seconds: number | null = null;
        try {
          await row.locator('[data-testid=incident-badge]', { hasText: title }).waitFor({ timeout: DETECT_TIMEOUT_MS });
          seconds = (performance.now() - startedMs) / 1000;
        } catch {
          seconds = null;
        }
        log(`round ${round} ${fault}: ${seconds === null ? `no "${title}" incident within ${DETECT_TIMEOUT_MS / 1000} s` : `"${title}" on screen after ${seconds.toFixed(1)} s`}`);
        results.push({ fault, seconds });
        await control(lab, { name: 'healthy' });
      }
    }
  } finally {
    await control(lab, { name: 'healthy' }).catch(() => undefined);
    await browser.close();
    await dashboard.close();
  }

  const rows = [...faults, 'all'].map((fault) => {
    const mine = results.filter((r) => fault === 'all' || r.fault === fault);
    const seen = mine.flatMap((r) => (r.seconds === null ? [] : [r.seconds]));
    return [fault, `${seen.length}/${mine.length}`, median(seen), percentile(seen, 95), Math.max(...seen)];
  });
  console.log('\nFault injected → incident badge on the overview, seconds (2 s cycles)');
  console.log(formatTable(['fault', 'seen', 'median s', 'p95 s', 'max s'], rows));
  console.log(`\nThe lab is left running. Stop it with:\n  ${stopCommand(lab)}`);
  return results.every((r) => r.seconds !== null) ? 0 : 1;
}

/** The previous fault's incident must resolve first, or the next trial would read its badge. */
async function waitForNoIncident(row: Locator, when: string): Promise<void> {
  const deadline = Date.now() + RESOLVE_TIMEOUT_MS;
  while ((await row.locator('[data-testid=incident-badge]').count()) > 0) {
    if (Date.now() > deadline) throw new Error(`an incident is still open ${when} after ${RESOLVE_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function control(lab: ReturnType<typeof readBenchLabConfig>, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${pipelineUrl(lab)}/faults`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  if (!response.ok) throw new Error(`fault ${JSON.stringify(body)} refused: ${await response.text()}`);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[bench] ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
