import { fileURLToPath } from 'node:url';
import {
  DEFAULT_BODY_LIMIT,
  DEV_JWT_SECRET,
  parseEnv,
  requireProductionKey,
  serviceKeySetting,
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

/** A JSON object of settings by name (a client's, a subgraph's), each checked by `value`; `{}` when unset. */
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
    /**
     * The router's Ed25519 private key (PEM, or base64 of PKCS#8 DER): it signs a token for every
     * subgraph fetch, which centers check with its public key. Unset outside production: this
     * machine's development key. See docs/trust.md.
     */
    SERVICE_KEY: serviceKeySetting,
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
    /**
     * Answers to requests sent with `x-zhongtai-debug: plan` carry `extensions.queryPlan` and
     * `extensions.fetches`; on outside production unless set, as they show how the graph is split.
     */
    EXPOSE_QUERY_PLANS: z
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
    /** Client names counted under their own metric label besides those with registered operations, comma-separated. */
    ROUTER_METRICS_CLIENTS: z
      .string()
      .default('')
      .transform((list) =>
        list
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      ),
    /** How many other client names get their own label, first come first served, before the rest count as (other). */
    ROUTER_METRICS_EXTRA_CLIENTS: z.coerce.number().int().min(0).max(1000).default(20),
    /** Serve /metrics on this port (on HOST) instead of the public one, where it then is not served. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** `native` (Hive's Rust planner and our executor) or `apollo` (@apollo/gateway's, the reference). */
    ROUTER_ENGINE: z.enum(['native', 'apollo']).default('native'),
    /** How long one subgraph query may take, in ms; per subgraph in SUBGRAPH_TIMEOUTS: `{"inventory": 1000}`. */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
    SUBGRAPH_TIMEOUTS: perClient('SUBGRAPH_TIMEOUTS', z.number().int().positive()),
    /** Mutations wait longer: cut short, the client cannot tell whether the order was placed. */
    SUBGRAPH_MUTATION_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    /** Keep-alive connections per subgraph; requests beyond them queue. */
    SUBGRAPH_CONNECTIONS: z.coerce.number().int().positive().default(64),
    /** Identical queries in flight to one subgraph for one caller share a fetch. */
    SUBGRAPH_DEDUP: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .default(true),
    /** A query request's whole time budget, in ms: later subgraph queries get only what is left of it. */
    ROUTER_REQUEST_DEADLINE_MS: z.coerce.number().int().positive().default(10_000),
    /** Further attempts of a subgraph query whose connection failed, with jittered backoff (0: none). */
    SUBGRAPH_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
    /** Consecutive failures of a subgraph that open its circuit breaker (0: no breakers). */
    SUBGRAPH_BREAKER_FAILURES: z.coerce.number().int().min(0).default(5),
    /** How long an open breaker fails fetches at once before one probe may go. */
    SUBGRAPH_BREAKER_COOLDOWN_MS: z.coerce.number().int().positive().default(2000),
    /** Fetches in flight to one subgraph; past it, fetches fail at once with SUBGRAPH_UNAVAILABLE. */
    SUBGRAPH_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(1024),
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
    requireProductionKey(env, ctx);
  });

export type RouterConfig = z.infer<typeof routerEnv>;

export function loadRouterConfig(env: NodeJS.ProcessEnv = process.env): RouterConfig {
  return parseEnv(routerEnv, env, 'the router');
}
