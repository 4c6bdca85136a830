import { isAbsolute, resolve } from 'node:path';
import { parseEnv } from '@zhongtai/subgraph-kit/config';
import { z } from 'zod';
import { REPO_ROOT } from './supergraph-config.ts';

const scriptsEnv = z.object({
  /** A real PostgreSQL for every center (each in its own schema); unset means embedded PGlite. */
  DATABASE_URL: z.url().optional(),
  /** Where the embedded databases live; relative paths are from the repository root. */
  DATA_DIR: z.string().default('.data'),
  /** The router's port; the centers' ports come from schema/supergraph.yaml. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  SEED_SCALE: z.enum(['small', 'medium', 'large']).default('small'),
});

export type ScriptsConfig = z.infer<typeof scriptsEnv> & { dataDir: string };

export function loadScriptsConfig(env: NodeJS.ProcessEnv = process.env): ScriptsConfig {
  const config = parseEnv(scriptsEnv, env, 'Zhongtai scripts');
  const dataDir = config.DATA_DIR.startsWith('memory://')
    ? config.DATA_DIR
    : isAbsolute(config.DATA_DIR)
      ? config.DATA_DIR
      : resolve(REPO_ROOT, config.DATA_DIR);
  return { ...config, dataDir };
}

/** The variables a child process of ours (center or router) is started with. */
export function childEnv(
  config: Pick<ScriptsConfig, 'DATABASE_URL' | 'dataDir' | 'LOG_LEVEL'>,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: config.dataDir, LOG_LEVEL: config.LOG_LEVEL };
  if (config.DATABASE_URL) env.DATABASE_URL = config.DATABASE_URL;
  else delete env.DATABASE_URL;
  return env;
}
