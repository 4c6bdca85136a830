import { fileURLToPath } from 'node:url';
import {
  DEFAULT_BODY_LIMIT,
  DEV_GATEWAY_SECRET,
  DEV_JWT_SECRET,
  parseEnv,
  subgraphUrls,
} from '@zhongtai/subgraph-kit';
import { z } from 'zod';
import { TOKEN_ISSUER } from './auth.ts';
import { DEFAULT_LIMITS } from './demand.ts';
import { corsOrigins } from './hardening.ts';

const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const DEFAULT_OPERATIONS_DIR = fileURLToPath(new URL('../../schema/operations', import.meta.url));

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

/** A JSON object of settings by apollographql-client-name, each checked by `value`; `{}` when unset. */
function perClient<T extends z.ZodType>(name: string, value: T) {
  return z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be JSON` });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), value));
}

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
    /** RS256 client tokens, beside HS256: a PEM public key (SPKI) or a JWKS endpoint, not both. */
    JWT_PUBLIC_KEY: z
      .string()
      .refine((pem) => /-----BEGIN PUBLIC KEY-----/.test(pem), 'JWT_PUBLIC_KEY must be a PEM public key')
      .optional(),
    JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** The `iss` (and, if set, `aud`) RS256 tokens must carry. */
    JWT_ISSUER: z.string().min(1).default(TOKEN_ISSUER),
    JWT_AUDIENCE: z.string().min(1).optional(),
    /** Origins allowed by CORS, comma-separated; unset: localhost origins outside production, none in it. */
    CORS_ORIGINS: corsOrigins,
    BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(DEFAULT_BODY_LIMIT),
    /** Trusted documents: `require` runs only each client's registered operations (production's default). */
    TRUSTED_DOCUMENTS: z.enum(['allow', 'require']).optional(),
    /** Where the clients' persisted query manifests are: `<dir>/<client>/persisted-query-manifest.json`. */
    PERSISTED_QUERIES_DIR: z.string().default(DEFAULT_OPERATIONS_DIR),
    /** The GraphiQL sandbox at `/`; on outside production unless set. */
    SANDBOX: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    /** Demand control: what one request may ask, checked before planning. */
    MAX_DEPTH: limit(DEFAULT_LIMITS.maxDepth),
    MAX_ALIASES: limit(DEFAULT_LIMITS.maxAliases),
    MAX_ROOT_FIELDS: limit(DEFAULT_LIMITS.maxRootFields),
    MAX_TOKENS: limit(DEFAULT_LIMITS.maxTokens),
    MAX_COST: limit(DEFAULT_LIMITS.maxCost),
    DEFAULT_LIST_SIZE: limit(DEFAULT_LIMITS.defaultListSize),
    /** Per-client overrides, by apollographql-client-name: `{"mobile": {"maxCost": 2000}}`. */
    CLIENT_LIMITS: perClient('CLIENT_LIMITS', clientLimits),
    /** Rate limits: requests a minute per user (per address when anonymous); 0 turns it off. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().nonnegative().default(600),
    /** Requests a minute for all of a client's traffic, by apollographql-client-name: `{"web": 20000}`. */
    CLIENT_RATE_LIMITS: perClient('CLIENT_RATE_LIMITS', z.number().int().positive()),
    /**
     * How many proxies in front of the router append to X-Forwarded-For (a load balancer: 1). The
     * default 0 ignores the header, which a client can fill with anything; set it behind a proxy, or
     * every anonymous caller shares the proxy's address and its rate limit bucket.
     */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** Rate limit buckets live in this Redis when set (shared by every router), else in memory. */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /** Serve /metrics on this port (on HOST) instead of the public one, where it then is not served. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** OTLP/HTTP collector for traces (spans go to <endpoint>/v1/traces); unset: no export. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine((env, ctx) => {
    // The development secrets are in this repository, so a production router must never accept them.
    if (env.JWT_PUBLIC_KEY !== undefined && env.JWKS_URL !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWKS_URL'],
        message: 'set JWT_PUBLIC_KEY or JWKS_URL, not both',
      });
    }
    if (env.NODE_ENV !== 'production') return;
    if (env.JWKS_URL?.startsWith('http:')) {
      ctx.addIssue({ code: 'custom', path: ['JWKS_URL'], message: 'JWKS_URL must be https in production' });
    }
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
