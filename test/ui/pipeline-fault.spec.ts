import { expect, test } from '@playwright/test';
import { pipelinePath, pipelineRow } from './support/dashboard';
import { saveColorSchemeScreenshots, saveScreenshot } from './support/screenshots';
import { sharedPipeline, waitForHealthyHistory } from './support/shared-pipeline';

/** Detection takes a few 1 s cycles after the lag starts to grow; this is the limit, not the expectation. */
const DETECTION_LIMIT_MS = 120_000;

test('a slow sink becomes a "Slow sink" incident with a recommendation on screen', async ({ page }) => {
  const pipeline = sharedPipeline();
  await waitForHealthyHistory(pipeline.group);

  await page.goto('/');
  const row = pipelineRow(page, pipeline.group);
  await expect(row).toBeVisible();
  const slowSinkBadge = row.getByTestId('incident-badge').filter({ hasText: 'Slow sink' });
  await expect(slowSinkBadge, 'no slow sink before the fault').toHaveCount(0);

  const faultStartMs = Date.now();
  await pipeline.fault({ name: 'slow-sink', latencyMs: 1_000 });
  try {
    // Polled in the page every 100 ms, so the measured time is not rounded up to an assertion's retry interval.
    await page.waitForFunction(
      (group) => {
        const row = [...document.querySelectorAll('[data-testid="pipeline-row"]')].find((r) => r.getAttribute('data-pipeline-id') === group);
        return [...(row?.querySelectorAll('[data-testid="incident-badge"]') ?? [])].some((badge) => badge.textContent?.includes('Slow sink'));
      },
      pipeline.group,
      { polling: 100, timeout: DETECTION_LIMIT_MS },
    );
    console.log(`fault-to-screen slow-sink ${((Date.now() - faultStartMs) / 1000).toFixed(1)} s`);
    await expect(slowSinkBadge).toBeVisible();
    await saveScreenshot(page, 'overview-slow-sink');

    await page.goto(pipelinePath(pipeline.group));
    await expect(page).toHaveTitle(`Pipewatch — ${pipeline.group}`);
    await expect(page.getByTestId('diagnosis')).toBeVisible();
    const finding = page.locator('[data-testid="finding"][data-finding-type="slow-sink"]');
    await expect(finding).toContainText('Slow sink');
    await expect(finding.getByTestId('recommendation')).toHaveText(/\w{3,}/);
    await expect(page.getByTestId('chart-lag')).toBeVisible();
    // The test pipeline's topic has 6 partitions.
    await expect(page.getByTestId('partition-row')).toHaveCount(6);
    await saveColorSchemeScreenshots(page, 'pipeline');

    await page.goto('/incidents');
    await expect(page).toHaveTitle('Pipewatch — Incidents');
    const incident = page.locator('[data-testid="incident-row"][data-incident-type="slow-sink"]').filter({ hasText: pipeline.group });
    await expect(incident.first()).toBeVisible();
    await expect(incident.first()).toHaveAttribute('data-incident-status', 'open');
    await saveScreenshot(page, 'incidents');
  } finally {
    await pipeline.fault({ name: 'healthy' });
  }
});
