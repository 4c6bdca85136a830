import type { RatingSummaryResolvers } from '../__generated__/resolvers.ts';

export const RatingSummary: RatingSummaryResolvers = {
  average: (summary) => (summary.count === 0 ? null : summary.total / summary.count),
  count: (summary) => summary.count,
  distribution: (summary) =>
    [5, 4, 3, 2, 1].map((stars) => ({ stars, count: summary.stars[stars - 1] ?? 0 })),
};
