import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/neo4j-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // Neo4j-backed files share one throwaway database; they serialise on it through a lock in the helper.
    reporters: ['default'],
  },
});
