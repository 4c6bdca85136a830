import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine the routers of a test run start with (router/test/support.ts). */
    engine: 'native' | 'apollo';
  }
}

// Every router test runs on both engines: the native one, and @apollo/gateway's that it is held to.
// engine.test.ts and test/conformance start both themselves.
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
            // The conformance suite runs each case on every engine itself (describe.each).
            exclude: [...configDefaults.exclude, 'test/engine.test.ts', 'test/conformance/**'],
          },
        },
      ],
    },
  }),
);
