import { expect, test } from '@playwright/test';
import { expectSameDocument, markDocument, pipelineRow, updatedAtMs } from './support/dashboard';
import { saveColorSchemeScreenshots } from './support/screenshots';
import { sharedPipeline } from './support/shared-pipeline';

test('the overview lists the running pipeline and updates it live, without a reload', async ({ page }) => {
  const { group } = sharedPipeline();
  await page.goto('/');
  await expect(page).toHaveTitle('Pipewatch — Overview');
  const marker = await markDocument(page);

  const row = pipelineRow(page, group);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.getByTestId('pipeline-name')).toHaveText(group);
  await expect(row.getByTestId('status')).not.toBeEmpty();
  await expect(row.getByTestId('lag-messages')).toHaveText(/\d/);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');

  // Two updates in a row: one could be the initial snapshot arriving late.
  await expect.poll(() => updatedAtMs(page), { message: 'updated-at carries a time' }).toBeGreaterThan(0);
  const first = await updatedAtMs(page);
  await expect.poll(() => updatedAtMs(page), { message: 'updated-at moves on' }).toBeGreaterThan(first);
  const second = await updatedAtMs(page);
  await expect.poll(() => updatedAtMs(page), { message: 'updated-at keeps moving' }).toBeGreaterThan(second);

  await expectSameDocument(page, marker);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  await saveColorSchemeScreenshots(page, 'overview');
});
