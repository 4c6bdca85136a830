import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** The vitest settings every package shares; a package's vitest.config.ts merges its own on top. */
export default defineConfig({
  resolve: {
    // Vite would give our sources graphql's ESM build while Apollo's packages, loaded by Node, get the
    // CommonJS one: two graphql instances, whose types and errors fail each other's instanceof checks.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    // The JSON report lets scripts/test.sh print one total for the whole repository.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
