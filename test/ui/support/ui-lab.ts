import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLabConfig, type LabConfig } from '../../../lab/lab-config';
import { CHROMIUM_EXECUTABLE } from '../../../lab/stack/requirements';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The UI tests run on a lab of their own, so a developer's demo (base 19000) and the Kafka 4 pass
 * (29000) keep running undisturbed; UI_LAB_PORT_BASE moves it (two checkouts testing at once).
 * The base stays at or below 32000: above it lie the kernel's ephemeral ports.
 */
export const UI_LAB_ENV = {
  LAB_DIR: path.join(REPO_ROOT, '.lab', 'ui'),
  LAB_PORT_BASE: process.env.UI_LAB_PORT_BASE ?? '24000',
} as const;

/** The lab config as the tests and test/support helpers see it: from UI_LAB_ENV, set by playwright.config.ts. */
export function uiLab(): LabConfig {
  return readLabConfig({ ...process.env, ...UI_LAB_ENV }, REPO_ROOT);
}

/** Pipewatch under test listens on the lab's dashboard port (base+300). */
export function pipewatchUrl(lab: LabConfig = uiLab()): string {
  return `http://127.0.0.1:${lab.ports.dashboard}`;
}

export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: CHROMIUM_EXECUTABLE,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

/** The demo pipeline every spec shares, started by the global setup; passed to workers by environment. */
export interface SharedPipeline {
  group: string;
  topic: string;
  controlUrl: string;
}

export const SHARED_PIPELINE_ENV = 'PIPEWATCH_UI_PIPELINE';
