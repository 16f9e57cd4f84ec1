import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../lib/config/parse-config';
import type { PipewatchConfig } from '../../lib/config/pipewatch-config';
import { openStore } from '../../collectors/store/open-store';
import { startPipewatch, type RunningPipewatch } from '../../server/start-pipewatch';
import { readLabConfig } from '../../lab/lab-config';
import { eventually } from '../support/eventually';
import { startTestPipeline, type TestPipeline } from '../../lab/pipeline/test-pipeline';
import { incident } from '../lib/incidents/minimal-incident';
import { SILENT_LOGGER } from '../../lib/log/logger';

/**
 * Incidents through the running server and a real SQLite file: an incident open when Pipewatch
 * stopped resumes after a restart, people act on it over the API, Alertmanager's alerts land on
 * its timeline, the postmortem reads it back, and a second restart duplicates nothing.
 */
const lab = readLabConfig();
const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

describe('incidents through the server', () => {
  let test: TestPipeline;
  let config: PipewatchConfig;
  let server: RunningPipewatch | null = null;
  let base: string;
  let incidentId: string;

  const call = async (method: string, p: string, body?: unknown) => {
    const response = await fetch(`${base}${p}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: (type.includes('json') ? await response.json() : await response.text()) as Record<string, unknown> & string };
  };
  const incidentPath = () => `/api/incidents/${encodeURIComponent(incidentId)}`;

  beforeAll(async () => {
    test = await startTestPipeline('incident-api');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-incidents-'));
    const parsed = parseConfigText(
      `
kafka: { brokers: ['${lab.brokers.join("','")}'] }
prometheus: { url: '${lab.prometheusUrl}' }
collection: { interval: 1s }
discovery: { includeGroups: ['${test.group}'] }
store: { path: '${path.join(dataDir, 'pipewatch.sqlite')}' }
`,
      { file: 'incident-api-test.yaml', env: {} },
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    config = { ...parsed.config, server: { ...parsed.config.server, port: 0 } };

    // What an earlier run of Pipewatch left behind: one incident of this pipeline, still open.
    const firstSeenAtMs = Date.now() - 120_000;
    const open = incident({ id: `${test.group}/slow-sink/${firstSeenAtMs}`, pipelineId: test.group, firstSeenAtMs, openedAtMs: firstSeenAtMs + 3_000, lastSeenAtMs: firstSeenAtMs + 60_000 });
    incidentId = open.id;
    const opened = await openStore(config.store);
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.store.recordChanges([{ kind: 'opened', atMs: open.openedAtMs, incident: open }]);
    await opened.store.close();

    server = await startPipewatch({ config, log: SILENT_LOGGER, dashboard: { dir: root } });
    base = server.url;
  });

  afterAll(async () => {
    await server?.close();
    await test?.stop();
  });

  it('resumes the incident that was open when Pipewatch stopped, in the store and in the live state', async () => {
    const listed = await call('GET', '/api/incidents?status=open');
    expect((listed.body.incidents as { id: string }[]).map((i) => i.id)).toEqual([incidentId]);
    await eventually(async () => {
      const snapshot = await call('GET', '/api/pipelines');
      expect((snapshot.body.openIncidents as { id: string }[]).map((i) => i.id)).toContain(incidentId);
    });
  });

  it.each([
    { desc: 'no body', p: 'acknowledge', body: undefined, error: 'a JSON body is required' },
    { desc: 'an empty name', p: 'acknowledge', body: { by: '  ' }, error: 'by: must not be empty' },
    { desc: 'an unknown field', p: 'notes', body: { by: 'ana', text: 'x', admin: true }, error: 'admin' },
    { desc: 'no reason', p: 'resolve', body: { by: 'ana' }, error: 'reason' },
  ])('refuses an action with $desc (400, naming the field)', async ({ p, body, error }) => {
    const answer = await call('POST', `${incidentPath()}/${p}`, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain(error);
  });

  it('records acknowledgement, a note, an Alertmanager alert and a mute on the timeline', async () => {
    expect((await call('POST', `${incidentPath()}/acknowledge`, { by: 'ana', note: 'looking at the feature store' })).status).toBe(200);
    expect((await call('POST', `${incidentPath()}/notes`, { by: 'ana', text: 'p99 back to 90 ms after the vendor fix <b>deployed</b>' })).status).toBe(201);

    const alert = {
      version: '4',
      groupKey: '{}:{alertname="KafkaConsumerLagHigh"}',
      truncatedAlerts: 0,
      status: 'firing',
      receiver: 'pipewatch',
      groupLabels: { alertname: 'KafkaConsumerLagHigh' },
      commonLabels: { alertname: 'KafkaConsumerLagHigh' },
      commonAnnotations: {},
      externalURL: 'http://alertmanager.example:9093',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'KafkaConsumerLagHigh', consumergroup: test.group, severity: 'page' },
          annotations: { summary: 'Consumer lag above 10k for 5m' },
          startsAt: new Date(Date.now() - 30_000).toISOString(),
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://prometheus.example/graph',
          fingerprint: 'c0ffee0123456789',
        },
      ],
    };
    const received = await call('POST', '/api/alertmanager', alert);
    expect(received).toMatchObject({ status: 200, body: { status: 'accepted', alerts: 1, matched: 1, linkedToIncidents: 1 } });
    expect((await call('POST', '/api/alertmanager', { ...alert, version: '3' })).status).toBe(400);
    const malformed = await call('POST', '/api/alertmanager', { ...alert, alerts: [{ ...alert.alerts[0], startsAt: 'yesterday' }] });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('alerts[0].startsAt');

    const muted = await call('POST', '/api/mutes', { pipelineId: test.group, for: '1h', by: 'ana', reason: 'vendor maintenance' });
    expect(muted.status).toBe(201);
    expect((await call('POST', '/api/mutes', { pipelineId: test.group, for: 'forever', by: 'ana', reason: 'x' })).body.parameter).toBe('for');
    expect(((await call('GET', '/api/mutes')).body.mutes as { pipelineId: string }[]).map((m) => m.pipelineId)).toEqual([test.group]);

    const detail = await call('GET', incidentPath());
    const kinds = (detail.body.timeline as { kind: string }[]).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['opened', 'acknowledged', 'note', 'external-alert', 'muted']));
    expect(detail.body.acknowledged).toMatchObject({ by: 'ana' });
    expect(detail.body.failure).toMatchObject({ title: 'Slow sink (backpressure)' });
  });

  it('resolves by hand: the store and the live state close it, a second resolve is refused', async () => {
    const resolved = await call('POST', `${incidentPath()}/resolve`, { by: 'ana', reason: 'sink scaled up' });
    expect(resolved).toMatchObject({ status: 200, body: { status: 'resolved', resolution: { kind: 'by-hand', by: 'ana' } } });
    const again = await call('POST', `${incidentPath()}/resolve`, { by: 'bo', reason: 'again' });
    expect(again.status).toBeGreaterThanOrEqual(400);
    await eventually(async () => {
      const snapshot = await call('GET', '/api/pipelines');
      expect((snapshot.body.openIncidents as { id: string }[]).map((i) => i.id)).not.toContain(incidentId);
      // The pipeline's page (its API and live stream) shows it resolved, not still open.
      const pipeline = await call('GET', `/api/pipelines/${encodeURIComponent(test.group)}?window=5m`);
      expect((pipeline.body.incidents as { id: string; status: string }[]).find((i) => i.id === incidentId)?.status).toBe('resolved');
    });
  });

  it('exports the postmortem as Markdown, with hostile text escaped', async () => {
    const postmortem = await call('GET', `${incidentPath()}/postmortem`);
    expect(postmortem.status).toBe(200);
    const text = postmortem.body as unknown as string;
    expect(text).toMatch(/^# Slow sink \(backpressure\) on pipeline /);
    for (const expected of ['looking at the feature store', 'sink scaled up', 'KafkaConsumerLagHigh', 'vendor maintenance']) expect(text).toContain(expected);
    expect(text).not.toContain('<b>deployed</b>');
  });

  it('after another restart, the incident is still resolved and nothing is duplicated', async () => {
    const before = await call('GET', incidentPath());
    await server?.close();
    server = await startPipewatch({ config, log: SILENT_LOGGER, dashboard: { dir: root } });
    base = server.url;
    const after = await call('GET', incidentPath());
    expect(after.body.status).toBe('resolved');
    expect((after.body.timeline as unknown[]).length).toBe((before.body.timeline as unknown[]).length);
    expect(((await call('GET', '/api/incidents?status=open')).body.incidents as unknown[]).length).toBe(0);
  });
});
