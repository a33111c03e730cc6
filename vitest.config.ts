import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module). Node, and so yoga, loads the CJS
    // build; Vite would pick the ESM one for our files, giving two GraphQLError classes.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    projects: [
      // Pure logic: no database, no JVM (`npx vitest run --project unit`).
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          // Integration files share one Neo4j and clear it before they start: one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
