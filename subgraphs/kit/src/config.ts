import { z } from 'zod';

/**
 * Parses the environment against a zod schema and fails fast with every problem listed, so a
 * misconfigured process stops at start instead of at its first request.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, who: string): z.infer<S> {
  // An empty variable (`DATABASE_URL= npm start`) means "unset", as in most shells' conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration for ${who}:\n${problems.join('\n')}`);
  }
  return result.data;
}

// Development defaults only: production refuses to start without real secrets (see `centerEnv`).
export const DEV_GATEWAY_SECRET = 'zhongtai-dev-gateway-secret-change-me';
export const DEV_JWT_SECRET = 'zhongtai-dev-jwt-secret-change-me';

const port = z.coerce.number().int().min(0).max(65535);

/**
 * `SUBGRAPH_URLS=name=url,name=url`: where each subgraph really is. The router uses it over the
 * supergraph's routing URLs; a center that calls another center directly finds it here.
 */
export const subgraphUrls = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const urls: Record<string, string> = {};
    for (const entry of (value ?? '').split(',')) {
      if (entry.trim() === '') continue;
      const at = entry.indexOf('=');
      const name = entry.slice(0, at).trim();
      const url = entry.slice(at + 1).trim();
      if (at < 1 || name === '' || !URL.canParse(url)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not of the form name=http://host:port/graphql`,
        });
        return z.NEVER;
      }
      urls[name] = url;
    }
    return urls;
  });

/** The default address of each center (domain.md), used when SUBGRAPH_URLS does not name it. */
export const DEFAULT_CENTER_PORTS: Readonly<Record<string, number>> = {
  users: 4001,
  products: 4002,
  inventory: 4003,
  orders: 4004,
  payments: 4005,
  reviews: 4006,
};

export function centerUrl(urls: Readonly<Record<string, string>>, name: string): string {
  const known = urls[name];
  if (known) return known;
  const port = DEFAULT_CENTER_PORTS[name];
  if (!port) throw new Error(`No URL for the ${name} center: set it in SUBGRAPH_URLS`);
  return `http://127.0.0.1:${port}/graphql`;
}

const centerEnvShape = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default('.data'),
  /**
   * Milliseconds to wait for another process to let go of this center's embedded database under
   * DATA_DIR before failing. `npm start` sets it: its centers load while the first run's seeding
   * still holds their databases. 0 fails at once, so a second start on one DATA_DIR stops clearly.
   */
  DATA_DIR_WAIT_MS: z.coerce.number().int().min(0).default(0),
  GATEWAY_SECRET: z.string().min(16).default(DEV_GATEWAY_SECRET),
  SUBGRAPH_URLS: subgraphUrls,
  /** OTLP/HTTP collector for the center's spans (sent to <endpoint>/v1/traces); unset: none exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
});

/**
 * The settings every center shares, extended with a center's own. In production the shared
 * development secrets are refused, so a deployment cannot run with a secret from this repository.
 */
export function centerEnv<E extends z.ZodRawShape>(extra: E) {
  return centerEnvShape.extend(extra).superRefine((env, ctx) => {
    const values = env as Record<string, unknown>;
    if (values.NODE_ENV !== 'production') return;
    for (const [key, devValue] of [
      ['GATEWAY_SECRET', DEV_GATEWAY_SECRET],
      ['JWT_SECRET', DEV_JWT_SECRET],
    ] as const) {
      if (values[key] === devValue) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} must be set in production` });
      }
    }
  });
}

export type CenterEnv = z.infer<typeof centerEnvShape>;
