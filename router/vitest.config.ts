import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine the routers of a test run start with (router/test/support.ts). */
    engine: 'native' | 'apollo';
  }
}

// Router tests run on the native engine, and those whose outcome goes through planning, execution or
// subgraph fetches run again on @apollo/gateway's, the reference the native one is held to. Guards that
// answer before planning (limits, CSRF, rate limits, the sandbox, configuration) run once.
// engine.test.ts and test/conformance start both engines themselves.
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      projects: [
        { extends: true, test: { name: 'native', provide: { engine: 'native' } } },
        {
          extends: true,
          test: {
            name: 'apollo',
            provide: { engine: 'apollo' },
            exclude: [
              ...configDefaults.exclude,
              // Both engines inside (describe.each).
              'test/engine.test.ts',
              'test/conformance/**',
              // Before planning, the same code on either engine.
              'test/address.test.ts',
              'test/client-errors.test.ts',
              'test/config.test.ts',
              'test/demand.test.ts',
              'test/hardening.test.ts',
              'test/metrics-labels.test.ts',
              'test/ratelimit.test.ts',
              'test/sandbox.test.ts',
            ],
          },
        },
      ],
    },
  }),
);
