import { centerEnv, parseEnv } from '@zhongtai/subgraph-kit';
import { z } from 'zod';

const freshEnv = centerEnv({
  PORT: z.coerce.number().int().min(0).max(65535).default(4010),
});

export type FreshConfig = z.infer<typeof freshEnv>;

export function loadFreshConfig(env: NodeJS.ProcessEnv = process.env): FreshConfig {
  return parseEnv(freshEnv, env, 'the fresh subgraph');
}
