import { type Database, newId } from '@zhongtai/subgraph-kit';
import type { FreshSchema } from '../src/db/index.ts';
import { type PickupSlotRow, pickupSlots, stores } from '../src/db/schema.ts';

type Db = Database<FreshSchema>;

const HOUR = 3600 * 1000;

/** A store of its own for one test. */
export async function createStore(db: Db, overrides: Partial<typeof stores.$inferInsert> = {}) {
  const [row] = await db
    .insert(stores)
    .values({
      id: newId(),
      name: `测试店 ${newId().slice(-6)}`,
      city: '测试市',
      district: '测试区',
      address: '测试路1号',
      latitude: 30.27,
      longitude: 120.15,
      opensAt: '08:00',
      closesAt: '22:00',
      ...overrides,
    })
    .returning();
  return row!;
}

/** A slot of a store, starting `inHours` from now, with `capacity` places and `booked` taken. */
export async function createSlot(
  db: Db,
  storeId: string,
  options: { inHours?: number; capacity?: number; booked?: number } = {},
): Promise<PickupSlotRow> {
  const startsAt = Date.now() + (options.inHours ?? 24) * HOUR;
  const [row] = await db
    .insert(pickupSlots)
    .values({
      id: newId(startsAt),
      storeId,
      startsAt: new Date(startsAt),
      endsAt: new Date(startsAt + 2 * HOUR),
      capacity: options.capacity ?? 10,
      booked: options.booked ?? 0,
    })
    .returning();
  return row!;
}

/** Fake catalog SKUs: `products` products with `skusEach` SKUs each. */
export const fakeSkus = (products: number, skusEach = 2) =>
  Array.from({ length: products }, () => newId()).flatMap((productId) =>
    Array.from({ length: skusEach }, () => ({ id: newId(), productId })),
  );
