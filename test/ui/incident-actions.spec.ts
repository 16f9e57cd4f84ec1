import { expect, test, type Page } from '@playwright/test';
import { cssString, pipelinePath } from './support/dashboard';
import { saveColorSchemeScreenshots, saveScreenshot } from './support/screenshots';
import { sharedPipeline, waitForHealthyHistory } from './support/shared-pipeline';
import { pipewatchUrl } from './support/ui-lab';

/** Detection takes a few 1 s cycles after the lag starts to grow; this is the limit, not the expectation. */
const DETECTION_LIMIT_MS = 120_000;
/** An incident still open from an earlier spec resolves once its pipeline has been healthy for a few cycles. */
const SETTLE_LIMIT_MS = 180_000;

const NAME = 'ana';
const ACK_NOTE = 'looking at the sink';
/** A plain marker first: the postmortem escapes Markdown, so the markup itself arrives backslashed there. */
const NOTE_MARKER = 'note 7f3a from the browser test';
const HOSTILE_NOTE = `${NOTE_MARKER} <img src=x onerror="window.__xss=1"> & <b>not bold</b>`;
const REASON = 'sink scaled up and lag drained';

interface IncidentItem {
  id: string;
  status: string;
}

async function openIncidents(pipelineId: string): Promise<IncidentItem[]> {
  const response = await fetch(`${pipewatchUrl()}/api/incidents?status=open&pipeline=${encodeURIComponent(pipelineId)}`, { signal: AbortSignal.timeout(5_000) });
  if (response.status !== 200) throw new Error(`GET /api/incidents answered ${response.status}`);
  return ((await response.json()) as { incidents: IncidentItem[] }).incidents;
}

async function waitForNoOpenIncident(pipelineId: string): Promise<void> {
  await expect
    .poll(async () => (await openIncidents(pipelineId)).map((i) => i.id), { message: `no open incident on ${pipelineId}`, timeout: SETTLE_LIMIT_MS, intervals: [1_000] })
    .toEqual([]);
}

async function expectNoInjection(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('img[src=x]')).toHaveCount(0);
}

