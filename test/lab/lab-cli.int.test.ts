import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabConfig } from '../../lab/lab-config';
import { isPortOpen } from '../../lab/stack/processes';
import { eventually } from '../support/eventually';
import { queryScalar } from '../support/prometheus-query';

/**
 * The lab's command line from nothing: a lab of its own (own folder, own ports) is brought up,
 * used and taken down exactly as a person would with npm run lab:*.
 */
const labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewatch-lab-cli-'));
const { KAFKA_BROKERS, PROMETHEUS_URL, ...inherited } = process.env;
const env = { ...inherited, LAB_DIR: labDir, LAB_PORT_BASE: '31000' };
const config = readLabConfig(env);

function lab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'lab/cli.ts', ...args], { env, timeout: 170_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface Status {
  name: string;
  healthy: boolean;
  process: { kind: string; pid?: number };
}

async function status(): Promise<Status[]> {
  return JSON.parse((await lab('status', '--json')).stdout) as Status[];
}

describe('lab command line', () => {
  afterAll(async () => {
    await lab('down');
    fs.rmSync(labDir, { recursive: true, force: true });
  });

  it('comes up from nothing with Kafka, Prometheus and the demo pipeline healthy', async () => {
    const up = await lab('up');
    expect(up.stderr).not.toMatch(/\[lab\]/);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('lab is up');
    expect(up.stdout).toContain(`127.0.0.1:${config.ports.kafka}`);
    const services = await status();
    expect(services.map((s) => [s.name, s.healthy, s.process.kind])).toEqual([
      ['kafka', true, 'running'],
      ['prometheus', true, 'running'],
      ['demo-pipeline', true, 'running'],
    ]);
    await eventually(
      async () => {
        const processed = await queryScalar(config.prometheusUrl, 'sum(ingest_records_processed_total{consumer_group="fraud-features"})');
        expect(processed).toBeGreaterThan(0);
      },
      { timeoutMs: 60_000 },
    );
  });

  it('is idempotent: a second up keeps the same processes', async () => {
    const before = await status();
    const again = await lab('up');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already running');
    expect((await status()).map((s) => s.process.pid)).toEqual(before.map((s) => s.process.pid));
  });

  it('injects a timed fault and records its start and end in the ground-truth log', async () => {
    const started = await lab('fault', 'poison', '--rate', '20%', '--for', '2s');
    expect(started.code).toBe(0);
    await eventually(() => {
      const lines = fs.readFileSync(config.faultLogPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      expect(lines.filter((l) => l.fault === 'poison').map((l) => l.event)).toEqual(['start', 'end']);
      expect(lines[0].params).toMatchObject({ rate: 0.2 });
    });
  });

  it('refuses an unknown fault and a malformed duration with a specific message', async () => {
    const unknown = await lab('fault', 'meteor-strike');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('meteor-strike');
    const badDuration = await lab('fault', 'slow-sink', '--for', 'a while');
    expect(badDuration.code).toBe(1);
    expect(badDuration.stderr).toContain('--for "a while" is not a duration');
  });

  it('goes down cleanly and frees its ports', async () => {
    const down = await lab('down');
    expect(down.code).toBe(0);
    const services = await status();
    expect(services.every((s) => !s.healthy && s.process.kind === 'stopped')).toBe(true);
    for (const port of [config.ports.kafka, config.ports.prometheus, config.ports.pipeline, config.ports.sink]) {
      expect(await isPortOpen(port)).toBe(false);
    }
  });
});
