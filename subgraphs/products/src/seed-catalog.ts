/**
 * What the seed's catalog is made of: a category tree of a Chinese marketplace, and for each leaf
 * category the brands, product names, selling points, price and weight ranges and SKU axes of
 * believable listings. Data only; src/seed.ts turns it into rows.
 */

/** One value of a SKU axis; `price` and `weight` scale the product's base price and weight. */
export interface AxisValue {
  value: string;
  price?: number;
  weight?: number;
}

export interface Axis {
  name: string;
  values: AxisValue[];
}

/** A brand as [English, Chinese], with model names when the brand's products have them. */
export type Brand = readonly [en: string, zh: string, models?: readonly string[]];

/** What products of one leaf category look like. */
export interface Kind {
  brands: readonly Brand[];
  /** Product nouns as [Chinese, English]. */
  items: readonly (readonly [string, string])[];
  features: readonly string[];
  /** Base price range in yuan. */
  price: readonly [number, number];
  /** Shipping weight range in grams. */
  weight: readonly [number, number];
  axes: readonly Axis[];
  /** Books lead with the title, not the publisher. */
  book?: boolean;
  /** Chance that a product has no brand (fruit straight from the orchard). */
  unbranded?: number;
}

export interface Leaf {
  name: string;
  slug: string;
  kind: Kind;
}

export interface Root {
  name: string;
  slug: string;
  children: Leaf[];
}

const values = (...items: (string | [string, number, number?])[]): AxisValue[] =>
  items.map((item) =>
    typeof item === 'string' ? { value: item } : { value: item[0], price: item[1], weight: item[2] ?? 1 },
  );

const colour = (...names: string[]): Axis => ({ name: '颜色', values: values(...names) });
const PHONE_COLOURS = colour('曜石黑', '雪山白', '远峰蓝', '薄荷绿', '钛金属原色', '樱花粉');
const DEVICE_COLOURS = colour('深空灰', '银色', '星光色', '午夜蓝');
const CLOTHES_COLOURS = colour('黑色', '白色', '藏青色', '卡其色', '浅灰色', '酒红色', '燕麦色');
const CLOTHES_SIZES: Axis = {
  name: '尺码',
  values: values(
    'S',
    ['M', 1, 1.03],
    ['L', 1, 1.06],
    ['XL', 1, 1.1],
    ['XXL', 1.05, 1.14],
    ['3XL', 1.05, 1.18],
  ),
};
const SHOE_SIZES: Axis = {
  name: '尺码',
  values: values('38', '39', '40', ['41', 1, 1.04], ['42', 1, 1.06], ['43', 1, 1.08], ['44', 1, 1.1]),
};
const STORAGE: Axis = {
  name: '容量',
  values: values(
    '8GB+128GB',
    ['8GB+256GB', 1.12],
    ['12GB+256GB', 1.22],
    ['12GB+512GB', 1.35],
    ['16GB+1TB', 1.55],
  ),
};
const VOLUME: Axis = { name: '容量', values: values('30ml', ['50ml', 1.4, 1.3], ['100ml', 1.8, 1.8]) };
const GIFT_BOX: Axis = { name: '包装', values: values('正装', ['礼盒装', 1.05, 1.3]) };
const NET_WEIGHT: Axis = {
  name: '规格',
  values: values('250g', ['500g', 1.3, 1.8], ['750g', 1.45, 2.5], ['1kg 礼盒装', 1.6, 3.4]),
};
const PACK: Axis = {
  name: '规格',
  values: values('单件装', ['两件装', 1.4, 2], ['三件装', 1.7, 3], ['家庭装', 1.95, 4]),
};
const FLAVOUR: Axis = { name: '口味', values: values('原味', '混合口味', '蜂蜜黄油味') };
const EDITION: Axis = { name: '版本', values: values('平装', ['精装', 1.35, 1.4], ['典藏版', 1.6, 1.8]) };

