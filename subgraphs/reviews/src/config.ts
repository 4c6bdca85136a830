import { centerEnv, parseEnv } from '@zhongtai/subgraph-kit';
import { z } from 'zod';

const reviewsEnv = centerEnv({
  PORT: z.coerce.number().int().min(0).max(65535).default(4006),
});

export type ReviewsConfig = z.infer<typeof reviewsEnv>;

export function loadReviewsConfig(env: NodeJS.ProcessEnv = process.env): ReviewsConfig {
  return parseEnv(reviewsEnv, env, 'the reviews center');
}
