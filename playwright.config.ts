import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS, pipewatchUrl, UI_LAB_ENV } from './test/ui/support/ui-lab';

// The UI tests' own lab; set here so the global setup, the workers and test/support helpers
// (readLabConfig) all see the same one.
Object.assign(process.env, UI_LAB_ENV);

/**
 * Browser tests of the dashboard: a real Chromium (Debian's, never `playwright install`) against
 * a real Pipewatch on a real Kafka and Prometheus. One worker: the specs share the lab, one
 * Pipewatch process (which one spec kills and restarts) and a 2-core machine.
 */
export default defineConfig({
  testDir: 'test/ui',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './test/ui/setup/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Real Kafka: a diagnosis needs a healthy history and several 1 s cycles; a restart may rebuild the dashboard.
  timeout: 240_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: pipewatchUrl(),
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium', launchOptions: CHROMIUM_LAUNCH_OPTIONS } }],
});
