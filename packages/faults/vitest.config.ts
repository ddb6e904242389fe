import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs no services; `integration` (test/integration/) gets a Kafka broker and Redis from
// the testkit's global setup, which vitest runs only when integration files are selected, so
// `npm run test:unit` (--exclude 'test/integration/**') never starts a broker.

export default defineConfig({
  test: {
    // Two cores shared with a JVM broker: at most two test files at once.
    maxWorkers: 2,
    // Packages gain tests issue by issue; an empty selection is not a failure.
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
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
