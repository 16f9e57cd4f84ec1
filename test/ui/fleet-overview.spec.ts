import { expect, test, type Page } from '@playwright/test';
import { expectSameDocument, markDocument, pipelineRow } from './support/dashboard';
import { FLEET_PARTITIONS, fleetGroupId, fleetRows, startFleet, type Fleet } from './support/fleet';
import { uiLab } from './support/ui-lab';

/**
 * The overview at fleet size: 2,000 pipelines, of which the DOM holds only the window on screen.
 * Scrolling, search, the status filter and the worst-first order must all still be right, and a
 * row updated while off screen must show its new values when it scrolls in.
 */

const SIZE = 2_000;
/** Rows the DOM may hold: the screen (900 px of 56 px rows) plus the virtualizer's margin. */
const MAX_ROWS_IN_DOM = 60;
/** A few groups in trouble from the start, so the worst-first order has something to put on top. */
const BEHIND = [7, 11, 13].map(fleetGroupId);

let fleet: Fleet;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fleet = await startFleet(uiLab(), SIZE, (line) => console.log(`[ui] ${line}`));
  for (const groupId of BEHIND) await fleet.setLag(groupId, 5);
  // Wait for the fleet's Pipewatch to list every pipeline.
  await expect.poll(async () => (await fleetRows(fleet.url)).total, { timeout: 120_000 }).toBe(SIZE);
});

test.afterAll(async () => {
  await fleet?.stop();
});

async function rowIdsInDom(page: Page): Promise<string[]> {
  return page.locator('[data-testid="pipeline-row"]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.pipelineId ?? ''));
}

/** Scrolls the window so the pipeline's row (at its current place in the server's order, for the same search) is on screen. */
async function scrollTo(page: Page, pipelineId: string, query = ''): Promise<void> {
  await expect(async () => {
    const { rows } = await fleetRows(fleet.url, query);
    const index = rows.findIndex((r) => r.pipelineId === pipelineId);
    expect(index).toBeGreaterThanOrEqual(0);
    await page.evaluate((i) => {
      const top = document.querySelector('[data-testid="overview-table"] tbody')!.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, top + i * 56 - 300);
    }, index);
    await expect(pipelineRow(page, pipelineId)).toBeInViewport({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

test('holds only the window of rows in the DOM, worst first, with exact counts in the header', async ({ page }) => {
  await page.goto(`${fleet.url}/`);
  await expect(page.locator('[data-testid="pipeline-row"]').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('filter-all')).toHaveText(`All (${SIZE})`);
  expect((await rowIdsInDom(page)).length).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
  // The groups behind turn bad within a few cycles and are put on top, in the server's order.
  await expect(async () => {
    const { rows } = await fleetRows(fleet.url);
    const top = rows.slice(0, BEHIND.length).map((r) => r.pipelineId);
    expect([...top].sort()).toEqual([...BEHIND].sort());
    expect((await rowIdsInDom(page)).slice(0, BEHIND.length)).toEqual(top);
  }).toPass({ timeout: 90_000 });
  await expect(async () => {
    const { needingAttention } = await fleetRows(fleet.url);
    await expect(page.getByTestId('filter-attention')).toHaveText(`Needs attention (${needingAttention})`, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});

test('scrolls to a row far down, which shows its live values, and follows it to the top when it turns bad', async ({ page }) => {
  const target = fleetGroupId(SIZE - 2);
  await page.goto(`${fleet.url}/`);
  await expect(page.locator('[data-testid="pipeline-row"]').first()).toBeVisible({ timeout: 60_000 });
  await expect(pipelineRow(page, target)).toHaveCount(0);
  await scrollTo(page, target);
  const row = pipelineRow(page, target);
  await expect(row.getByTestId('pipeline-name')).toHaveText(target);
  await expect(row.getByTestId('lag-messages')).toHaveText('0 msg');
  await expect(row).toHaveAttribute('data-status', 'ok');
  expect((await rowIdsInDom(page)).length).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
  // The group falls behind with no consumer and no commit for long: it stops, and the worst-first
  // order takes it to the top, with its new lag.
  await fleet.setLag(target, 4);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(row.getByTestId('lag-messages')).toHaveText(`${4 * FLEET_PARTITIONS} msg`, { timeout: 30_000 });
  await expect(row).toBeInViewport();
  expect((await rowIdsInDom(page)).indexOf(target)).toBeLessThan(BEHIND.length + 1);
});

test('a delta for a row off screen is shown when the row scrolls in', async ({ page }) => {
  // One of the groups on top, changed while the page shows the bottom of the list.
  const target = BEHIND[0]!;
  await page.goto(`${fleet.url}/`);
  await expect(pipelineRow(page, target)).toBeVisible({ timeout: 60_000 });
  const marker = await markDocument(page);
  await scrollTo(page, fleetGroupId(SIZE - 3));
  await expect(pipelineRow(page, target)).toHaveCount(0);
  await fleet.setLag(target, 2);
  // The server has sent the change (its rows say so) while the row was not in the DOM.
  await expect.poll(async () => (await fleetRows(fleet.url, `&q=${target}`)).rows[0]?.lagMessages, { timeout: 30_000 }).toBe(2 * FLEET_PARTITIONS);
  await page.waitForTimeout(2_000);
  await expect(pipelineRow(page, target)).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(pipelineRow(page, target).getByTestId('lag-messages')).toHaveText(`${2 * FLEET_PARTITIONS} msg`);
  await expectSameDocument(page, marker);
});

test('search and the status filter answer over every row, not only the drawn ones', async ({ page }) => {
  const target = fleetGroupId(1_234);
  await page.goto(`${fleet.url}/`);
  await expect(page.locator('[data-testid="pipeline-row"]').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('search').fill(target);
  await expect.poll(() => rowIdsInDom(page)).toEqual([target]);
  await expect(page.getByTestId('filter-all')).toHaveText(`All (${SIZE})`);

  // One team's pipelines: a quarter of the fleet, more than the window, so the DOM holds the window only.
  await page.getByTestId('search').fill('uifleet-fraud-');
  await expect.poll(async () => (await rowIdsInDom(page)).every((id) => id.startsWith('uifleet-fraud-'))).toBe(true);
  expect((await rowIdsInDom(page)).length).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
  await scrollTo(page, fleetGroupId(SIZE - 1), '&q=uifleet-fraud-');
  await expect.poll(async () => (await rowIdsInDom(page)).every((id) => id.startsWith('uifleet-fraud-'))).toBe(true);

  await page.getByTestId('search').fill('');
  await page.getByTestId('filter-attention').click();
  await expect(async () => {
    const ids = await rowIdsInDom(page);
    const { rows } = await fleetRows(fleet.url, '&status=attention');
    expect(ids).toEqual(rows.map((r) => r.pipelineId).slice(0, ids.length));
    expect(ids.length).toBeGreaterThanOrEqual(BEHIND.length);
  }).toPass({ timeout: 30_000 });
});
