import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Our sources are transformed by vite (which would pick graphql's ESM build) while node_modules
    // load graphql's CommonJS build: alias both to one copy so GraphQL types are from one realm.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each file's stream of seeded test data (TEST_SEED), and the seed beside every failure.
    setupFiles: ['test/support/seed-report.ts'],
    // One migrated database per worker (test/support/database.ts): files of a worker share it.
    pool: 'forks',
    isolate: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
