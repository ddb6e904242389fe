import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs no services; `integration` (test/integration/) gets a Kafka broker and Redis from
// the testkit's global setup. Fault scenarios kill processes, stop brokers and measure recovery: they run one
// file at a time (the machine has two cores, and a scenario's own JVMs must not compete with another's).

export default defineConfig({
  test: {
    maxWorkers: 1,
    fileParallelism: false,
    passWithNoTests: true,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/integration/**'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['@sharq/testkit/global-setup'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
