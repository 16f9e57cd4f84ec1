import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { pipelinePath } from './support/dashboard';
import { sharedPipeline } from './support/shared-pipeline';
import { pipewatchUrl } from './support/ui-lab';

/**
 * A page of another origin (another port of 127.0.0.1: the cross-origin case a browser relaxes
 * least for SameSite) tries what a real Chromium lets it: a no-cors text/plain fetch, a
 * script-free text/plain form, and framing the pipeline page. None of it may reach Pipewatch.
 * Pipewatch under test runs without a token: the strictest case, since no cookie is needed.
 */
const ATTACK_PIPELINE = 'ui-security-attack';
const MUTE = JSON.stringify({ pipelineId: ATTACK_PIPELINE, for: '30d', by: 'attacker', reason: 'cross-origin' });

function attackerPages(target: string, framed: string): Record<string, string> {
  // A text/plain form sends `name=value`: split inside the reason, the body is this JSON with
  // "cross=origin" as the reason, which a server that parses any body as JSON would take.
  const split = MUTE.indexOf('-origin');
  const [name, value] = [MUTE.slice(0, split), MUTE.slice(split + 1)];
  const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
  return {
    '/fetch': `<!doctype html><title>fetch</title><script>
      fetch(${JSON.stringify(`${target}/api/mutes`)}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(MUTE)} })
        .then(() => { document.title = 'sent'; }, () => { document.title = 'failed'; });
    </script>`,
    '/form': `<!doctype html><title>form</title>
      <form method="post" enctype="text/plain" action="${target}/api/mutes">
        <input type="hidden" name='${attribute(name)}' value='${attribute(value)}'>
        <button id="go">go</button>
      </form>`,
    '/frame': `<!doctype html><title>frame</title><iframe id="victim" src="${framed}" width="800" height="600"></iframe>`,
  };
}

async function recordedMutes(): Promise<string[]> {
  const response = await fetch(`${pipewatchUrl()}/api/mutes`, { signal: AbortSignal.timeout(5_000) });
  return ((await response.json()) as { mutes: { pipelineId: string }[] }).mutes.map((m) => m.pipelineId);
}

function cspViolations(page: Page): ConsoleMessage[] {
  const seen: ConsoleMessage[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) seen.push(message);
  });
  return seen;
}

test.describe('another origin against Pipewatch', () => {
  let attacker: http.Server;
  let attackerUrl: string;

  test.beforeAll(async () => {
    const pages = attackerPages(pipewatchUrl(), `${pipewatchUrl()}${pipelinePath(sharedPipeline().group)}`);
    attacker = http.createServer((request, response) => {
      const body = pages[new URL(request.url ?? '/', 'http://attacker').pathname];
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', () => resolve()));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    await new Promise<void>((resolve) => attacker.close(() => resolve()));
  });

  test('a no-cors text/plain fetch records no mute', async ({ page }) => {
    await page.goto(`${attackerUrl}/fetch`);
    // Opaque either way: the page cannot tell, so Pipewatch's own list is the proof.
    await expect(page).toHaveTitle(/sent|failed/);
    await page.waitForTimeout(500);
    expect(await recordedMutes()).not.toContain(ATTACK_PIPELINE);
  });

  test('a script-free text/plain form records no mute', async ({ page }) => {
    await page.goto(`${attackerUrl}/form`);
    const [answer] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/mutes')), page.click('#go')]);
    expect(answer.status()).toBe(403);
    expect(await recordedMutes()).not.toContain(ATTACK_PIPELINE);
  });

  test('the pipeline page refuses to be framed by another origin', async ({ page }) => {
    const violations = cspViolations(page);
    await page.goto(`${attackerUrl}/frame`);
    await expect.poll(() => violations.map((m) => m.text()).join('\n'), { timeout: 10_000 }).toContain("frame-ancestors 'none'");
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const framedText = frame ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
    expect(framedText).not.toContain('Pipewatch');
  });
});

test.describe("the dashboard under its own policy", () => {
  for (const [name, path] of [
    ['overview', '/'],
    ['pipeline', () => pipelinePath(sharedPipeline().group)],
    ['incidents', '/incidents'],
    ['incident', '/incident?id=no-such-incident'],
  ] as const) {
    test(`the ${name} page renders and hydrates with no CSP violation`, async ({ page }) => {
      const violations = cspViolations(page);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const response = await page.goto(typeof path === 'string' ? path : path());
      expect(response?.headers()['content-security-policy']).toContain("'nonce-");
      await expect(page).toHaveTitle(/^Pipewatch/);
      // The theme script ran (it sets the color scheme before paint) and React took over the header.
      await expect(page.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
      await expect(page.locator('header a').first()).toBeVisible();
      await page.waitForLoadState('networkidle').catch(() => {});
      expect(violations.map((m) => m.text())).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});
