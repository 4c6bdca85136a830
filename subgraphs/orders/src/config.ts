import { centerEnv, parseEnv } from '@zhongtai/subgraph-kit';
import { z } from 'zod';

const ordersEnv = centerEnv({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  /** How long a placed order waits for its payment before it is cancelled and its stock released. */
  ORDER_TTL_SECONDS: z.coerce.number().int().min(1).default(1800),
  /** How often the sweeper looks for unpaid orders past their expiry; 0 turns it off. */
  EXPIRY_SWEEP_SECONDS: z.coerce.number().int().min(0).default(30),
});

export type OrdersConfig = z.infer<typeof ordersEnv>;

export function loadOrdersConfig(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  return parseEnv(ordersEnv, env, 'the orders center');
}
