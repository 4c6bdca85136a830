import { chunk, createRandom, type Database, newId } from '@zhongtai/subgraph-kit';
import type { UsersSchema } from './db/index.ts';
import { addresses, users } from './db/schema.ts';
import { hashPassword } from './password.ts';

export const DEMO_EMAIL = 'demo@zhongtai.dev';
export const DEMO_PASSWORD = 'zhongtai-demo';

const SURNAMES = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['黄', 'Huang'],
  ['赵', 'Zhao'],
  ['吴', 'Wu'],
  ['周', 'Zhou'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['马', 'Ma'],
  ['朱', 'Zhu'],
  ['胡', 'Hu'],
] as const;
const GIVEN = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['磊', 'lei'],
  ['洋', 'yang'],
  ['艳', 'yan'],
  ['勇', 'yong'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀英', 'xiuying'],
  ['晓东', 'xiaodong'],
  ['子涵', 'zihan'],
  ['一诺', 'yinuo'],
  ['浩然', 'haoran'],
  ['欣怡', 'xinyi'],
] as const;
const PLACES = [
  ['浙江省', '杭州市', '余杭区'],
  ['浙江省', '宁波市', '鄞州区'],
  ['上海市', '上海市', '浦东新区'],
  ['北京市', '北京市', '朝阳区'],
  ['广东省', '深圳市', '南山区'],
  ['广东省', '广州市', '天河区'],
  ['江苏省', '南京市', '鼓楼区'],
  ['四川省', '成都市', '武侯区'],
  ['湖北省', '武汉市', '洪山区'],
  ['陕西省', '西安市', '雁塔区'],
  ['福建省', '厦门市', '思明区'],
  ['山东省', '青岛市', '市南区'],
] as const;
const TIERS = ['REGULAR', 'REGULAR', 'REGULAR', 'REGULAR', 'SILVER', 'SILVER', 'GOLD', 'PLATINUM'] as const;

const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

/**
 * Believable accounts for a first run and for benchmarks. Every seeded account shares the demo
 * password, hashed once: hashing per account would make a 100k-user seed take hours.
 * The first account is always the demo account, so a developer can sign in right away.
 */
export async function seedUsers(
  db: Database<UsersSchema>,
  options: { count: number; seed?: number; now?: number },
): Promise<{ userIds: string[] }> {
  const random = createRandom(options.seed ?? 1);
  const now = options.now ?? Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userRows: (typeof users.$inferInsert)[] = [];
  const addressRows: (typeof addresses.$inferInsert)[] = [];
  for (let n = 0; n < options.count; n++) {
    const [surname, surnamePinyin] = random.pick(SURNAMES);
    const [given, givenPinyin] = random.pick(GIVEN);
    const createdAt = new Date(
      now - TWO_YEARS_MS + Math.floor((n / Math.max(1, options.count)) * TWO_YEARS_MS),
    );
    const id = newId(createdAt.getTime());
    userRows.push({
      id,
      email: n === 0 ? DEMO_EMAIL : `${surnamePinyin.toLowerCase()}.${givenPinyin}.${n}@example.com`,
      handle: n === 0 ? 'demo' : `${surnamePinyin.toLowerCase()}${givenPinyin}-${n}`,
      displayName: n === 0 ? '演示用户 Demo' : `${surname}${given}`,
      memberTier: random.pick(TIERS),
      passwordHash,
      createdAt,
    });
    const addressCount = n === 0 ? 2 : random.chance(0.3) ? random.int(1, 2) : 0;
    for (let a = 0; a < addressCount; a++) {
      const [province, city, district] = random.pick(PLACES);
      addressRows.push({
        id: newId(createdAt.getTime() + a),
        userId: id,
        recipient: `${surname}${given}`,
        phone: `1${random.int(30, 99)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
        province,
        city,
        district,
        line1: `${random.pick(['文一西路', '人民路', '中山路', '解放路', '建设路', '科技园路'])} ${random.int(1, 999)} 号 ${random.int(1, 30)} 幢 ${random.int(101, 2808)} 室`,
        postalCode: String(random.int(100_000, 850_000)),
        isDefault: a === 0,
        createdAt,
      });
    }
  }
  // 7 columns a user: 5,000 rows stay well under Postgres's 65,535 parameters a statement.
  for (const rows of chunk(userRows, 5000)) await db.insert(users).values(rows);
  for (const rows of chunk(addressRows, 5000)) await db.insert(addresses).values(rows);
  return { userIds: userRows.map((row) => row.id!) };
}
