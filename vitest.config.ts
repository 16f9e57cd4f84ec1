import { defineConfig } from 'vitest/config';

// Tests of what only Kafka 4 has (the KIP-848 consumer protocol) run in the Kafka 4 pass of npm test.
const kafka4 = Number((process.env.KAFKA_VERSION ?? '3').split('.')[0]) >= 4;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          exclude: kafka4 ? [] : ['test/**/*.kafka4.int.test.ts'],
          // Integration tests share one real broker and one real Prometheus on a 2-core machine,
          // and serve the dashboard's production build.
          globalSetup: ['test/setup/lab-stack.ts', 'test/setup/dashboard-build.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
