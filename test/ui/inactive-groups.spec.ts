import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Admin as PlatformaticAdmin } from '@platformatic/kafka';
import { expect, test, type Page } from '@playwright/test';
import { connectAdmin } from '../../lab/pipeline/kafka-admin';
import { cssString } from './support/dashboard';
import { HOSTILE_TOPIC_PREFIX } from './support/hostile-groups';
import { saveScreenshot } from './support/screenshots';
import { uiLab } from './support/ui-lab';

/**
 * Groups that stopped before Pipewatch saw them (committed offsets, no member, lag): below the
 * active pipelines in a collapsed section, opened by a filter held in the URL, their ids as text.
 */
const suffix = randomUUID().slice(0, 8);
const HOSTILE = `<img src=x onerror="window.__xss=1">-${suffix}`;
const GROUPS = [`it-ui-old-a-${suffix}`, `it-ui-old-b-${suffix}`, HOSTILE];
// Deleted with the hostile-names topics after Pipewatch stops (see deleteHostileTopics).
const topic = `${HOSTILE_TOPIC_PREFIX}inactive-${suffix}`;

let admin: Awaited<ReturnType<typeof connectAdmin>>;

test.beforeAll(async () => {
  const { brokers } = uiLab();
  admin = await connectAdmin(brokers);
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const producer = new Kafka({ clientId: 'pipewatch-ui-test', brokers, logLevel: logLevel.NOTHING }).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: `record ${i}` })) });
  await producer.disconnect();
  // An OffsetCommit outside any generation: unlike kafkajs' setOffsets, no member ever joins, so
  // Pipewatch, already running, never sees these groups consume.
  const committer = new PlatformaticAdmin({ clientId: 'pipewatch-ui-test', bootstrapBrokers: brokers });
  try {
    for (const groupId of GROUPS) await committer.alterConsumerGroupOffsets({ groupId, topics: [{ name: topic, partitionOffsets: [{ partition: 0, offset: 2n }] }] });
  } finally {
    await committer.close();
  }
});

test.afterAll(async () => {
  await admin?.deleteGroups(GROUPS).catch(() => undefined);
  await admin?.disconnect();
});

const inactiveRow = (page: Page, id: string) => page.locator(`[data-testid="inactive-row"][data-pipeline-id=${cssString(id)}]`);

test('inactive groups sit collapsed below the pipelines; the URL filter opens them, hostile ids as text', async ({ page }) => {
  await page.goto('/');
  const section = page.getByTestId('inactive-groups');
  await expect(section).toBeVisible({ timeout: 60_000 });
  await expect(section).toHaveAttribute('data-open', 'false');
  await expect(page.getByTestId('inactive-title')).toHaveText(/^\d+ inactive groups?$/);
  await expect(page.getByTestId('inactive-row')).toHaveCount(0);
  // Not among the pipelines it watches, and no incident for them.
  for (const id of GROUPS) await expect(page.locator(`[data-testid="pipeline-row"][data-pipeline-id=${cssString(id)}]`)).toHaveCount(0);

  await page.getByTestId('inactive-toggle').click();
  await expect(page).toHaveURL(/[?&]inactive=show/);
  for (const id of GROUPS) {
    const row = inactiveRow(page, id);
    await expect(row, `inactive row of ${JSON.stringify(id)}`).toBeVisible({ timeout: 30_000 });
    await expect(row).toHaveAttribute('data-activity', 'inactive');
    await expect(row.getByTestId('position-age')).toHaveText(/^position ≥ .+ old$/);
  }
  await expect.poll(() => inactiveRow(page, HOSTILE).getByTestId('inactive-name').textContent()).toBe(HOSTILE);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('img[src=x]')).toHaveCount(0);
  await saveScreenshot(page, 'overview-inactive-groups');

  // A pasted link opens the section as it was; the search narrows it.
  await page.goto(`/?inactive=show&q=${encodeURIComponent(`old-a-${suffix}`)}`);
  await expect(inactiveRow(page, GROUPS[0]!)).toBeVisible({ timeout: 30_000 });
  await expect(inactiveRow(page, GROUPS[1]!)).toHaveCount(0);

  await page.goto(`/pipeline?id=${encodeURIComponent(HOSTILE)}`);
  await expect(page.getByTestId('dormant-note')).toContainText('No incident and no notification');
  await expect(page.getByTestId('dormant-note')).toContainText('kafka-consumer-groups');
  await expect(page.getByTestId('incident-badge')).toHaveCount(0);
});