export const CATALOG: Root[] = [
  {
    name: '手机数码',
    slug: 'phones-digital',
    children: [
      {
        name: '手机',
        slug: 'phones',
        kind: {
          brands: [
            ['Xiaomi', '小米', ['14', '14 Pro', 'Redmi Note 13 Pro', 'Redmi K70']],
            ['HUAWEI', '华为', ['Mate 60 Pro', 'Pura 70', 'nova 12', 'Mate X5']],
            ['Apple', '苹果', ['iPhone 15', 'iPhone 15 Pro Max', 'iPhone 14']],
            ['OPPO', 'OPPO', ['Find X7', 'Reno 11', 'A2 Pro']],
            ['vivo', 'vivo', ['X100', 'S18', 'iQOO 12']],
            ['Honor', '荣耀', ['Magic6', '90 GT', 'X50']],
            ['OnePlus', '一加', ['12', 'Ace 3']],
          ],
          items: [
            ['手机', 'Smartphone'],
            ['5G 手机', 'Mobile Phone'],
          ],
          features: [
            '骁龙8 Gen3',
            '徕卡影像',
            '超长续航',
            '120Hz高刷屏',
            '卫星通信',
            '5000mAh大电池',
            '90W快充',
          ],
          price: [999, 8999],
          weight: [420, 620],
          axes: [PHONE_COLOURS, STORAGE],
        },
      },
      {
        name: '平板电脑',
        slug: 'tablets',
        kind: {
          brands: [
            ['Apple', '苹果', ['iPad Air', 'iPad Pro', 'iPad mini']],
            ['HUAWEI', '华为', ['MatePad 11.5', 'MatePad Pro 13.2']],
            ['Xiaomi', '小米', ['Pad 6', 'Pad 6S Pro']],
            ['Lenovo', '联想', ['小新Pad Pro', '拯救者Y700']],
          ],
          items: [['平板电脑', 'Tablet']],
          features: ['2.8K护眼屏', '学习办公', '支持手写笔', '影音娱乐', '超大电池'],
          price: [1299, 8999],
          weight: [700, 1100],
          axes: [DEVICE_COLOURS, { name: '容量', values: values('128GB', ['256GB', 1.15], ['512GB', 1.4]) }],
        },
      },
      {
        name: '耳机音箱',
        slug: 'audio',
        kind: {
          brands: [
            ['Sony', '索尼', ['WH-1000XM5', 'WF-1000XM5']],
            ['HUAWEI', '华为', ['FreeBuds Pro 3', 'FreeClip']],
            ['Apple', '苹果', ['AirPods Pro 2', 'AirPods 3']],
            ['Edifier', '漫步者', ['W820NB', 'Lolli Pro 3']],
            ['JBL', 'JBL', ['Flip 6', 'Tune 230NC']],
            ['Xiaomi', '小米', ['Redmi Buds 5', 'Buds 4 Pro']],
          ],
          items: [
            ['蓝牙耳机', 'Wireless Earbuds'],
            ['头戴式降噪耳机', 'Headphones'],
            ['蓝牙音箱', 'Bluetooth Speaker'],
          ],
          features: ['主动降噪', '空间音频', '长续航', 'LDAC高清音质', '通话降噪'],
          price: [99, 2999],
          weight: [150, 900],
          axes: [colour('曜石黑', '云母白', '冰霜银', '海湾蓝', '薄荷绿', '樱花粉')],
        },
      },
      {
        name: '智能手表',
        slug: 'smartwatches',
        kind: {
          brands: [
            ['HUAWEI', '华为', ['WATCH GT 4', 'WATCH 4 Pro', '手环 8']],
            ['Apple', '苹果', ['Watch Series 9', 'Watch Ultra 2', 'Watch SE']],
            ['Xiaomi', '小米', ['Watch S3', '手环 8 Pro']],
            ['Amazfit', '跃我', ['GTR 4', 'Balance']],
          ],
          items: [
            ['智能手表', 'Smartwatch'],
            ['运动手环', 'Fitness Band'],
          ],
          features: ['心率血氧监测', '14天续航', 'NFC支付', '100+运动模式', '睡眠监测'],
          price: [199, 4999],
          weight: [250, 500],
          axes: [
            colour('曜石黑 氟橡胶表带', '星光银 金属表带', '云杉绿 复合表带'),
            { name: '尺寸', values: values('41mm', ['46mm', 1.1]) },
          ],
        },
      },
      {
        name: '充电配件',
        slug: 'chargers',
        kind: {
          brands: [
            ['Anker', '安克'],
            ['UGREEN', '绿联'],
            ['Baseus', '倍思'],
            ['Xiaomi', '小米'],
          ],
          items: [
            ['氮化镓充电器', 'GaN Charger'],
            ['充电宝', 'Power Bank'],
            ['数据线', 'USB-C Cable'],
          ],
          features: ['PD快充', '多口输出', '小巧便携', '支持笔记本', '可上飞机'],
          price: [29, 399],
          weight: [80, 420],
          axes: [
            { name: '规格', values: values('30W', ['65W', 1.3], ['100W', 1.5], ['140W', 1.6, 1.3]) },
            colour('白色', '黑色'),
          ],
        },
      },
      {
        name: '相机',
        slug: 'cameras',
        kind: {
          brands: [
            ['Sony', '索尼', ['α7 IV', 'ZV-E10']],
            ['Canon', '佳能', ['EOS R6 Mark II', 'EOS R50']],
            ['Nikon', '尼康', ['Z6 II', 'Z30']],
            ['Fujifilm', '富士', ['X-T5', 'X100VI']],
            ['DJI', '大疆', ['Osmo Pocket 3', 'Osmo Action 4']],
          ],
          items: [
            ['微单相机', 'Mirrorless Camera'],
            ['运动相机', 'Action Camera'],
          ],
          features: ['4K60帧视频', '五轴防抖', 'Vlog神器', '全画幅', '高速连拍'],
          price: [2499, 12999],
          weight: [600, 1800],
          axes: [
            { name: '套装', values: values('单机身', ['标准套机', 1.15, 1.3], ['长焦套机', 1.3, 1.6]) },
            colour('黑色', '银色'),
          ],
        },
      },
    ],
  },
  {
    name: '家用电器',
    slug: 'home-appliances',
    children: [
      {
        name: '冰箱',
        slug: 'refrigerators',
        kind: {
          brands: [
            ['Haier', '海尔', ['法式多门 510L', '十字对开门 470L']],
            ['Midea', '美的', ['双开门 600L', '法式四门 508L']],
            ['Siemens', '西门子', ['零度保鲜 484L']],
            ['Ronshen', '容声', ['十字对开门 521L']],
          ],
          items: [['冰箱', 'Refrigerator']],
          features: ['一级能效', '风冷无霜', '变频节能', '超薄嵌入', '干湿分储'],
          price: [1999, 12999],
          weight: [60000, 120000],
          axes: [colour('星蕴银', '玫瑰金', '墨晶黑', '月光白', '冰川白', '鎏金灰')],
        },
      },
      {
        name: '洗衣机',
        slug: 'washing-machines',
        kind: {
          brands: [
            ['Haier', '海尔'],
            ['Midea', '美的'],
            ['Little Swan', '小天鹅'],
            ['Panasonic', '松下'],
          ],
          items: [
            ['滚筒洗衣机', 'Washing Machine'],
            ['洗烘一体机', 'Washer Dryer'],
          ],
          features: ['直驱变频', '除菌除螨', '智能投放', '一级能效', '超薄平嵌'],
          price: [1499, 8999],
          weight: [60000, 85000],
          axes: [
            { name: '容量', values: values('10公斤', ['12公斤', 1.15, 1.1], ['13公斤', 1.25, 1.15]) },
            colour('钛晶灰', '白色'),
          ],
        },
      },
      {
        name: '空调',
        slug: 'air-conditioners',
        kind: {
          brands: [
            ['Gree', '格力'],
            ['Midea', '美的'],
            ['Haier', '海尔'],
            ['AUX', '奥克斯'],
          ],
          items: [
            ['空调挂机', 'Air Conditioner'],
            ['立式空调柜机', 'Floor-standing AC'],
          ],
          features: ['新一级能效', '变频冷暖', '自清洁', '以旧换新', '静音舒适'],
          price: [1999, 9999],
          weight: [30000, 70000],
          axes: [
            {
              name: '匹数',
              values: values('大1匹', ['1.5匹', 1.2, 1.15], ['2匹', 1.45, 1.3], ['3匹', 1.6, 1.6]),
            },
            { name: '能效', values: values('新一级能效', ['新三级能效', 0.9]) },
          ],
        },
      },
      {
        name: '厨房小电',
        slug: 'kitchen-appliances',
        kind: {
          brands: [
            ['Midea', '美的'],
            ['Joyoung', '九阳'],
            ['SUPOR', '苏泊尔'],
            ['Bear', '小熊'],
          ],
          items: [
            ['电饭煲', 'Rice Cooker'],
            ['空气炸锅', 'Air Fryer'],
            ['破壁机', 'Blender'],
            ['电热水壶', 'Electric Kettle'],
          ],
          features: ['智能预约', '不粘内胆', '家用大容量', '一键操作', '易清洗'],
          price: [79, 999],
          weight: [1500, 6000],
          axes: [
            { name: '容量', values: values('3L', ['4L', 1.1, 1.1], ['5L', 1.2, 1.2]) },
            colour('白色', '奶油色'),
          ],
        },
      },
      {
        name: '生活电器',
        slug: 'small-appliances',
        kind: {
          brands: [
            ['Dyson', '戴森', ['V12', 'V15']],
            ['Xiaomi', '米家'],
            ['Philips', '飞利浦'],
            ['Ecovacs', '科沃斯', ['T30', 'X2']],
          ],
          items: [
            ['无线吸尘器', 'Cordless Vacuum'],
            ['空气净化器', 'Air Purifier'],
            ['扫地机器人', 'Robot Vacuum'],
            ['电动牙刷', 'Electric Toothbrush'],
          ],
          features: ['大吸力', '除甲醛', '自动集尘', '智能避障', 'APP控制'],
          price: [99, 4999],
          weight: [1000, 8000],
          axes: [
            { name: '版本', values: values('标准版', ['Pro版', 1.25], ['旗舰版', 1.45, 1.1]) },
            colour('白色', '星空灰'),
          ],
        },
      },
    ],
  },
  {
    name: '服饰',
    slug: 'apparel',
    children: [
      {
        name: '男装',
        slug: 'menswear',
        kind: {
          brands: [
            ['Uniqlo', '优衣库'],
            ['HLA', '海澜之家'],
            ['Jack & Jones', '杰克琼斯'],
            ['Bosideng', '波司登'],
            ['Semir', '森马'],
          ],
          items: [
            ['纯棉T恤', 'Cotton T-Shirt'],
            ['羽绒服', 'Down Jacket'],
            ['休闲裤', 'Chinos'],
            ['牛津纺衬衫', 'Oxford Shirt'],
            ['连帽卫衣', 'Hoodie'],
          ],
          features: ['宽松百搭', '2024新款', '商务休闲', '加厚保暖', '男士'],
          price: [39, 1999],
          weight: [200, 1200],
          axes: [CLOTHES_COLOURS, CLOTHES_SIZES],
        },
      },
      {
        name: '女装',
        slug: 'womenswear',
        kind: {
          brands: [
            ['ONLY', 'ONLY'],
            ['Vero Moda', 'Vero Moda'],
            ['Peacebird', '太平鸟'],
            ['UR', 'UR'],
            ['Ochirly', '欧时力'],
          ],
          items: [
            ['连衣裙', 'Dress'],
            ['针织开衫', 'Cardigan'],
            ['风衣', 'Trench Coat'],
            ['阔腿裤', 'Wide-leg Pants'],
          ],
          features: ['法式复古', '显瘦', '通勤', '春秋新款', '高级感'],
          price: [59, 1599],
          weight: [200, 900],
          axes: [colour('黑色', '米白色', '雾霾蓝', '焦糖色', '碎花'), CLOTHES_SIZES],
        },
      },
      {
        name: '鞋靴',
        slug: 'shoes',
        kind: {
          brands: [
            ['Skechers', '斯凯奇'],
            ['Belle', '百丽'],
            ['Red Dragonfly', '红蜻蜓'],
            ['Feiyue', '飞跃'],
            ['Warrior', '回力'],
          ],
          items: [
            ['休闲鞋', 'Sneakers'],
            ['小白鞋', 'White Sneakers'],
            ['真皮皮鞋', 'Leather Shoes'],
            ['帆布鞋', 'Canvas Shoes'],
          ],
          features: ['软底舒适', '透气', '百搭', '增高', '防滑耐磨'],
          price: [59, 1299],
          weight: [700, 1400],
          axes: [colour('白色', '黑色', '米色'), SHOE_SIZES],
        },
      },
      {
        name: '箱包',
        slug: 'bags',
        kind: {
          brands: [
            ['Samsonite', '新秀丽'],
            ['90FUN', '90分'],
            ['Coach', '蔻驰'],
            ['Charles & Keith', 'Charles & Keith'],
          ],
          items: [
            ['双肩包', 'Backpack'],
            ['拉杆箱', 'Luggage'],
            ['斜挎包', 'Crossbody Bag'],
          ],
          features: ['大容量', '轻便', '防泼水', '商务通勤', '登机箱'],
          price: [99, 4999],
          weight: [500, 4500],
          axes: [colour('曜石黑', '雅致灰', '藏青色', '焦糖棕', '奶白色', '橄榄绿')],
        },
      },
    ],
  },
  {
    name: '食品生鲜',
    slug: 'food-fresh',
    children: [
      {
        name: '休闲零食',
        slug: 'snacks',
        kind: {
          brands: [
            ['Three Squirrels', '三只松鼠'],
            ['BESTORE', '良品铺子'],
            ['Be&Cheery', '百草味'],
            ['Weilong', '卫龙'],
            ['Oreo', '奥利奥'],
          ],
          items: [
            ['每日坚果', 'Mixed Nuts'],
            ['零食大礼包', 'Snack Gift Box'],
            ['辣条', 'Spicy Gluten Strips'],
            ['夏威夷果', 'Macadamia Nuts'],
            ['猪肉脯', 'Pork Jerky'],
          ],
          features: ['办公室零食', '独立小包装', '年货礼盒', '网红零食', '0添加'],
          price: [9.9, 199],
          weight: [300, 1500],
          axes: [NET_WEIGHT, FLAVOUR],
        },
      },
      {
        name: '生鲜水果',
        slug: 'fresh-fruit',
        kind: {
          brands: [
            ['Zespri', '佳沛'],
            ['Chu Orange', '褚橙'],
            ['Pagoda', '百果园'],
            ['Joyvio', '佳沃'],
          ],
          items: [
            ['阳光金果 奇异果', 'Kiwifruit'],
            ['冰糖橙', 'Oranges'],
            ['智利车厘子', 'Cherries'],
            ['赣南脐橙', 'Navel Oranges'],
            ['丹东草莓', 'Strawberries'],
          ],
          features: ['产地直发', '新鲜现摘', '顺丰冷链', '当季水果', '坏果包赔'],
          price: [39, 599],
          weight: [2500, 6000],
          axes: [
            {
              name: '规格',
              values: values(
                '2.5kg 中果',
                ['2.5kg 大果', 1.2],
                ['5kg 中果', 1.6, 2],
                ['5kg 大果', 1.8, 2],
                ['5kg 礼盒装', 1.9, 2.2],
              ),
            },
          ],
          unbranded: 0.25,
        },
      },
      {
        name: '茶叶',
        slug: 'tea',
        kind: {
          brands: [
            ['Bama Tea', '八马'],
            ['Taetea', '大益'],
            ['Xiaoguan Tea', '小罐茶'],
            ['Zhang Yiyuan', '张一元'],
          ],
          items: [
            ['西湖龙井', 'Longjing Green Tea'],
            ['普洱茶饼', 'Pu-erh Tea Cake'],
            ['安溪铁观音', 'Tieguanyin Oolong'],
            ['正山小种 红茶', 'Lapsang Souchong'],
          ],
          features: ['明前特级', '2024新茶', '礼盒装', '口粮茶', '浓香型'],
          price: [49, 2999],
          weight: [200, 1200],
          axes: [{ name: '规格', values: values('100g', ['250g', 1.35, 1.8], ['500g', 1.6, 3]) }, GIFT_BOX],
        },
      },
      {
        name: '粮油调味',
        slug: 'pantry',
        kind: {
          brands: [
            ['Arawana', '金龙鱼'],
            ['Haitian', '海天'],
            ['Lee Kum Kee', '李锦记'],
            ['Fulinmen', '福临门'],
          ],
          items: [
            ['东北大米', 'Northeast Rice'],
            ['花生油', 'Peanut Oil'],
            ['生抽酱油', 'Soy Sauce'],
            ['蚝油', 'Oyster Sauce'],
          ],
          features: ['家庭装', '非转基因', '厨房必备', '特级', '量贩装'],
          price: [9.9, 199],
          weight: [500, 10000],
          axes: [PACK],
        },
      },
      {
        name: '乳品饮料',
        slug: 'dairy-drinks',
        kind: {
          brands: [
            ['Yili', '伊利'],
            ['Mengniu', '蒙牛'],
            ['Nongfu Spring', '农夫山泉'],
            ['Genki Forest', '元气森林'],
          ],
          items: [
            ['纯牛奶', 'Whole Milk'],
            ['希腊酸奶', 'Greek Yogurt'],
            ['无糖气泡水', 'Sparkling Water'],
            ['天然矿泉水', 'Mineral Water'],
          ],
          features: ['整箱装', '早餐奶', '0糖0卡', '高钙', '家庭囤货'],
          price: [19.9, 129],
          weight: [3000, 12000],
          axes: [
            { name: '规格', values: values('12瓶', ['24瓶', 1.5, 2]) },
            { name: '口味', values: values('原味', '草莓味', '白桃味') },
          ],
        },
      },
    ],
  },
  {
    name: '美妆',
    slug: 'beauty',
    children: [
      {
        name: '护肤',
        slug: 'skincare',
        kind: {
          brands: [
            ['PROYA', '珀莱雅'],
            ['Winona', '薇诺娜'],
            ['Estée Lauder', '雅诗兰黛'],
            ['Lancôme', '兰蔻'],
            ['Pechoin', '百雀羚'],
            ["L'Oréal", '欧莱雅'],
          ],
          items: [
            ['精华液', 'Serum'],
            ['保湿面霜', 'Face Cream'],
            ['氨基酸洁面乳', 'Cleanser'],
            ['防晒霜', 'Sunscreen'],
            ['补水面膜', 'Sheet Masks'],
          ],
          features: ['修护敏感肌', '抗皱紧致', '补水保湿', '提亮肤色', '礼盒套装'],
          price: [59, 1999],
          weight: [100, 500],
          axes: [VOLUME, GIFT_BOX],
        },
      },
      {
        name: '彩妆',
        slug: 'makeup',
        kind: {
          brands: [
            ['Perfect Diary', '完美日记'],
            ['Florasis', '花西子'],
            ['MAC', '魅可'],
            ['Maybelline', '美宝莲'],
            ['Judydoll', '橘朵'],
          ],
          items: [
            ['口红', 'Lipstick'],
            ['粉底液', 'Foundation'],
            ['眼影盘', 'Eyeshadow Palette'],
            ['定妆散粉', 'Setting Powder'],
          ],
          features: ['持久不脱妆', '显白', '哑光', '学生党', '滋润'],
          price: [39, 599],
          weight: [50, 250],
          axes: [
            {
              name: '色号',
              values: values(
                '#01 正红',
                '#02 豆沙色',
                '#03 枫叶棕',
                '#04 蜜桃粉',
                '#05 奶茶色',
                '#06 复古红',
              ),
            },
          ],
        },
      },
      {
        name: '香水',
        slug: 'fragrance',
        kind: {
          brands: [
            ['Chanel', '香奈儿'],
            ['Dior', '迪奥'],
            ['Jo Malone', '祖玛珑'],
            ['To Summer', '观夏'],
          ],
          items: [
            ['淡香水', 'Eau de Toilette'],
            ['浓香水', 'Eau de Parfum'],
            ['香薰蜡烛', 'Scented Candle'],
          ],
          features: ['木质香调', '清新花香', '节日礼物', '持久留香', '中性香'],
          price: [199, 2999],
          weight: [200, 600],
          axes: [VOLUME, GIFT_BOX],
        },
      },
      {
        name: '个人护理',
        slug: 'personal-care',
        kind: {
          brands: [
            ['Head & Shoulders', '海飞丝'],
            ['Colgate', '高露洁'],
            ['Safeguard', '舒肤佳'],
            ['Dove', '多芬'],
            ['Yunnan Baiyao', '云南白药'],
          ],
          items: [
            ['去屑洗发水', 'Shampoo'],
            ['沐浴露', 'Body Wash'],
            ['牙膏', 'Toothpaste'],
          ],
          features: ['家庭装', '温和配方', '清爽控油', '留香', '囤货装'],
          price: [9.9, 149],
          weight: [150, 2500],
          axes: [PACK],
        },
      },
    ],
  },
  {
    name: '图书',
    slug: 'books',
    children: [
      {
        name: '小说文学',
        slug: 'fiction',
        kind: {
          brands: [
            ["People's Literature Publishing House", '人民文学出版社'],
            ['Yilin Press', '译林出版社'],
            ['Shanghai Translation Publishing House', '上海译文出版社'],
            ['Chongqing Press', '重庆出版社'],
          ],
          items: [
            ['三体 全集', 'The Three-Body Problem'],
            ['活着', 'To Live'],
            ['百年孤独', 'One Hundred Years of Solitude'],
            ['平凡的世界', 'Ordinary World'],
            ['围城', 'Fortress Besieged'],
            ['红楼梦', 'Dream of the Red Chamber'],
          ],
          features: ['正版书籍', '茅盾文学奖', '经典名著', '畅销书', '中文版'],
          price: [19.9, 168],
          weight: [300, 1500],
          axes: [EDITION],
          book: true,
        },
      },
      {
        name: '童书',
        slug: 'childrens-books',
        kind: {
          brands: [
            ['Jieli Publishing House', '接力出版社'],
            ['21st Century Publishing', '二十一世纪出版社'],
            ['Tomorrow Publishing House', '明天出版社'],
          ],
          items: [
            ['米小圈上学记', 'Mi Xiaoquan Goes to School'],
            ['神奇校车', 'The Magic School Bus'],
            ['小王子', 'The Little Prince'],
            ['DK儿童百科全书', "DK Children's Encyclopedia"],
          ],
          features: ['注音版', '3-6岁', '绘本', '课外阅读', '全套'],
          price: [19.9, 299],
          weight: [300, 2500],
          axes: [EDITION],
          book: true,
        },
      },
      {
        name: '经济管理',
        slug: 'business',
        kind: {
          brands: [
            ['CITIC Press', '中信出版社'],
            ['China Machine Press', '机械工业出版社'],
            ['Cheers Publishing', '湛庐文化'],
          ],
          items: [
            ['原则', 'Principles'],
            ['穷查理宝典', "Poor Charlie's Almanack"],
            ['置身事内', 'Inside the System'],
            ['纳瓦尔宝典', 'The Almanack of Naval Ravikant'],
          ],
          features: ['正版', '投资理财', '管理学经典', '畅销书', '精装典藏'],
          price: [29, 199],
          weight: [300, 1200],
          axes: [EDITION],
          book: true,
        },
      },
      {
        name: '教辅',
        slug: 'study-guides',
        kind: {
          brands: [
            ['Qu Yixian', '曲一线'],
            ['Tianli 38', '天利38套'],
            ['New Oriental', '新东方'],
          ],
          items: [
            ['五年高考三年模拟 数学', 'Gaokao Math Practice'],
            ['英语四级真题', 'CET-4 Past Papers'],
            ['考研政治1000题', 'Postgraduate Politics 1000 Questions'],
          ],
          features: ['2025版', '真题详解', '附赠视频课', '历年真题', '新高考'],
          price: [19.9, 99],
          weight: [400, 1500],
          axes: [{ name: '版本', values: values('单册', ['全套', 1.6, 2.5]) }],
          book: true,
        },
      },
    ],
  },
  {
    name: '运动户外',
    slug: 'sports-outdoors',
    children: [
      {
        name: '跑步鞋',
        slug: 'running-shoes',
        kind: {
          brands: [
            ['Anta', '安踏', ['C202 GT', '马赫4', '创跑3']],
            ['Li-Ning', '李宁', ['超轻21', '飞电4 Elite', '赤兔6 Pro']],
            ['Xtep', '特步', ['160X 5.0', '两千公里']],
            ['361°', '361度', ['飞飚 Future', '飞燃3']],
            ['Nike', '耐克', ['Pegasus 40', 'Vomero 17']],
            ['Adidas', '阿迪达斯', ['Adizero Boston 12', 'Ultraboost Light']],
          ],
          items: [
            ['跑步鞋', 'Running Shoes'],
            ['碳板竞速跑鞋', 'Racing Shoes'],
          ],
          features: ['轻量缓震', '透气网面', '马拉松', '回弹', '男女同款'],
          price: [199, 1499],
          weight: [800, 1300],
          axes: [colour('标准白', '黑武士', '荧光绿', '极光蓝'), SHOE_SIZES],
        },
      },
      {
        name: '运动服',
        slug: 'sportswear',
        kind: {
          brands: [
            ['Anta', '安踏'],
            ['Li-Ning', '李宁'],
            ['Lululemon', 'Lululemon'],
            ['Decathlon', '迪卡侬'],
          ],
          items: [
            ['速干T恤', 'Quick-dry Tee'],
            ['运动短裤', 'Running Shorts'],
            ['瑜伽裤', 'Yoga Leggings'],
            ['运动外套', 'Track Jacket'],
          ],
          features: ['吸湿排汗', '弹力修身', '健身训练', '冰丝凉感', '国潮'],
          price: [49, 899],
          weight: [150, 700],
          axes: [CLOTHES_COLOURS, CLOTHES_SIZES],
        },
      },
      {
        name: '户外装备',
        slug: 'outdoor-gear',
        kind: {
          brands: [
            ['Kailas', '凯乐石'],
            ['Toread', '探路者'],
            ['The North Face', '北面'],
            ['Naturehike', '挪客'],
            ['Camel', '骆驼'],
          ],
          items: [
            ['冲锋衣', 'Hardshell Jacket'],
            ['露营帐篷', 'Camping Tent'],
            ['登山杖', 'Trekking Poles'],
            ['户外背包', 'Hiking Backpack'],
          ],
          features: ['防水透气', '三合一', '轻量化', '徒步登山', '露营'],
          price: [99, 3999],
          weight: [500, 4000],
          axes: [colour('岩石灰', '森林绿', '暗夜黑', '橙色', '雪山白', '藏蓝色')],
        },
      },
      {
        name: '健身器材',
        slug: 'fitness',
        kind: {
          brands: [
            ['Keep', 'Keep'],
            ['Decathlon', '迪卡侬'],
            ['Yesoul', '野小兽'],
            ['Xiaomi', '小米'],
          ],
          items: [
            ['瑜伽垫', 'Yoga Mat'],
            ['可调节哑铃', 'Adjustable Dumbbells'],
            ['动感单车', 'Spin Bike'],
            ['智能跳绳', 'Smart Jump Rope'],
          ],
          features: ['家用', '静音', '加厚防滑', '智能计数', '新手入门'],
          price: [19.9, 3999],
          weight: [300, 40000],
          axes: [PACK],
        },
      },
    ],
  },
  {
    name: '母婴',
    slug: 'mother-baby',
    children: [
      {
        name: '奶粉',
        slug: 'infant-formula',
        kind: {
          brands: [
            ['Feihe', '飞鹤', ['星飞帆', '臻稚']],
            ['a2', 'a2', ['至初']],
            ['Aptamil', '爱他美', ['卓萃']],
            ['Junlebao', '君乐宝', ['至臻']],
            ['Yili', '伊利', ['金领冠 珍护']],
          ],
          items: [['婴幼儿配方奶粉', 'Infant Formula']],
          features: ['800g罐装', '新国标', '含OPO', 'A2蛋白', '易吸收'],
          price: [199, 1299],
          weight: [900, 1100],
          axes: [
            { name: '段位', values: values('1段 0-6月', '2段 6-12月', '3段 12-36月') },
            { name: '规格', values: values('800g 单罐', ['800g×2罐', 1.9, 2]) },
          ],
        },
      },
      {
        name: '纸尿裤',
        slug: 'diapers',
        kind: {
          brands: [
            ['Pampers', '帮宝适'],
            ['Huggies', '好奇'],
            ['Merries', '花王'],
            ['Babycare', 'Babycare'],
          ],
          items: [
            ['纸尿裤', 'Diapers'],
            ['拉拉裤', 'Pull-up Pants'],
          ],
          features: ['超薄透气', '干爽', '整箱装', '夜用', '婴儿'],
          price: [59, 299],
          weight: [1500, 3500],
          axes: [{ name: '尺码', values: values('NB', 'S', 'M', 'L', 'XL', 'XXL') }],
        },
      },
      {
        name: '玩具',
        slug: 'toys',
        kind: {
          brands: [
            ['LEGO', '乐高'],
            ['Keeppley', 'Keeppley'],
            ['Bandai', '万代'],
            ['Hape', 'Hape'],
          ],
          items: [
            ['拼装积木', 'Building Blocks'],
            ['遥控汽车', 'RC Car'],
            ['毛绒玩具', 'Plush Toy'],
          ],
          features: ['生日礼物', '益智', '6岁以上', '男孩女孩', '收藏'],
          price: [29, 2999],
          weight: [200, 3000],
          axes: [
            { name: '款式', values: values('经典款', ['豪华款', 1.4, 1.3], ['收藏版', 1.8, 1.5]) },
            colour('红色', '蓝色'),
          ],
        },
      },
      {
        name: '童装',
        slug: 'kids-clothing',
        kind: {
          brands: [
            ['Balabala', '巴拉巴拉'],
            ['Annil', '安奈儿'],
            ['Mini Peace', 'Mini Peace'],
            ['Uniqlo', '优衣库'],
          ],
          items: [
            ['儿童卫衣', 'Kids Hoodie'],
            ['儿童羽绒服', 'Kids Down Jacket'],
            ['婴儿连体衣', 'Baby Romper'],
          ],
          features: ['纯棉', '中大童', '洋气', '秋冬加绒', '宝宝'],
          price: [39, 699],
          weight: [150, 800],
          axes: [
            colour('粉色', '蓝色', '米白色', '黄色'),
            { name: '尺码', values: values('90cm', '100cm', '110cm', '120cm', '130cm', '140cm') },
          ],
        },
      },
    ],
  },
];

export const GENERIC_LINES = [
  '官方正品，全国联保。',
  '顺丰包邮，7天无理由退换。',
  '品牌旗舰店直供，假一赔十。',
  '支持以旧换新与分期付款。',
  '下单后48小时内发货。',
];
export const ENGLISH_LINES = [
  'Genuine product with official warranty.',
  'Free shipping across mainland China.',
  'Ships within 48 hours.',
  'Loved by over 100,000 customers.',
];
