import { GraphQLError } from 'graphql';
import { describe, expect, test } from 'vitest';
import { billableKg, estimateShipping, PROVINCE_NAMES, provinceName, zoneOf } from '../src/shipping.ts';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : 'not a GraphQLError';
  }
  return 'no error';
};

describe('provinces', () => {
  test('all 34 province-level divisions are known by their full names', () => {
    expect(PROVINCE_NAMES).toHaveLength(34);
    expect(new Set(PROVINCE_NAMES).size).toBe(34);
    for (const name of PROVINCE_NAMES) expect(provinceName(name)).toBe(name);
  });

  test('a name without its suffix, or with spaces around it, means the same division', () => {
    expect(provinceName('浙江')).toBe('浙江省');
    expect(provinceName('上海')).toBe('上海市');
    expect(provinceName('广西')).toBe('广西壮族自治区');
    expect(provinceName('内蒙古')).toBe('内蒙古自治区');
    expect(provinceName('香港')).toBe('香港特别行政区');
    expect(provinceName(' 新疆 ')).toBe('新疆维吾尔自治区');
  });

  test('anything else is not a province', () => {
    expect(provinceName('杭州市')).toBeNull();
    expect(provinceName('Zhejiang')).toBeNull();
    expect(provinceName('')).toBeNull();
  });

  test('each division is in the zone the warehouse in Hangzhou ships it by', () => {
    expect(zoneOf('浙江省')).toBe('LOCAL');
    for (const name of ['上海市', '江苏省', '安徽省', '福建省', '江西省'])
      expect(zoneOf(name)).toBe('NEIGHBOUR');
    for (const name of ['北京市', '广东省', '四川省', '重庆市', '广西壮族自治区', '辽宁省'])
      expect(zoneOf(name)).toBe('NATIONAL');
    for (const name of ['新疆维吾尔自治区', '西藏自治区', '青海省', '甘肃省', '宁夏回族自治区'])
      expect(zoneOf(name)).toBe('REMOTE');
    for (const name of ['内蒙古自治区', '黑龙江省', '吉林省', '海南省']) expect(zoneOf(name)).toBe('REMOTE');
    for (const name of ['香港特别行政区', '澳门特别行政区', '台湾省'])
      expect(zoneOf(name)).toBe('CROSS_BORDER');
  });
});

describe('estimates', () => {
  test('a parcel within the province arrives in one or two days, the cheapest', () => {
    expect(estimateShipping('浙江省', 500)).toEqual({
      province: '浙江省',
      carrier: '中通快递',
      cost: { amount: 800, currency: 'CNY' },
      minDays: 1,
      maxDays: 2,
    });
  });

  test('each zone is slower and dearer than the one before', () => {
    const zones = ['浙江', '江苏', '广东', '新疆', '香港'].map((p) => estimateShipping(p, 1500));
    expect(zones.map((z) => [z.minDays, z.maxDays])).toEqual([
      [1, 2],
      [1, 3],
      [2, 4],
      [4, 7],
      [5, 9],
    ]);
    for (let i = 1; i < zones.length; i++)
      expect(zones[i]!.cost.amount).toBeGreaterThan(zones[i - 1]!.cost.amount);
    expect(zones.map((z) => z.carrier)).toEqual(['中通快递', '中通快递', '中通快递', 'EMS', '顺丰速运']);
  });

  test('every started kilogram after the first adds the zone price', () => {
    expect([0, 1, 1000, 1001, 2000, 2001, 12_345].map(billableKg)).toEqual([1, 1, 1, 2, 2, 3, 13]);
    const cost = (grams: number) => estimateShipping('广东省', grams).cost.amount;
    expect(cost(1000)).toBe(1200);
    expect(cost(1001)).toBe(1800);
    expect(cost(2000)).toBe(1800);
    expect(cost(2001)).toBe(2400);
    expect(cost(12_345)).toBe(1200 + 12 * 600);
  });

  test('the same input always gives the same estimate, by either name of the province', () => {
    expect(estimateShipping('上海', 3200)).toEqual(estimateShipping('上海市', 3200));
    expect(estimateShipping('上海', 3200)).toEqual(estimateShipping('上海', 3200));
    expect(estimateShipping('上海', 3200).province).toBe('上海市');
  });

  test('an unknown province or an impossible weight is BAD_USER_INPUT', () => {
    expect(codeOf(() => estimateShipping('火星', 100))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => estimateShipping('浙江', -1))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => estimateShipping('浙江', 1.5))).toBe('BAD_USER_INPUT');
  });

  test('the error for an unknown province is short, whatever was sent', () => {
    try {
      estimateShipping('x'.repeat(10_000), 100);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200);
      return;
    }
    throw new Error('expected an error');
  });
});
