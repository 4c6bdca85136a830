/**
 * Starts the compatibility suite's products subgraph: the kit center on a free loopback port, and the
 * signing front (../signing-front.ts) on PORT, where the suite and the router reach it at /graphql.
 * pm2 starts this through ../../pm2.products.config.cjs.
 */
import {
  centerEnv,
  createLogger,
  listen,
  parseEnv,
  serviceTrust,
  stopOnSignals,
} from '@zhongtai/subgraph-kit';
import { z } from 'zod';
import { createSigningFront } from '../signing-front.ts';
import { CENTER, createCompatProductsCenter } from './center.ts';

const config = parseEnv(
  centerEnv({ PORT: z.coerce.number().int().min(0).max(65535).default(4001) }),
  process.env,
  'the compatibility products subgraph',
);
const logger = createLogger(CENTER, config.LOG_LEVEL);
const trust = serviceTrust(CENTER, config);
const center = await createCompatProductsCenter({ trust, logger });
const centerUrl = await center.listen(0, config.HOST);
const front = createSigningFront({ target: centerUrl, audience: CENTER, logger });
const frontUrl = await listen(front, config.PORT, config.HOST);
logger.info({ url: `${frontUrl}/graphql`, center: `${centerUrl}/graphql` }, 'compat products subgraph ready');

stopOnSignals(async () => {
  const closed = new Promise<void>((resolve) => front.close(() => resolve()));
  front.closeAllConnections();
  await closed;
  await center.stop();
}, logger);
