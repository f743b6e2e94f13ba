import os from 'node:os';
import { defineConfig } from 'vitest/config';

// One run, three projects: pure core, the server on a database (PGlite by default,
// PostgreSQL when BURSAR_TEST_DB=postgres and DATABASE_URL are set), and browser tests.
export default defineConfig({
  test: {
    // vitest's default is one worker fewer than the cores, which is a single worker on CI's two
    // cores; the test files wait on their databases often enough that one per core keeps both busy.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      // The web app's unit tests (packages/web/vitest.config.ts, project 'web').
      'packages/web',
      {
        test: {
          name: 'core',
          include: ['packages/core/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts', 'bench/**/*.test.ts'],
          globalSetup: ['packages/server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
