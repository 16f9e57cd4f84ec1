import { expect, test } from '@playwright/test';
import { expectSameDocument, markDocument, pipelinePath } from './support/dashboard';
import { isPipewatchReady, killPipewatch, startPipewatch } from './support/pipewatch-process';
import { saveScreenshot } from './support/screenshots';
import { sharedPipeline } from './support/shared-pipeline';
import { uiLab } from './support/ui-lab';

/** How long the server stays dead: five 1 s collection cycles. */
const OUTAGE_MS = 5_000;

test('after the server dies the page reconnects in place, marks the gap and keeps updating', async ({ page }) => {
  const lab = uiLab();
  const { group } = sharedPipeline();
  await page.goto(pipelinePath(group));
  const status = page.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect(page.getByTestId('chart-lag')).toBeVisible();
  const marker = await markDocument(page);
  const gaps = page.getByTestId('gap-marker');
  const gapsBefore = await gaps.count();

  try {
    await killPipewatch(lab);
    const killedAtMs = Date.now();
    await expect(status).toHaveAttribute('data-state', 'reconnecting');
    await saveScreenshot(page, 'pipeline-reconnecting');
    // The scenario is an outage of several cycles: a hole of up to two cycles is jitter, not a gap.
    await page.waitForTimeout(Math.max(0, killedAtMs + OUTAGE_MS - Date.now()));
  } finally {
    // Whatever failed above, the specs after this one need a server.
    if (!(await isPipewatchReady(lab))) await startPipewatch(lab);
  }

  await expect(status).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  await expectSameDocument(page, marker);
  // Any cause: should the page resubscribe before the restarted server's first cycle, that
  // snapshot has no points, and the gap can only show as "not collected", not "Pipewatch restarted".
  await expect.poll(() => gaps.count(), { message: 'a gap marker for the time the server was down' }).toBeGreaterThan(gapsBefore);
  await saveScreenshot(page, 'pipeline-after-reconnect');

  // The pipeline page has no updated-at; its partition rows carry offsets that move every cycle.
  const partitions = () => page.getByTestId('partition-row').allTextContents().then((rows) => rows.join('\n'));
  await expect(page.getByTestId('partition-row')).toHaveCount(6);
  for (const round of ['after the restart', 'and keeps updating']) {
    const before = await partitions();
    await expect.poll(partitions, { message: `partition offsets move ${round}` }).not.toBe(before);
  }
  await expectSameDocument(page, marker);
});
