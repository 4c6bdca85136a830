import { centerEnv, parseEnv } from '@zhongtai/subgraph-kit';
import { z } from 'zod';

const productsEnv = centerEnv({
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
});

export type ProductsConfig = z.infer<typeof productsEnv>;

export function loadProductsConfig(env: NodeJS.ProcessEnv = process.env): ProductsConfig {
  return parseEnv(productsEnv, env, 'the products center');
}
