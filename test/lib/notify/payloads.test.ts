import { describe, expect, it } from 'vitest';
import { incidentUrl } from '../../../lib/notify/incident-url';
import { notificationOf, type Notification } from '../../../lib/notify/notification';
import { buildSlackMessage, escapeSlackText } from '../../../lib/notify/slack-message';
import { buildWebhookBody, type WebhookBody } from '../../../lib/notify/webhook-body';
import { changesFor } from './incident-changes';

const PUBLIC_URL = 'https://pipewatch.example.com';
const ESCALATING = changesFor(['transient-sink-error', 'transient-sink-error', 'sink-unavailable', 'healthy', 'healthy', 'healthy']);
const [OPENED, ESCALATED, RESOLVED] = ESCALATING.map(notificationOf).filter((n): n is Notification => n !== null);
const ID = 'fraud-features/sink-unavailable/1714564800000';
const URL_OF_ID = 'https://pipewatch.example.com/incidents/fraud-features%2Fsink-unavailable%2F1714564800000';

describe('incidentUrl', () => {
  const cases: { desc: string; input: [string, string]; expected: string }[] = [
    { desc: 'slashes in the id are encoded', input: [PUBLIC_URL, ID], expected: URL_OF_ID },
    { desc: 'a trailing slash on publicUrl is not doubled', input: ['http://127.0.0.1:19300/', 'a/b/1'], expected: 'http://127.0.0.1:19300/incidents/a%2Fb%2F1' },
    { desc: 'under a path prefix', input: ['https://tools.example.com/pipewatch', 'a/b/1'], expected: 'https://tools.example.com/pipewatch/incidents/a%2Fb%2F1' },
    { desc: 'hostile characters are encoded', input: [PUBLIC_URL, 'x?y#z <>|&/1'], expected: 'https://pipewatch.example.com/incidents/x%3Fy%23z%20%3C%3E%7C%26%2F1' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(incidentUrl(...input)).toBe(expected);
  });
});

describe('buildWebhookBody', () => {
  const cases: { desc: string; input: Notification; expected: WebhookBody }[] = [
    {
      desc: 'opened',
      input: OPENED!,
      expected: {
        version: 1,
        event: 'opened',
        incident: {
          id: ID,
          pipelineId: 'fraud-features',
          type: 'transient-sink-error',
          title: 'Transient sink error',
          severity: 'warning',
          status: 'open',
          openedAt: '2024-05-01T12:00:00.000Z',
          resolvedAt: null,
          summary: 'Transient sink error: sink errors 4/s',
        },
        recommendation: { response: 'Retry in place with exponential backoff and jitter.' },
        url: URL_OF_ID,
      },
    },
    {
      desc: 'escalated: the new type, its severity and response',
      input: ESCALATED!,
      expected: {
        version: 1,
        event: 'escalated',
        incident: {
          id: ID,
          pipelineId: 'fraud-features',
          type: 'sink-unavailable',
          title: 'Sink unavailable (extended outage)',
          severity: 'critical',
          status: 'open',
          openedAt: '2024-05-01T12:00:00.000Z',
          resolvedAt: null,
          summary: 'escalated from Transient sink error. Sink unavailable (extended outage): sink errors 4/s',
        },
        recommendation: { response: 'Pause consumer, alert, manual recovery.' },
        url: URL_OF_ID,
      },
    },
    {
      desc: 'resolved',
      input: RESOLVED!,
      expected: {
        version: 1,
        event: 'resolved',
        incident: {
          id: ID,
          pipelineId: 'fraud-features',
          type: 'sink-unavailable',
          title: 'Sink unavailable (extended outage)',
          severity: 'critical',
          status: 'resolved',
          openedAt: '2024-05-01T12:00:00.000Z',
          resolvedAt: '2024-05-01T12:00:04.000Z',
          summary: 'Sink unavailable (extended outage): resolved after 4s; recovery verified over 2 cycles',
        },
        recommendation: { response: 'Pause consumer, alert, manual recovery.' },
        url: URL_OF_ID,
      },
    },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(buildWebhookBody(input, { publicUrl: PUBLIC_URL })).toEqual(expected);
  });

  it('survives JSON: hostile names stay data', () => {
    const [hostile] = changesFor(['slow-sink'], '"},{"x":1', 'evidence </script><!channel>').map(notificationOf);
    const body = buildWebhookBody(hostile!, { publicUrl: PUBLIC_URL });
    expect(JSON.parse(JSON.stringify(body)).incident).toMatchObject({ pipelineId: '"},{"x":1', summary: 'Slow sink (backpressure): evidence </script><!channel>' });
  });
});

