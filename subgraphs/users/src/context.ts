import type { BaseCenterContext } from '@zhongtai/subgraph-kit';
import type { UsersSchema } from './db/index.ts';
import type { UsersLoaders } from './loaders.ts';

export interface UsersContext extends BaseCenterContext<UsersSchema> {
  loaders: UsersLoaders;
  tokens: { secret: string; ttl: string };
}
