import { randomUUID } from 'node:crypto';
import { createInventoryCenter, schema as inventorySchema, setStock } from '@zhongtai/inventory';
import { createProductsCenter, seedProducts } from '@zhongtai/products';
import { chunk, type Identity, newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase, DEV_JWT_SECRET, executeAs } from '@zhongtai/subgraph-kit/testing';
import { createUsersCenter } from '@zhongtai/users';
import { eq, sql } from 'drizzle-orm';
import type { OrderStatus } from './db/schema.ts';
import { insertOrderLines, insertOrders } from './repositories/orders.ts';
import { createOrdersCenter, type OrdersCenter } from './server.ts';

export const as = (userId: string): Identity => ({ userId, scopes: [] });

export interface CatalogSku {
  id: string;
  productId: string;
  title: string;
  price: number;
  currency: string;
}

/**
 * For tests (this center's, and those of centers that call it): the Transaction Center with the
 * real centers it calls (users, products, inventory) in this process, each listening on a free port
 * and all on the test file's own database. The Transaction Center itself does not listen until a
 * caller asks it to.
 */
export async function startCenters(
  label: string,
  settings: { ttlSeconds?: number; sweepSeconds?: number; paymentsUrl?: string } = {},
) {
  const testDb = await createTestDatabase(label);
  const common = {
    DATABASE_URL: testDb.url,
    DATA_DIR: testDb.dataDir,
    LOG_LEVEL: 'silent' as const,
  };
  const users = await createUsersCenter({ ...common, JWT_SECRET: DEV_JWT_SECRET, JWT_TTL: '1h' });
  const products = await createProductsCenter(common);
  const inventory = await createInventoryCenter(common);
  const SUBGRAPH_URLS: Record<string, string> = {
    users: `${await users.listen(0)}/graphql`,
    products: `${await products.listen(0)}/graphql`,
    inventory: `${await inventory.listen(0)}/graphql`,
    // Where the caller's Payment Center will listen: this center checks payments with it.
    ...(settings.paymentsUrl ? { payments: settings.paymentsUrl } : {}),
  };
  const ordersConfig = {
    ...common,
    SUBGRAPH_URLS,
    ORDER_TTL_SECONDS: settings.ttlSeconds ?? 1800,
    EXPIRY_SWEEP_SECONDS: settings.sweepSeconds ?? 0,
  };
  const orders = await createOrdersCenter(ordersConfig);

  return {
    orders,
    users,
    products,
    inventory,
    db: orders.database.db,
    ordersConfig,
    /** What every center of this set is configured with: the database and log level. */
    common,
    /** Where the users, products and inventory centers listen. */
    SUBGRAPH_URLS,

    /**
     * Another Transaction Center with other settings (its own sweeper, a center that is down), on the
     * same PostgreSQL database or on a PGlite of its own; the caller stops it.
     */
    anotherOrdersCenter: (overrides: Partial<typeof ordersConfig>) =>
      createOrdersCenter({ ...ordersConfig, ...overrides }),

    /** A few products of a seller of its own, with 100 units of each SKU in stock. */
    async catalog(products = 3, available = 100): Promise<CatalogSku[]> {
      const { skus } = await seedProducts(productsDb(), {
        sellerIds: [newId()],
        products,
        seed: Math.floor(Math.random() * 1e9),
      });
      for (const sku of skus) await setStock(inventory.database.db, sku.id, available);
      return skus.map(({ id, productId, title, price, currency }) => ({
        id,
        productId,
        title,
        price,
        currency,
      }));
    },

    async setStock(skuId: string, available: number) {
      await setStock(inventory.database.db, skuId, available);
    },

    async stock(skuId: string): Promise<{ available: number; reserved: number }> {
      const result = await executeAs<{ _entities: { stock: { available: number; reserved: number } }[] }>(
        inventory,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { stock { available reserved } } } }',
        { r: [{ __typename: 'Sku', id: skuId }] },
      );
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!._entities[0]!.stock;
    },

    /**
     * `count` unpaid orders of buyers of their own, one unit each of SKUs of a catalog of their own,
     * stored straight through the repositories with their stock reserved by the Inventory Center:
     * past their deadline when `overdue`, as if that many had run out of time at once.
     */
    async reservedOrders(count: number, options: { overdue: boolean }) {
      const skus = await this.catalog(Math.ceil(count / 100), 100);
      const placedAt = new Date(Date.now() - 3600_000);
      const rows = Array.from({ length: count }, (_, i) => ({
        id: newId(),
        buyerId: newId(),
        sku: skus[i % skus.length]!,
      }));
      await insertOrders(
        orders.database.db,
        rows.map((row) => ({
          id: row.id,
          buyerId: row.buyerId,
          idempotencyKey: randomUUID(),
          status: 'PENDING_PAYMENT' as const,
          totalAmount: row.sku.price,
          placedAt,
          expiresAt: new Date(Date.now() + (options.overdue ? -1000 : 1800_000)),
        })),
      );
      await insertOrderLines(
        orders.database.db,
        rows.map((row) => ({
          orderId: row.id,
          position: 0,
          skuId: row.sku.id,
          productId: row.sku.productId,
          title: row.sku.title,
          unitPriceAmount: row.sku.price,
          currency: row.sku.currency,
          quantity: 1,
        })),
      );
      // Reserved as the Inventory Center records a reservation, in a few statements rather than one
      // call per order: the stock leaves `available` for `reserved`, one RESERVED row per order.
      const { reservations, reservationLines, stock } = inventorySchema;
      await inventory.database.db.transaction(async (tx) => {
        for (const part of chunk(rows, 1000)) {
          await tx.insert(reservations).values(part.map((row) => ({ reference: row.id })));
          await tx
            .insert(reservationLines)
            .values(part.map((row) => ({ reference: row.id, skuId: row.sku.id, quantity: 1 })));
        }
        for (const sku of skus) {
          const taken = rows.filter((row) => row.sku.id === sku.id).length;
          await tx
            .update(stock)
            .set({
              available: sql`${stock.available} - ${taken}`,
              reserved: sql`${stock.reserved} + ${taken}`,
            })
            .where(eq(stock.skuId, sku.id));
        }
      });
      return {
        skus,
        orders: rows.map(({ id, buyerId, sku }) => ({
          id,
          buyerId,
          skuId: sku.id,
          total: { amount: sku.price, currency: sku.currency },
        })),
      };
    },

    /** A signed-up user of the User Center, with the given addresses (the first is the default). */
    async signUp(addresses: { recipient: string; city?: string }[] = []) {
      const result = await executeAs<{ signUp: { user: { id: string } } }>(
        users,
        'mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }',
        {
          input: {
            email: `buyer-${randomUUID()}@example.com`,
            password: 'correct horse battery',
            displayName: 'Wang Fang',
          },
        },
      );
      const userId = result.data!.signUp.user.id;
      const addressIds: string[] = [];
      for (const address of addresses) {
        const added = await executeAs<{ addAddress: { id: string } }>(
          users,
          'mutation($input: AddressInput!) { addAddress(input: $input) { id } }',
          {
            input: {
              recipient: address.recipient,
              phone: '13800138000',
              province: '浙江省',
              city: address.city ?? '杭州市',
              district: '西湖区',
              line1: '文三路 90 号',
              postalCode: '310012',
            },
          },
          as(userId),
        );
        addressIds.push(added.data!.addAddress.id);
      }
      return { id: userId, addressIds };
    },

    async stop() {
      await orders.stop();
      await inventory.stop();
      await products.stop();
      await users.stop();
      await testDb.drop();
    },
  };

  function productsDb() {
    return products.database.db;
  }
}

