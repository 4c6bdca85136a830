import { badUserInput } from '@zhongtai/subgraph-kit';

/**
 * Shipping estimates from our one warehouse, in Hangzhou (浙江省). Pure and deterministic: the same
 * province and weight always give the same carrier, price and delivery time.
 */

/** The 34 province-level divisions of China by full name, with the short name people also write. */
const PROVINCES: readonly (readonly [full: string, short: string])[] = [
  ['北京市', '北京'],
  ['天津市', '天津'],
  ['上海市', '上海'],
  ['重庆市', '重庆'],
  ['河北省', '河北'],
  ['山西省', '山西'],
  ['辽宁省', '辽宁'],
  ['吉林省', '吉林'],
  ['黑龙江省', '黑龙江'],
  ['江苏省', '江苏'],
  ['浙江省', '浙江'],
  ['安徽省', '安徽'],
  ['福建省', '福建'],
  ['江西省', '江西'],
  ['山东省', '山东'],
  ['河南省', '河南'],
  ['湖北省', '湖北'],
  ['湖南省', '湖南'],
  ['广东省', '广东'],
  ['海南省', '海南'],
  ['四川省', '四川'],
  ['贵州省', '贵州'],
  ['云南省', '云南'],
  ['陕西省', '陕西'],
  ['甘肃省', '甘肃'],
  ['青海省', '青海'],
  ['台湾省', '台湾'],
  ['内蒙古自治区', '内蒙古'],
  ['广西壮族自治区', '广西'],
  ['西藏自治区', '西藏'],
  ['宁夏回族自治区', '宁夏'],
  ['新疆维吾尔自治区', '新疆'],
  ['香港特别行政区', '香港'],
  ['澳门特别行政区', '澳门'],
];

export const PROVINCE_NAMES: readonly string[] = PROVINCES.map(([full]) => full);

const FULL_NAME = new Map<string, string>(
  PROVINCES.flatMap(([full, short]) => [
    [full, full],
    [short, full],
  ]),
);

export const WAREHOUSE_PROVINCE = '浙江省';

export type Zone = 'LOCAL' | 'NEIGHBOUR' | 'NATIONAL' | 'REMOTE' | 'CROSS_BORDER';

const NEIGHBOURS = new Set(['上海市', '江苏省', '安徽省', '福建省', '江西省']);
const REMOTE = new Set([
  '新疆维吾尔自治区',
  '西藏自治区',
  '青海省',
  '甘肃省',
  '宁夏回族自治区',
  '内蒙古自治区',
  '黑龙江省',
  '吉林省',
  '海南省',
]);
const CROSS_BORDER = new Set(['香港特别行政区', '澳门特别行政区', '台湾省']);

interface Rate {
  carrier: string;
  /** Fen for the first kilogram (or less). */
  firstKg: number;
  /** Fen for each further started kilogram. */
  perKg: number;
  minDays: number;
  maxDays: number;
}

/** What each zone costs and takes; prices in fen. */
export const RATES: Readonly<Record<Zone, Rate>> = {
  LOCAL: { carrier: '中通快递', firstKg: 800, perKg: 200, minDays: 1, maxDays: 2 },
  NEIGHBOUR: { carrier: '中通快递', firstKg: 1000, perKg: 400, minDays: 1, maxDays: 3 },
  NATIONAL: { carrier: '中通快递', firstKg: 1200, perKg: 600, minDays: 2, maxDays: 4 },
  REMOTE: { carrier: 'EMS', firstKg: 2000, perKg: 1500, minDays: 4, maxDays: 7 },
  CROSS_BORDER: { carrier: '顺丰速运', firstKg: 4500, perKg: 2500, minDays: 5, maxDays: 9 },
};

/** The full name of a province-level division, given its full or short name; null when unknown. */
export function provinceName(input: string): string | null {
  return FULL_NAME.get(input.trim()) ?? null;
}

export function zoneOf(province: string): Zone {
  if (province === WAREHOUSE_PROVINCE) return 'LOCAL';
  if (NEIGHBOURS.has(province)) return 'NEIGHBOUR';
  if (REMOTE.has(province)) return 'REMOTE';
  if (CROSS_BORDER.has(province)) return 'CROSS_BORDER';
  return 'NATIONAL';
}

export interface ShippingEstimate {
  province: string;
  carrier: string;
  cost: { amount: number; currency: string };
  minDays: number;
  maxDays: number;
}

/** The kilograms a parcel is charged for: every started kilogram, and at least one. */
export const billableKg = (weightGrams: number): number => Math.max(1, Math.ceil(weightGrams / 1000));

/**
 * The estimate for one parcel of the given weight to a province. An unknown province, or a weight
 * that is not a non-negative whole number of grams, is BAD_USER_INPUT.
 */
export function estimateShipping(provinceInput: string, weightGrams: number): ShippingEstimate {
  const province = provinceName(provinceInput);
  if (!province) {
    throw badUserInput(
      `"${provinceInput.slice(0, 40)}" is not a province-level region of China; give a name such as 浙江省, 上海 or 广西壮族自治区.`,
      'province',
    );
  }
  if (!Number.isSafeInteger(weightGrams) || weightGrams < 0) {
    throw badUserInput(`A weight must be a whole number of grams, got ${weightGrams}.`, 'weightGrams');
  }
  const rate = RATES[zoneOf(province)];
  return {
    province,
    carrier: rate.carrier,
    cost: { amount: rate.firstKg + rate.perKg * (billableKg(weightGrams) - 1), currency: 'CNY' },
    minDays: rate.minDays,
    maxDays: rate.maxDays,
  };
}
