import { expect, test } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './support/ui-lab';

test('Pipewatch serves the dashboard to Debian\'s Chromium', async ({ page, request, browser }) => {
  expect((await request.get('/readyz')).status()).toBe(200);
  expect(browser.version()).toMatch(/^\d+\./);
  await page.goto('/');
  await expect(page).toHaveTitle(/^Pipewatch/);
  console.log(`chromium ${browser.version()} from ${CHROMIUM_LAUNCH_OPTIONS.executablePath}`);
});
