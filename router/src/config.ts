import { fileURLToPath } from 'node:url';
import {
  DEFAULT_BODY_LIMIT,
  DEV_GATEWAY_SECRET,
  DEV_JWT_SECRET,
  parseEnv,
  subgraphUrls,
} from '@zhongtai/subgraph-kit';
import { z } from 'zod';
import { DEFAULT_LIMITS } from './demand.ts';

const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

const limit = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const clientLimits = z
  .object({
    maxDepth: z.number().int().positive(),
    maxAliases: z.number().int().nonnegative(),
    maxRootFields: z.number().int().positive(),
    maxTokens: z.number().int().positive(),
    maxCost: z.number().positive(),
    defaultListSize: z.number().int().nonnegative(),
  })
  .partial()
  .strict();

const routerEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH_PATH),
    SUBGRAPH_URLS: subgraphUrls,
    /** Verifies the client JWTs that the users center issues. */
    JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
    /** Signs the identity headers that every center checks. */
    GATEWAY_SECRET: z.string().min(16).default(DEV_GATEWAY_SECRET),
    BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(DEFAULT_BODY_LIMIT),
    /** Demand control: what one request may ask, checked before planning. */
    MAX_DEPTH: limit(DEFAULT_LIMITS.maxDepth),
    MAX_ALIASES: limit(DEFAULT_LIMITS.maxAliases),
    MAX_ROOT_FIELDS: limit(DEFAULT_LIMITS.maxRootFields),
    MAX_TOKENS: limit(DEFAULT_LIMITS.maxTokens),
    MAX_COST: limit(DEFAULT_LIMITS.maxCost),
    DEFAULT_LIST_SIZE: limit(DEFAULT_LIMITS.defaultListSize),
    /** Per-client overrides, by apollographql-client-name: `{"mobile": {"maxCost": 2000}}`. */
    CLIENT_LIMITS: z
      .string()
      .default('{}')
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'CLIENT_LIMITS must be JSON' });
          return z.NEVER;
        }
      })
      .pipe(z.record(z.string(), clientLimits)),
  })
  .superRefine((env, ctx) => {
    // The development secrets are in this repository, so a production router must never accept them.
    if (env.NODE_ENV !== 'production') return;
    if (env.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET must be set in production' });
    }
    if (env.GATEWAY_SECRET === DEV_GATEWAY_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['GATEWAY_SECRET'],
        message: 'GATEWAY_SECRET must be set in production',
      });
    }
  });

export type RouterConfig = z.infer<typeof routerEnv>;

export function loadRouterConfig(env: NodeJS.ProcessEnv = process.env): RouterConfig {
  return parseEnv(routerEnv, env, 'the router');
}
