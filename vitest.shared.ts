import { defineConfig } from 'vitest/config';

/**
 * The one vitest setup every package uses. Two projects: `unit` needs no services; `integration`
 * (test/integration/) gets a Kafka broker and Redis from the testkit's global setup, which vitest runs only
 * when integration files are selected, so `npm run test:unit` (--exclude 'test/integration/**') never starts
 * a broker.
 */
export function packageTestConfig(
  options: {
    /** The testkit runs its global setup from source; everyone else uses the built export. */
    globalSetup?: string;
    /** Two cores shared with a JVM broker: at most two test files at once by default. */
    maxWorkers?: number;
    fileParallelism?: boolean;
    integrationTestTimeout?: number;
    /** Modules loaded before each test file (e.g. core's composition root for tests that import src/). */
    setupFiles?: string[];
  } = {},
) {
  return defineConfig({
    test: {
      maxWorkers: options.maxWorkers ?? 2,
      ...(options.setupFiles === undefined ? {} : { setupFiles: options.setupFiles }),
      ...(options.fileParallelism === undefined ? {} : { fileParallelism: options.fileParallelism }),
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
            globalSetup: [options.globalSetup ?? '@sharq/testkit/global-setup'],
            testTimeout: options.integrationTestTimeout ?? 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  });
}
