import { expect, type Locator, type Page } from '@playwright/test';

/** The pipeline page of any id, whatever characters it holds. */
export function pipelinePath(pipelineId: string): string {
  return `/pipeline?id=${encodeURIComponent(pipelineId)}`;
}

/** A CSS string literal: group ids may hold quotes, backslashes and newlines. */
export function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
}

export function pipelineRow(page: Page, pipelineId: string): Locator {
  return page.locator(`[data-testid="pipeline-row"][data-pipeline-id=${cssString(pipelineId)}]`);
}

/** When the data on screen was taken (`data-at-ms` of `updated-at`); NaN until there is any. */
export async function updatedAtMs(page: Page): Promise<number> {
  return Number(await page.getByTestId('updated-at').getAttribute('data-at-ms'));
}

/**
 * Marks the current document. A reload or navigation would drop the marker and add a navigation
 * entry: expectSameDocument tells live updates from a page that quietly reloaded itself.
 */
export async function markDocument(page: Page): Promise<string> {
  const marker = `ui-${Math.random().toString(36).slice(2)}`;
  await page.evaluate((value) => {
    (window as unknown as { __pipewatchUiMarker?: string }).__pipewatchUiMarker = value;
  }, marker);
  return marker;
}

export async function expectSameDocument(page: Page, marker: string): Promise<void> {
  const seen = await page.evaluate(() => ({
    marker: (window as unknown as { __pipewatchUiMarker?: string }).__pipewatchUiMarker ?? null,
    navigations: performance.getEntriesByType('navigation').length,
  }));
  expect(seen, 'the page must update in place, without a reload').toEqual({ marker, navigations: 1 });
}
