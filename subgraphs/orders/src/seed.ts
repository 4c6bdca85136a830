import { createRandom, type Database, newId, type Random } from '@zhongtai/subgraph-kit';
import type { OrdersSchema } from './db/index.ts';
import type { OrderStatus, ShippingAddressSnapshot } from './db/schema.ts';
import { insertOrderLines, insertOrders, type NewOrder, type NewOrderLine } from './repositories/orders.ts';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const TWO_YEARS_MS = 2 * 365 * DAY;
const TTL_MS = 30 * MINUTE;
// Generated and inserted this many orders at a time, so memory stays flat however many are asked for.
const BATCH = 4000;

// Where parcels go: a province, one of its cities and districts, and a postal code prefix.
const PLACES = [
  ['浙江省', '杭州市', ['西湖区', '滨江区', '余杭区', '拱墅区'], '310'],
  ['上海市', '上海市', ['浦东新区', '徐汇区', '静安区', '闵行区'], '200'],
  ['北京市', '北京市', ['朝阳区', '海淀区', '东城区', '丰台区'], '100'],
  ['广东省', '深圳市', ['南山区', '福田区', '宝安区', '龙岗区'], '518'],
  ['广东省', '广州市', ['天河区', '越秀区', '海珠区', '番禺区'], '510'],
  ['江苏省', '南京市', ['鼓楼区', '玄武区', '建邺区', '江宁区'], '210'],
  ['四川省', '成都市', ['武侯区', '锦江区', '高新区', '青羊区'], '610'],
  ['湖北省', '武汉市', ['洪山区', '武昌区', '江汉区', '汉阳区'], '430'],
  ['陕西省', '西安市', ['雁塔区', '碑林区', '未央区', '长安区'], '710'],
  ['福建省', '厦门市', ['思明区', '湖里区', '集美区', '海沧区'], '361'],
] as const;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡'];
const GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
];
const STREETS = ['文三路', '人民路', '解放路', '中山路', '建国路', '长江路', '和平路', '学院路', '科技路'];
const PHONE_PREFIXES = ['138', '139', '136', '158', '159', '186', '187', '135', '177', '199'];

function address(random: Random): ShippingAddressSnapshot {
  const [province, city, districts, postal] = random.pick(PLACES);
  return {
    recipient:
      random.pick(SURNAMES) + random.pick(GIVEN_NAMES) + (random.chance(0.5) ? random.pick(GIVEN_NAMES) : ''),
    phone: random.pick(PHONE_PREFIXES) + String(random.int(0, 99_999_999)).padStart(8, '0'),
    province,
    city,
    district: random.pick(districts),
    line1: `${random.pick(STREETS)}${random.int(1, 999)}号 ${random.int(1, 30)}幢${random.int(101, 2802)}室`,
    postalCode: random.chance(0.8) ? `${postal}${String(random.int(0, 999)).padStart(3, '0')}` : null,
  };
}

// 1 to 4 lines, most orders with one or two; most lines with one unit.
const LINE_COUNTS = [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4];
const QUANTITIES = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 5];

/** Where an order of this age stands: old orders are delivered, recent ones paid or on their way. */
function statusFor(random: Random, ageMs: number): OrderStatus {
  if (random.chance(0.08)) return 'CANCELLED';
  if (ageMs < 2 * DAY) return random.chance(0.7) ? 'PAID' : 'SHIPPED';
  if (ageMs < 7 * DAY) return random.chance(0.8) ? 'SHIPPED' : 'DELIVERED';
  return 'DELIVERED';
}

export interface SeedOrdersOptions {
  /** Who buys: each order gets one of them, the first ones more often. */
  buyers: string[];
  /** What can be ordered, with the title and price that orders snapshot. */
  skus: { id: string; productId: string; title: string; price: number; currency: string }[];
  count: number;
  seed?: number;
  /** The end of the two years that orders spread over; now by default. */
  now?: number;
}

