import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** The stand-in binds loopback only, whatever address the router config names. */
export const LOOPBACK = '127.0.0.1';

/** A subgraph as a session hands it to the leading session. */
export interface DevSubgraph {
  name: string;
  url: string;
  sdl: string;
}

/** What one `rover dev` session contributes: a subgraph, and where the shared router listens. */
export interface DevOptions {
  name: string;
  url: string;
  /** An SDL file; without one the subgraph is introspected (`_service { sdl }`), as rover does. */
  schema: string | undefined;
  routerPort: number;
  /** The router's health check port, or null when the router config turns it off. */
  healthPort: number | null;
}

// Apollo Router's defaults, which rover dev keeps unless the router config says otherwise.
const DEFAULT_ROUTER_PORT = 4000;
const DEFAULT_HEALTH_PORT = 8088;

const portOf = (listen: string) => {
  const port = Number(listen.slice(listen.lastIndexOf(':') + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`"${listen}" names no port`);
  return port;
};

// Only the parts of Apollo Router's YAML config the stand-in acts on; the rest (cors, sandbox,
// include_subgraph_errors...) configures Apollo Router features ours does not have, and is ignored.
const routerConfigSchema = z
  .object({
    supergraph: z.object({ listen: z.string().optional() }).passthrough().optional(),
    health_check: z
      .object({ listen: z.string().optional(), enabled: z.boolean().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough()
  .nullable();

export function readRouterConfig(path: string | undefined): Pick<DevOptions, 'routerPort' | 'healthPort'> {
  if (path === undefined) return { routerPort: DEFAULT_ROUTER_PORT, healthPort: DEFAULT_HEALTH_PORT };
  const parsed = routerConfigSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a router config:\n${z.prettifyError(parsed.error)}`);
  const config = parsed.data ?? {};
  const listen = config.supergraph?.listen;
  const health = config.health_check;
  return {
    routerPort: listen ? portOf(listen) : DEFAULT_ROUTER_PORT,
    healthPort:
      health?.enabled === false ? null : health?.listen ? portOf(health.listen) : DEFAULT_HEALTH_PORT,
  };
}

export function parseDevArgs(args: string[]): DevOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      name: { type: 'string', short: 'n' },
      url: { type: 'string', short: 'u' },
      schema: { type: 'string', short: 's' },
      'router-config': { type: 'string' },
      'supergraph-port': { type: 'string' },
    },
  });
  if (!values.name || !/^[A-Za-z][\w-]*$/.test(values.name)) throw new Error('--name <subgraph> is required');
  if (!values.url || !URL.canParse(values.url)) throw new Error('--url <subgraph url> is required');
  const ports = readRouterConfig(values['router-config']);
  if (values['supergraph-port'] !== undefined) ports.routerPort = portOf(`:${values['supergraph-port']}`);
  return { name: values.name, url: values.url, schema: values.schema, ...ports };
}