export type Centers = Awaited<ReturnType<typeof startCenters>>;

export interface StoredOrder {
  id: string;
  buyerId: string;
  number: string;
}

/**
 * Stores an order straight through the repositories (no other center involved), placed `ageMs` ago
 * so that ids, and so newest-first order, follow the order of the calls.
 */
export async function insertOrder(
  center: OrdersCenter,
  order: {
    buyerId: string;
    status?: OrderStatus;
    lines?: { skuId?: string; productId?: string; price?: number; quantity?: number }[];
    placedAt?: Date;
  },
): Promise<StoredOrder> {
  const placedAt = order.placedAt ?? new Date();
  const id = newId(placedAt.getTime());
  const lines = (order.lines ?? [{}]).map((line, position) => ({
    orderId: id,
    position,
    skuId: line.skuId ?? newId(),
    productId: line.productId ?? newId(),
    title: `Product ${position + 1}`,
    unitPriceAmount: line.price ?? 9900,
    currency: 'CNY',
    quantity: line.quantity ?? 1,
  }));
  const status = order.status ?? 'PENDING_PAYMENT';
  await insertOrders(center.database.db, [
    {
      id,
      buyerId: order.buyerId,
      idempotencyKey: randomUUID(),
      status,
      totalAmount: lines.reduce((sum, line) => sum + line.unitPriceAmount * line.quantity, 0),
      placedAt,
      expiresAt: new Date(placedAt.getTime() + 30 * 60 * 1000),
      paidAt: status === 'PENDING_PAYMENT' || status === 'CANCELLED' ? null : placedAt,
    },
  ]);
  await insertOrderLines(center.database.db, lines);
  const [row] = await center.database.db.query.orders.findMany({ where: (o, { eq }) => eq(o.id, id) });
  return { id, buyerId: order.buyerId, number: row!.number };
}
