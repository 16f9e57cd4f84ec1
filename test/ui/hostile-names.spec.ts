import { expect, test, type Page } from '@playwright/test';
import { pipelinePath, pipelineRow } from './support/dashboard';
import { startCommittingGroups, type CommittingGroups } from './support/hostile-groups';
import { saveScreenshot } from './support/screenshots';
import { uiLab } from './support/ui-lab';

const LONG_NAME = Array.from({ length: 240 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[i % 36]).join('');

/** Group ids are any string in Kafka: each of these must reach the screen as the literal text. */
const HOSTILE_GROUPS = [
  '<img src=x onerror="window.__xss=1">',
  LONG_NAME,
  'платежи-😀-מידע',
  `odd/name?id=1&x=%41#frag "double" 'single' \\back`,
];

let groups: CommittingGroups;

test.beforeAll(async () => {
  groups = await startCommittingGroups(uiLab().brokers, HOSTILE_GROUPS);
});

test.afterAll(async () => {
  await groups?.remove();
});

async function expectNoInjection(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('img[src=x]')).toHaveCount(0);
}

test('the overview shows hostile group ids as literal text', async ({ page }) => {
  expect(LONG_NAME).toHaveLength(240);
  await page.goto('/');
  for (const name of HOSTILE_GROUPS) {
    const row = pipelineRow(page, name);
    await expect(row, `row of ${JSON.stringify(name)}`).toBeVisible({ timeout: 30_000 });
    // textContent, not innerText: the exact string, whatever CSS does to its display.
    await expect.poll(() => row.getByTestId('pipeline-name').textContent()).toBe(name);
  }
  await expectNoInjection(page);
  await saveScreenshot(page, 'overview-hostile-names');
});

test('each hostile group opens its pipeline page by the encoded id', async ({ page }) => {
  for (const [index, name] of HOSTILE_GROUPS.entries()) {
    await page.goto(pipelinePath(name));
    await expect(page).toHaveTitle(`Pipewatch — ${name}`);
    await expect.poll(() => page.getByTestId('pipeline-title').textContent()).toBe(name);
    // The title falls back to the id even for an unknown pipeline: its one partition proves the page found the group.
    await expect(page.getByTestId('partition-row')).toHaveCount(1);
    await expect(page.getByTestId('diagnosis')).toBeVisible();
    await expectNoInjection(page);
    await saveScreenshot(page, `pipeline-hostile-${index + 1}`);
  }
});
