import { createFreshCenter } from '@zhongtai/fresh';
import { createInventoryCenter } from '@zhongtai/inventory';
import { createOrdersCenter } from '@zhongtai/orders';
import { createPaymentsCenter } from '@zhongtai/payments';
import { createProductsCenter, seedProducts } from '@zhongtai/products';
import { createReviewsCenter } from '@zhongtai/reviews';
import { createRouter, loadRouterConfig, type Router } from '@zhongtai/router';
import { freePort } from '@zhongtai/scripts/processes';
import { DEV_JWT_SECRET } from '@zhongtai/subgraph-kit/testing';
import { createUsersCenter, seedUsers } from '@zhongtai/users';

/**
 * Every center and the router in this process, each on its own port, talking real HTTP to each
 * other as in production. Tests use it where they need to reach into a center (its database, its
 * statement counter) while driving everything through the router.
 */
export async function startInProcess(
  database: { url: string | undefined; dataDir: string },
  options: { otlpEndpoint?: string } = {},
) {
  const common = {
    DATABASE_URL: database.url,
    DATA_DIR: database.dataDir,
    LOG_LEVEL: 'silent' as const,
    OTEL_EXPORTER_OTLP_ENDPOINT: options.otlpEndpoint,
  };
  const urls: Record<string, string> = {};
  const SUBGRAPH_URLS = () => ({ ...urls });
  const listen = async <C extends { listen(port: number): Promise<string> }>(
    name: string,
    center: C,
    port = 0,
  ) => {
    urls[name] = `${await center.listen(port)}/graphql`;
    return center;
  };
  // Orders and payments call each other (orders checks the payment it is told pays an order), so
  // the Payment Center's port is chosen before the Transaction Center is made.
  const paymentsPort = await freePort();
  urls.payments = `http://127.0.0.1:${paymentsPort}/graphql`;
  // Created in dependency order: a center that calls another learns its URL at creation.
  const users = await listen(
    'users',
    await createUsersCenter({ ...common, JWT_SECRET: DEV_JWT_SECRET, JWT_TTL: '1h' }),
  );
  const products = await listen('products', await createProductsCenter(common));
  const inventory = await listen(
    'inventory',
    await createInventoryCenter({ ...common, SUBGRAPH_URLS: SUBGRAPH_URLS() }),
  );
  const orders = await listen(
    'orders',
    await createOrdersCenter({
      ...common,
      SUBGRAPH_URLS: SUBGRAPH_URLS(),
      ORDER_TTL_SECONDS: 1800,
      EXPIRY_SWEEP_SECONDS: 3600,
    }),
  );
  const payments = await listen(
    'payments',
    await createPaymentsCenter({ ...common, SUBGRAPH_URLS: SUBGRAPH_URLS() }),
    paymentsPort,
  );
  const reviews = await listen(
    'reviews',
    await createReviewsCenter({ ...common, SUBGRAPH_URLS: SUBGRAPH_URLS() }),
  );
  // The Fresh business line's subgraph: it checks orders with the Transaction Center.
  const fresh = await listen('fresh', await createFreshCenter({ ...common, SUBGRAPH_URLS: SUBGRAPH_URLS() }));
  const subgraphUrls = Object.entries(urls)
    .map(([name, url]) => `${name}=${url}`)
    .join(',');
  const router: Router = createRouter(
    loadRouterConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      // Seven centers, PostgreSQL and the test runner share two cores here: no test of this
      // harness is about timeouts, and none should fail because the machine is busy.
      SUBGRAPH_TIMEOUT_MS: '20000',
      SUBGRAPH_MUTATION_TIMEOUT_MS: '120000',
      ...(options.otlpEndpoint ? { OTEL_EXPORTER_OTLP_ENDPOINT: options.otlpEndpoint } : {}),
      SUBGRAPH_URLS: subgraphUrls,
    }),
  );
  const routerUrl = `${await router.listen()}/graphql`;
  const centers = { users, products, inventory, orders, payments, reviews, fresh };
  return {
    routerUrl,
    /** SUBGRAPH_URLS for another router over the same centers. */
    subgraphUrls,
    centers,
    /** Sets every center's statement counter to zero. */
    resetStatements() {
      for (const center of Object.values(centers)) center.database.stats.statements = 0;
    },
    statements(): Record<string, number> {
      return Object.fromEntries(
        Object.entries(centers).map(([name, c]) => [name, c.database.stats.statements]),
      );
    },
    async stop() {
      await router.stop();
      for (const center of Object.values(centers)) await center.stop();
    },
  };
}

export type InProcessSupergraph = Awaited<ReturnType<typeof startInProcess>>;

/** `users` users, and `products` products sold by them: the catalog most end-to-end tests start from. */
export async function seedCatalog(
  supergraph: InProcessSupergraph,
  options: { users: number; products: number; seed: number },
) {
  const { users, products } = supergraph.centers;
  const { userIds } = await seedUsers(users.database.db, { count: options.users, seed: options.seed });
  const catalog = await seedProducts(products.database.db, {
    sellerIds: userIds,
    products: options.products,
    seed: options.seed,
  });
  return { userIds, ...catalog };
}