describe('escapeSlackText', () => {
  const cases: { desc: string; input: string; expected: string }[] = [
    { desc: 'plain text is unchanged', input: 'fraud-features', expected: 'fraud-features' },
    { desc: 'a channel ping is neutralised', input: '<!channel>', expected: '&lt;!channel&gt;' },
    { desc: 'a fake link is neutralised', input: '<https://evil.example|click>', expected: '&lt;https://evil.example|click&gt;' },
    { desc: 'an entity is shown as written, not decoded', input: '&lt;!here&gt;', expected: '&amp;lt;!here&amp;gt;' },
    { desc: 'a user mention', input: 'a<@U123>b', expected: 'a&lt;@U123&gt;b' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(escapeSlackText(input)).toBe(expected);
  });
});

describe('buildSlackMessage', () => {
  it('opened: headline with link, summary, response, context', () => {
    expect(buildSlackMessage(OPENED!, { publicUrl: PUBLIC_URL, channel: '#data-oncall' })).toEqual({
      text: '[warning] Opened: Transient sink error on fraud-features',
      channel: '#data-oncall',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `:large_orange_circle: *Opened* · warning · *<${URL_OF_ID}|Transient sink error>* on pipeline *fraud-features*` } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Transient sink error: sink errors 4/s' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*Response:* Retry in place with exponential backoff and jitter.' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: `Incident ${ID} · opened 2024-05-01T12:00:00.000Z · <${URL_OF_ID}|open in Pipewatch>` }] },
      ],
    });
  });

  it('resolved: no response block, no channel when none is set', () => {
    const message = buildSlackMessage(RESOLVED!, { publicUrl: PUBLIC_URL, channel: null });
    expect({ text: message.text, channel: 'channel' in message, first: message.blocks[0], kinds: message.blocks.map((b) => b.type) }).toEqual({
      text: '[critical] Resolved: Sink unavailable (extended outage) on fraud-features',
      channel: false,
      first: { type: 'section', text: { type: 'mrkdwn', text: `:white_check_mark: *Resolved* · critical · *<${URL_OF_ID}|Sink unavailable (extended outage)>* on pipeline *fraud-features*` } },
      kinds: ['section', 'section', 'context'],
    });
  });

  it('hostile names cannot ping, link or break out; the link is still whole', () => {
    const [hostile] = changesFor(['slow-sink'], '<!channel>|x&y', 'lag <@U123> & <https://evil|here>').map(notificationOf);
    const message = buildSlackMessage(hostile!, { publicUrl: PUBLIC_URL });
    const everything = JSON.stringify(message);
    const link = 'https://pipewatch.example.com/incidents/%3C!channel%3E%7Cx%26y%2Fslow-sink%2F1714564800000';
    expect({
      text: message.text,
      headline: message.blocks[0],
      summary: message.blocks[1],
      raw: ['<!channel>', '<@U123>', '<https://evil'].filter((s) => everything.includes(s)),
    }).toEqual({
      text: '[warning] Opened: Slow sink (backpressure) on &lt;!channel&gt;|x&amp;y',
      headline: { type: 'section', text: { type: 'mrkdwn', text: `:large_orange_circle: *Opened* · warning · *<${link}|Slow sink (backpressure)>* on pipeline *&lt;!channel&gt;|x&amp;y*` } },
      summary: { type: 'section', text: { type: 'mrkdwn', text: 'Slow sink (backpressure): lag &lt;@U123&gt; &amp; &lt;https://evil|here&gt;' } },
      raw: [],
    });
  });

  it('a very long name is cut, so no block passes Slack\'s 3000 characters', () => {
    const [long] = changesFor(['slow-sink'], '<'.repeat(5_000), '&'.repeat(5_000)).map(notificationOf);
    const message = buildSlackMessage(long!, { publicUrl: PUBLIC_URL });
    const longest = Math.max(...message.blocks.map((b) => (b.type === 'section' ? b.text.text.length : b.elements[0]!.text.length)));
    expect(longest).toBeLessThanOrEqual(3_000);
  });
});
