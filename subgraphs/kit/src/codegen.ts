import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The one GraphQL Code Generator setup every center uses: resolver types from the center's SDL,
 * federation-aware (`__resolveReference`, entity stubs), with the center's context and row types.
 */
export function centerCodegen(options: { context: string; mappers?: Record<string, string> }): CodegenConfig {
  return {
    schema: './src/schema.graphql',
    generates: {
      './src/__generated__/resolvers.ts': {
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useTypeImports: true,
          useIndexSignature: true,
          contextType: options.context,
          mappers: options.mappers ?? {},
          enumsAsTypes: true,
          avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
          scalars: { DateTime: { input: 'Date', output: 'Date | string' } },
        },
      },
    },
  };
}
