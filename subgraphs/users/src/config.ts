import { centerEnv, DEV_JWT_SECRET, parseEnv } from '@zhongtai/subgraph-kit';
import { z } from 'zod';

const usersEnv = centerEnv({
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  /** Signs the JWTs this center issues; the router verifies them with the same secret. */
  JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
  JWT_TTL: z.string().default('7d'),
});

export type UsersConfig = z.infer<typeof usersEnv>;

export function loadUsersConfig(env: NodeJS.ProcessEnv = process.env): UsersConfig {
  return parseEnv(usersEnv, env, 'the users center');
}
