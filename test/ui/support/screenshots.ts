import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { REPO_ROOT } from './ui-lab';

/** Artifacts people look at, kept apart from Playwright's per-test failure output. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** `<name>-light.png` and `<name>-dark.png`, through prefers-color-scheme; the page is left in light. */
export async function saveColorSchemeScreenshots(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    // The page follows the system scheme through its theme script (data-theme on <html>).
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await saveScreenshot(page, `${name}-${colorScheme}`);
  }
}
