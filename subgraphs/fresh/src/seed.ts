import { createRandom, type Database, newId } from '@zhongtai/subgraph-kit';
import type { FreshSchema } from './db/index.ts';
import { type NewFreshStock, type NewPickupSlot, type NewStore, pickupSlots, stores } from './db/schema.ts';
import { upsertFreshStock } from './repositories/stock.ts';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** Where Fresh has stores: city, its districts, and a point near its centre. */
const CITIES = [
  { city: '上海市', districts: ['浦东新区', '徐汇区', '静安区', '长宁区'], lat: 31.23, lng: 121.47 },
  { city: '杭州市', districts: ['西湖区', '滨江区', '拱墅区'], lat: 30.27, lng: 120.15 },
  { city: '北京市', districts: ['朝阳区', '海淀区', '东城区'], lat: 39.9, lng: 116.4 },
  { city: '深圳市', districts: ['南山区', '福田区'], lat: 22.54, lng: 114.06 },
  { city: '成都市', districts: ['锦江区', '武侯区'], lat: 30.66, lng: 104.07 },
] as const;

const STREETS = ['人民路', '中山路', '建国路', '解放路', '文三路', '科技园路', '滨江大道', '长江路'];

/** Pickup windows each day, in China Standard Time (UTC+8): [start hour, end hour]. */
const WINDOWS = [
  [9, 11],
  [11, 13],
  [15, 17],
  [17, 19],
  [19, 21],
] as const;

export interface SeedFreshOptions {
  /** The catalog's SKUs; Fresh stocks some of them. */
  skus: readonly { id: string; productId: string }[];
  /** How many stores: 6 by default. */
  stores?: number;
  /** How many of the catalog's products Fresh sells (all their SKUs): at most 300 by default. */
  products?: number;
  /** Days of pickup slots from today: 7 by default. */
  days?: number;
  seed?: number;
  now?: number;
}

export interface SeededFresh {
  storeIds: string[];
  slotIds: string[];
  /** The products Fresh sells, each stocked at one store at least. */
  productIds: string[];
  stockRows: number;
}

/**
 * Fresh's own data on top of a seeded catalog: stores in a few cities, pickup slots for the coming
 * days (five a day per store, 4 to 20 places each, a few already full), and per-store stock of a
 * sample of the catalog's products with sell-by times in the next days. The same seed gives the same
 * data (ids are fresh).
 */
export async function seedFresh(db: Database<FreshSchema>, options: SeedFreshOptions): Promise<SeededFresh> {
  const random = createRandom(options.seed ?? 1);
  const now = options.now ?? Date.now();
  const storeCount = options.stores ?? 6;
  const days = options.days ?? 7;

  const storeRows: NewStore[] = Array.from({ length: storeCount }, (_, i) => {
    const place = CITIES[i % CITIES.length]!;
    const district = random.pick(place.districts);
    return {
      id: newId(now - DAY),
      name: `盒马鲜生 ${district}${i >= CITIES.length ? ` ${Math.floor(i / CITIES.length) + 1}号` : ''}店`,
      city: place.city,
      district,
      address: `${random.pick(STREETS)}${random.int(1, 999)}号`,
      latitude: Math.round((place.lat + (random.next() - 0.5) * 0.2) * 1e6) / 1e6,
      longitude: Math.round((place.lng + (random.next() - 0.5) * 0.2) * 1e6) / 1e6,
      opensAt: random.chance(0.5) ? '07:00' : '08:00',
      closesAt: random.chance(0.5) ? '22:00' : '23:00',
    };
  });

  // Midnight today in China Standard Time, as a UTC instant.
  const todayCst = Math.floor((now + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  const slotRows: NewPickupSlot[] = [];
  for (const store of storeRows) {
    for (let day = 0; day < days; day++) {
      for (const [from, to] of WINDOWS) {
        const startsAt = todayCst + day * DAY + from * HOUR;
        if (startsAt <= now) continue;
        const capacity = random.int(4, 20);
        const booked = random.chance(0.1) ? capacity : random.int(0, Math.floor(capacity / 2));
        slotRows.push({
          id: newId(startsAt),
          storeId: store.id!,
          startsAt: new Date(startsAt),
          endsAt: new Date(todayCst + day * DAY + to * HOUR),
          capacity,
          booked,
        });
      }
    }
  }

  // The products Fresh sells: a spread sample of the catalog, each product with all its SKUs.
  const byProduct = new Map<string, string[]>();
  for (const sku of options.skus) {
    const list = byProduct.get(sku.productId);
    if (list) list.push(sku.id);
    else byProduct.set(sku.productId, [sku.id]);
  }
  const catalog = [...byProduct.keys()];
  const wanted = Math.min(catalog.length, options.products ?? 300);
  const step = catalog.length / Math.max(wanted, 1);
  const productIds = Array.from({ length: wanted }, (_, i) => catalog[Math.floor(i * step)]!);

  const stockRows: NewFreshStock[] = [];
  for (const [p, productId] of productIds.entries()) {
    for (const [s, store] of storeRows.entries()) {
      // Every product at one store at least (the first ones at every store); most stores carry most.
      if (p >= 10 && s !== p % storeRows.length && !random.chance(0.6)) continue;
      for (const skuId of byProduct.get(productId)!) {
        stockRows.push({
          storeId: store.id!,
          skuId,
          productId,
          available: random.chance(0.1) ? 0 : random.int(1, 80),
          bestBefore: new Date(now + random.int(12, 24 * 5) * HOUR),
        });
      }
    }
  }

  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database<FreshSchema>;
    if (storeRows.length > 0) await tx.insert(stores).values(storeRows);
    for (let i = 0; i < slotRows.length; i += 2_000) {
      await tx.insert(pickupSlots).values(slotRows.slice(i, i + 2_000));
    }
    await upsertFreshStock(tx, stockRows);
  });

  return {
    storeIds: storeRows.map((row) => row.id!),
    slotIds: slotRows.map((row) => row.id!),
    productIds,
    stockRows: stockRows.length,
  };
}
