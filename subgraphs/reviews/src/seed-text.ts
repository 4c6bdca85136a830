/**
 * What seeded reviews say: titles and sentences in Chinese and English, by how the reviewer felt.
 * Reviews are assembled from these, so a million of them read like a real shop's and cost nothing.
 */
export interface Phrases {
  titlesZh: readonly string[];
  titlesEn: readonly string[];
  sentencesZh: readonly string[];
  sentencesEn: readonly string[];
}

export const POSITIVE: Phrases = {
  titlesZh: [
    '非常满意',
    '物超所值',
    '质量很好，推荐购买',
    '五星好评',
    '第二次回购了',
    '比预期的好',
    '包装精美，发货快',
    '性价比超高',
    '做工精细',
    '家人都很喜欢',
    '值得入手',
    '好评！',
    '一如既往的好',
    '送人很有面子',
  ],
  titlesEn: [
    'Great value',
    'Exactly as described',
    'Love it',
    'Would buy again',
    'Excellent quality',
    'Fast delivery, great product',
    'Five stars',
    'Better than expected',
    'Worth every fen',
  ],
  sentencesZh: [
    '质量很好，做工也很精细。',
    '物流很快，第二天就到了。',
    '包装很严实，没有任何破损。',
    '和描述的一模一样，很满意。',
    '用了一周了，感觉很不错。',
    '客服态度很好，有问必答。',
    '价格实惠，性价比很高。',
    '已经推荐给朋友了。',
    '颜色很正，没有色差。',
    '手感很好，比想象中轻。',
    '这是第二次购买了，一如既往的好。',
    '618活动入手的，很划算。',
    '双十一囤的货，值！',
    '顺丰发货，速度没得说。',
    '老人用着也很方便。',
    '细节处理得很用心。',
  ],
  sentencesEn: [
    'Build quality is excellent.',
    'Arrived two days early and well packed.',
    'Exactly what I needed.',
    'Works even better than advertised.',
    'The size chart was accurate.',
    'Bought this for my parents and they love it.',
    'Setup took five minutes.',
    'Great value for the money.',
    'Highly recommend.',
  ],
};

export const NEUTRAL: Phrases = {
  titlesZh: ['还行吧', '一般般', '中规中矩', '有优点也有缺点', '凑合能用', '和图片有点差别', '对得起这个价'],
  titlesEn: ["It's okay", 'Does the job', 'Average', 'Mixed feelings', 'Decent for the price'],
  sentencesZh: [
    '东西还可以，就是物流有点慢。',
    '整体还行，但是有些细节做得不够好。',
    '价格有点贵，质量对得起价格。',
    '和图片有一点色差，能接受。',
    '说明书只有英文，不太方便。',
    '用起来还行，没有特别惊艳。',
    '包装有点简陋，好在东西没坏。',
  ],
  sentencesEn: [
    'It works, but the finish feels a bit cheap.',
    'Shipping took longer than expected.',
    'Fine for the price, nothing special.',
    'The instructions could be clearer.',
  ],
};

export const NEGATIVE: Phrases = {
  titlesZh: ['不太满意', '质量一般', '和描述不符', '物流太慢了', '用了几天就坏了', '不推荐', '失望'],
  titlesEn: ['Disappointed', 'Not as described', 'Broke after a week', 'Would not recommend', 'Poor quality'],
  sentencesZh: [
    '收到的时候包装已经破了。',
    '用了三天就出问题了，联系客服也没人回。',
    '实物和图片差别太大。',
    '质量很差，不建议购买。',
    '尺码偏小，退货还要自己付运费。',
    '味道很大，放了好几天都没散。',
  ],
  sentencesEn: [
    'Stopped working after a week.',
    'Nothing like the photos.',
    'Customer service never replied.',
    'The material feels flimsy.',
    'Had to return it.',
  ],
};

/** How a product's ratings are spread, as cumulative chances of 1, 2, 3, 4 and 5 stars. */
export const RATING_PROFILES = [
  // Most products are well liked: ratings on a marketplace lean heavily to 4 and 5 stars.
  { chance: 0.55, cumulative: [0.02, 0.04, 0.1, 0.35, 1] },
  { chance: 0.3, cumulative: [0.05, 0.1, 0.25, 0.65, 1] },
  // A few divide their buyers.
  { chance: 0.15, cumulative: [0.15, 0.3, 0.55, 0.8, 1] },
] as const;