export interface SeededOrder {
  id: string;
  buyerId: string;
  total: number;
  status: OrderStatus;
  placedAt: Date;
  paidAt: Date | null;
}

/**
 * Believable order history: `count` orders over the last two years with 1 to 4 lines each, mostly
 * paid, shipped or delivered, some cancelled (by the buyer or unpaid in time), and about one in a
 * hundred placed in the last half hour and still waiting for payment. The same seed gives the same
 * orders (ids and order numbers are fresh). Multi-row inserts in one transaction, so a failed seed
 * leaves nothing behind.
 */
export async function seedOrders(
  db: Database<OrdersSchema>,
  options: SeedOrdersOptions,
): Promise<{ orders: SeededOrder[] }> {
  if (options.count > 0 && (options.buyers.length === 0 || options.skus.length === 0)) {
    throw new Error('seedOrders needs at least one buyer and one SKU');
  }
  const random = createRandom(options.seed ?? 1);
  const now = options.now ?? Date.now();
  const seeded: SeededOrder[] = [];

  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database<OrdersSchema>;
    for (let start = 0; start < options.count; start += BATCH) {
      const orderRows: NewOrder[] = [];
      const lineRows: NewOrderLine[] = [];
      for (let n = start; n < Math.min(options.count, start + BATCH); n++) {
        const pending = random.chance(0.01);
        // Spread over two years up to an hour ago, in order, so newest first is insertion backwards;
        // the few unpaid ones are from the last 25 minutes, before their 30 minutes are up.
        const placedAt = new Date(
          pending
            ? now - random.int(1, 25 * 60) * 1000
            : now - TWO_YEARS_MS + ((n + random.next()) / options.count) * (TWO_YEARS_MS - 60 * MINUTE),
        );
        const status = pending ? 'PENDING_PAYMENT' : statusFor(random, now - placedAt.getTime());
        const id = newId(placedAt.getTime());
        // Buyers early in the list order more: a few loyal customers, many occasional ones.
        const buyerId = options.buyers[Math.floor(random.next() ** 1.5 * options.buyers.length)]!;

        const lineCount = Math.min(random.pick(LINE_COUNTS), options.skus.length);
        const picked = new Set<number>();
        while (picked.size < lineCount) picked.add(random.int(0, options.skus.length - 1));
        const ordered = [...picked].map((index) => options.skus[index]!);
        let total = 0;
        let position = 0;
        for (const sku of ordered) {
          const quantity = random.pick(QUANTITIES);
          total += sku.price * quantity;
          lineRows.push({
            orderId: id,
            position: position++,
            skuId: sku.id,
            productId: sku.productId,
            title: sku.title,
            unitPriceAmount: sku.price,
            currency: sku.currency,
            quantity,
          });
        }

        const expiresAt = new Date(placedAt.getTime() + TTL_MS);
        const paid = status === 'PAID' || status === 'SHIPPED' || status === 'DELIVERED';
        const paidAt = paid ? new Date(placedAt.getTime() + random.int(20, 20 * 60) * 1000) : null;
        const expired = status === 'CANCELLED' && random.chance(0.5);
        const cancelledAt =
          status !== 'CANCELLED'
            ? null
            : expired
              ? expiresAt
              : new Date(placedAt.getTime() + random.int(30, 25 * 60) * 1000);
        orderRows.push({
          id,
          buyerId,
          idempotencyKey: `seed-${options.seed ?? 1}-${n}`,
          status,
          totalAmount: total,
          currency: ordered[0]!.currency,
          shippingAddress: address(random),
          placedAt,
          expiresAt,
          paidAt,
          cancelledAt,
          cancelReason: status !== 'CANCELLED' ? null : expired ? 'PAYMENT_EXPIRED' : 'BUYER_CANCELLED',
        });
        seeded.push({ id, buyerId, total, status, placedAt, paidAt });
      }
      await insertOrders(tx, orderRows);
      await insertOrderLines(tx, lineRows);
    }
  });
  return { orders: seeded };
}