test('acknowledge, note and resolve by hand: each lands on the timeline, in the list and in the postmortem', async ({ page }) => {
  const pipeline = sharedPipeline();
  // An incident left open by another spec could resolve by itself under this test's hands.
  await waitForNoOpenIncident(pipeline.group);
  await waitForHealthyHistory(pipeline.group);

  await pipeline.fault({ name: 'slow-sink', latencyMs: 1_000 });
  let faultActive = true;
  try {
    await page.goto(`/incidents?status=open&pipeline=${encodeURIComponent(pipeline.group)}`);
    const openRow = page.locator('[data-testid="incident-row"][data-incident-type="slow-sink"][data-incident-status="open"]');
    await expect(openRow.first()).toBeVisible({ timeout: DETECTION_LIMIT_MS });
    const incidentId = (await openRow.first().getAttribute('data-incident-id'))!;
    expect(incidentId).toContain(pipeline.group);

    await openRow.first().getByRole('link', { name: 'Slow sink' }).click();
    await page.waitForURL((url) => url.pathname === '/incident' && url.searchParams.get('id') === incidentId);
    await expect(page.getByTestId('incident')).toHaveAttribute('data-incident-type', 'slow-sink');
    const timeline = page.getByTestId('incident-timeline');
    const entry = (kind: string) => timeline.locator(`[data-testid="timeline-entry"][data-kind=${cssString(kind)}]`);
    await expect(entry('opened')).toHaveCount(1);
    await expect(page.getByTestId('evidence-chart')).toBeVisible();
    await expect(page.getByTestId('evidence-chart-lag').locator('.recharts-line-curve').first()).toBeVisible();
    await expect(page.getByTestId('recommendation')).toContainText('Reduce poll size');

    // Acknowledge, with a name and a note.
    await page.getByTestId('action-acknowledge').click();
    await page.getByTestId('action-name').fill(NAME);
    await page.getByTestId('action-text').fill(ACK_NOTE);
    await page.getByTestId('action-submit').click();
    await expect(entry('acknowledged')).toHaveCount(1);
    await expect(entry('acknowledged')).toContainText(`by ${NAME}`);
    await expect(entry('acknowledged')).toContainText(ACK_NOTE);
    await expect(page.getByTestId('action-acknowledge'), 'acknowledged once, the button goes').toHaveCount(0);

    // A note whose text is markup: shown as the literal text, never run.
    await page.getByTestId('action-note').click();
    await expect(page.getByTestId('action-name'), 'the name is asked once, then remembered').toHaveValue(NAME);
    await page.getByTestId('action-text').fill(HOSTILE_NOTE);
    await page.getByTestId('action-submit').click();
    await expect(entry('note')).toHaveCount(1);
    await expect(entry('note').getByTestId('timeline-text')).toHaveText(HOSTILE_NOTE);
    await expect(entry('note').locator('img, b')).toHaveCount(0);
    await expectNoInjection(page);

    // Resolve without a reason: the server's 400, word for word, beside the form.
    await page.getByTestId('action-resolve').click();
    await expect(page.getByTestId('action-name')).toHaveValue(NAME);
    await page.getByTestId('action-submit').click();
    const error = page.getByTestId('action-error');
    await expect(error).toBeVisible();
    const refused = await page.request.post(`/api/incidents/${encodeURIComponent(incidentId)}/resolve`, { data: { by: NAME, reason: '' } });
    expect(refused.status()).toBe(400);
    const { error: serverMessage } = (await refused.json()) as { error: string };
    expect(serverMessage).toMatch(/reason/);
    await expect(error).toHaveText(`✖ ${serverMessage}`);
    await expect(entry('resolved-by-hand')).toHaveCount(0);
    await saveScreenshot(page, 'incident-resolve-error');

    // End the fault first: resolved while it lasts, the incident would open again at once.
    await pipeline.fault({ name: 'healthy' });
    faultActive = false;
    await page.getByTestId('action-text').fill(REASON);
    await page.getByTestId('action-submit').click();
    await expect(entry('resolved-by-hand')).toHaveCount(1);
    await expect(entry('resolved-by-hand')).toContainText(`by ${NAME}`);
    await expect(entry('resolved-by-hand')).toContainText(REASON);
    await expect(page.getByTestId('incident-status')).toHaveAttribute('data-status', 'resolved');
    await expect(page.getByTestId('incident-resolution')).toContainText(`Resolved by hand by ${NAME}: ${REASON}`);
    await expect(page.getByTestId('action-resolve')).toHaveCount(0);
    await expect(page.getByTestId('action-error')).toHaveCount(0);
    // Every kind written here, oldest first.
    const kinds = await timeline.locator('[data-testid="timeline-entry"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')));
    expect(kinds.filter((k) => ['opened', 'acknowledged', 'note', 'resolved-by-hand'].includes(k ?? ''))).toEqual(['opened', 'acknowledged', 'note', 'resolved-by-hand']);
    await expectNoInjection(page);
    await saveColorSchemeScreenshots(page, 'incident-actions');

    // The postmortem: a download link that answers Markdown with the note and the reason in it.
    const link = page.getByTestId('postmortem-link');
    await expect(link).toHaveAttribute('download', /^postmortem-.+\.md$/);
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(`/api/incidents/${encodeURIComponent(incidentId)}/postmortem`);
    const postmortem = await page.request.get(href);
    expect(postmortem.status()).toBe(200);
    expect(postmortem.headers()['content-type']).toMatch(/^text\/markdown/);
    const markdown = await postmortem.text();
    expect(markdown).toContain(NOTE_MARKER);
    expect(markdown).toContain(REASON);
    expect(markdown).toContain(ACK_NOTE);
    expect(markdown, 'markup from a note is escaped in the Markdown').toContain('\\<img src=x');
    expect(markdown).not.toMatch(/(^|[^\\])<img/m);

    // The list reads it resolved, by hand and by whom; the figures count it.
    await page.goto(`/incidents?pipeline=${encodeURIComponent(pipeline.group)}`);
    const row = page.locator(`[data-testid="incident-row"][data-incident-id=${cssString(incidentId)}]`);
    await expect(row).toHaveAttribute('data-incident-status', 'resolved');
    await expect(row.getByTestId('incident-resolution')).toHaveText(`by hand, by ${NAME}`);
    await expect(row).toContainText(`by ${NAME},`);
    const figures = page.getByTestId('incident-figures').locator('[data-testid="figures-row"][data-type="slow-sink"]');
    await expect(figures).toContainText('Slow sink (backpressure)');
    await saveColorSchemeScreenshots(page, 'incident-list');
    await expectNoInjection(page);
  } finally {
    if (faultActive) await pipeline.fault({ name: 'healthy' });
    // The next spec wants a pipeline without an open incident; the slow sink's lag may reopen one briefly.
    await waitForNoOpenIncident(pipeline.group).catch((error: Error) => console.warn(`incident-actions: ${error.message}`));
  }
});

test('mute a pipeline from its page: a badge says until when and by whom, Unmute ends it', async ({ page }) => {
  const pipeline = sharedPipeline();
  await page.goto(pipelinePath(pipeline.group));
  await page.getByTestId('mute-open').click();
  await expect(page.getByTestId('mute-form'), 'the help says incidents are still recorded').toContainText('still opened and recorded');
  await page.getByTestId('mute-duration').selectOption('2h');
  await page.getByTestId('mute-name').fill(NAME);
  await page.getByTestId('mute-reason').fill('planned sink maintenance');
  await page.getByTestId('mute-submit').click();

  const badge = page.getByTestId('mute-badge');
  await expect(badge).toBeVisible();
  const muteId = Number(await badge.getAttribute('data-mute-id'));
  try {
    const { mutes } = (await (await page.request.get('/api/mutes')).json()) as { mutes: { id: number; pipelineId: string; fromMs: number; untilMs: number; by: string }[] };
    const mute = mutes.find((m) => m.id === muteId)!;
    expect(mute).toMatchObject({ pipelineId: pipeline.group, by: NAME });
    expect(mute.untilMs - mute.fromMs).toBe(2 * 3_600_000);
    const until = new Date(mute.untilMs).toISOString();
    const today = until.slice(0, 10) === new Date().toISOString().slice(0, 10);
    await expect(badge).toContainText(`muted until ${today ? '' : `${until.slice(0, 10)} `}${until.slice(11, 16)} UTC by ${NAME}`);
    await saveColorSchemeScreenshots(page, 'incident-mute');

    await page.getByTestId('mute-unmute').click();
    await expect(page.getByTestId('mute-open')).toBeVisible();
    await expect(badge).toHaveCount(0);
    const after = (await (await page.request.get('/api/mutes')).json()) as { mutes: { id: number }[] };
    expect(after.mutes.map((m) => m.id)).not.toContain(muteId);
  } finally {
    await page.request.delete(`/api/mutes/${muteId}`, { data: { by: 'incident-actions spec' } });
  }
});
