import { z } from 'zod';
import { parseServiceKey, parseTrustedKeys } from './trust.ts';

const SECRET_LIKE = /SECRET|PASSWORD|TOKEN|KEY|URL/i;

/** A configuration mistake: its message says all there is to say, so it is printed without a stack. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment against a zod schema and fails fast with every problem listed, so a
 * misconfigured process stops at start instead of at its first request.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, who: string): z.infer<S> {
  // An empty variable (`DATABASE_URL= npm start`) means "unset", as in most shells' conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(root)';
      const variable = typeof issue.path[0] === 'string' ? issue.path[0] : '';
      // The value is shown, so a mistake reads as itself; never a secret's, nor a URL's (it may hold a password).
      const given = SECRET_LIKE.test(variable) ? undefined : present[variable];
      // A coerced number reports what coercion made of the value ("received NaN"), not the value.
      const message = issue.message.replace(/, received NaN$/, '');
      return `  - ${name}: ${message}${given === undefined ? '' : ` (given: ${JSON.stringify(given)})`}`;
    });
    throw new ConfigError(`Invalid configuration for ${who}:\n${problems.join('\n')}`);
  }
  return result.data;
}

// Development default only: production refuses to start without a real secret (see `centerEnv`).
export const DEV_JWT_SECRET = 'zhongtai-dev-jwt-secret-change-me';

const port = z.coerce.number().int().min(0).max(65535);

/** A text setting parsed by `parse`, its error message reported as the setting's problem. */
const parsedSetting = <T>(parse: (text: string) => T) =>
  z
    .string()
    .optional()
    .transform((text, ctx): T | undefined => {
      if (text === undefined) return undefined;
      try {
        return parse(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    })
    .optional();

/** `SERVICE_KEY`: this service's Ed25519 private key (PEM, or base64 of PKCS#8 DER); see trust.ts. */
export const serviceKeySetting = parsedSetting(parseServiceKey);
/** `TRUSTED_KEYS=service=<public key>,...`: whose signatures a center accepts; see trust.ts. */
export const trustedKeysSetting = parsedSetting(parseTrustedKeys);

type ProductionKeys = { NODE_ENV?: string; SERVICE_KEY?: { dev: boolean } | undefined };

/**
 * In production a service's key is configuration, and never one `npm start` made: those live
 * unencrypted on a developer's machine.
 */
export function requireProductionKey(env: ProductionKeys, ctx: z.RefinementCtx) {
  if (env.NODE_ENV !== 'production') return;
  if (!env.SERVICE_KEY) {
    ctx.addIssue({ code: 'custom', path: ['SERVICE_KEY'], message: 'SERVICE_KEY must be set in production' });
  } else if (env.SERVICE_KEY.dev) {
    ctx.addIssue({
      code: 'custom',
      path: ['SERVICE_KEY'],
      message: 'SERVICE_KEY is a development key; production needs its own',
    });
  }
}

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
  /**
   * Connections this process keeps to DATABASE_URL at most. Every replica has its own pool: keep
   * replicas × pool (plus the other centers' on the same server) under its max_connections; see
   * docs/scaling.md.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  DATA_DIR: z.string().default('.data'),
  /**
   * Milliseconds to wait for another process to let go of this center's embedded database under
   * DATA_DIR before failing. `npm start` sets it: its centers load while the first run's seeding
   * still holds their databases. 0 fails at once, so a second start on one DATA_DIR stops clearly.
   */
  DATA_DIR_WAIT_MS: z.coerce.number().int().min(0).default(0),
  /** This center's own key: it signs the calls it makes to other centers. Unset outside production: a development key. */
  SERVICE_KEY: serviceKeySetting,
  /** The public keys of the services it accepts calls from. Unset outside production: the development keys. */
  TRUSTED_KEYS: trustedKeysSetting,
  /** Serve /metrics on this port (on HOST) instead of behind a signed request on the public one. */
  METRICS_PORT: port.optional(),
  SUBGRAPH_URLS: subgraphUrls,
  /** OTLP/HTTP collector for the center's spans (sent to <endpoint>/v1/traces); unset: none exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
});

/**
 * The settings every center shares, extended with a center's own. In production keys must be
 * configured and not development ones, and the development JWT secret (in this repository) is refused.
 */
export function centerEnv<E extends z.ZodRawShape>(extra: E) {
  return centerEnvShape.extend(extra).superRefine((env, ctx) => {
    const values = env as Record<string, unknown> & z.infer<typeof centerEnvShape>;
    requireProductionKey(values, ctx);
    if (values.NODE_ENV !== 'production') return;
    if (!values.TRUSTED_KEYS || values.TRUSTED_KEYS.size === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['TRUSTED_KEYS'],
        message: 'TRUSTED_KEYS must be set in production',
      });
    } else if ([...values.TRUSTED_KEYS.values()].some((key) => key.dev)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TRUSTED_KEYS'],
        message: 'TRUSTED_KEYS holds development keys; production needs its own',
      });
    }
    if (values.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET must be set in production' });
    }
  });
}

export type CenterEnv = z.infer<typeof centerEnvShape>;
