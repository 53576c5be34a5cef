import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/neo4j-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // CI logs name every test (so the log shows the Neo4j suites ran); the JSON feeds .ci/run's summary line.
    reporters: [process.env.CI === 'true' ? 'verbose' : 'default', ['json', { outputFile: 'test-artifacts/vitest.json' }]],
    // Files that use Neo4j share one throwaway database, so files run one at a time.
    fileParallelism: false,
  },
});
