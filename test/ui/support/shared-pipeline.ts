import { expect } from '@playwright/test';
import type { PipelineSnapshotData } from '../../../lib/live/live-wire';
import { pipewatchUrl, SHARED_PIPELINE_ENV, type SharedPipeline } from './ui-lab';

export interface SharedPipelineHandle extends SharedPipeline {
  /** Starts a fault (or, with name 'healthy', ends them all) through the pipeline's control API. */
  fault(body: Record<string, unknown>): Promise<void>;
}

/** The demo pipeline the global setup started for every spec. */
export function sharedPipeline(): SharedPipelineHandle {
  const raw = process.env[SHARED_PIPELINE_ENV];
  if (!raw) throw new Error(`${SHARED_PIPELINE_ENV} is not set: run the UI tests with npx playwright test (its global setup starts the pipeline)`);
  const shared = JSON.parse(raw) as SharedPipeline;
  return {
    ...shared,
    async fault(body) {
      const response = await fetch(`${shared.controlUrl}/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 200) throw new Error(`fault ${JSON.stringify(body)} refused: ${response.status} ${await response.text()}`);
    },
  };
}

/**
 * How long Pipewatch has seen the pipeline fully measured (consume rate and sink latency) in its
 * current history. The classifier takes its baseline from the first third of the window, so a
 * fault injected before there is a healthy stretch would be compared with itself.
 */
export async function measuredHistoryMs(pipelineId: string): Promise<number> {
  const response = await fetch(`${pipewatchUrl()}/api/pipelines/${encodeURIComponent(pipelineId)}?window=5m`, { signal: AbortSignal.timeout(5_000) });
  if (response.status !== 200) return 0;
  const { points } = (await response.json()) as PipelineSnapshotData;
  const measured = points.filter((p) => p.consumeRatePerSec !== null && p.sinkLatencyP99Seconds !== null);
  if (measured.length < 2) return 0;
  return measured.at(-1)!.atMs - measured[0]!.atMs;
}

export async function waitForHealthyHistory(pipelineId: string, minimumMs = 20_000): Promise<void> {
  await expect
    .poll(() => measuredHistoryMs(pipelineId), { message: `Pipewatch has ${minimumMs / 1000} s of measured history of ${pipelineId}`, timeout: 120_000, intervals: [1_000] })
    .toBeGreaterThanOrEqual(minimumMs);
}
