import { centerEnv, parseEnv } from '@zhongtai/subgraph-kit';
import { z } from 'zod';

const inventoryEnv = centerEnv({
  PORT: z.coerce.number().int().min(0).max(65535).default(4003),
});

export type InventoryConfig = z.infer<typeof inventoryEnv>;

export function loadInventoryConfig(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  return parseEnv(inventoryEnv, env, 'the inventory center');
}
