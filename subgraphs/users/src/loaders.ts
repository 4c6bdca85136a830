import { type Database, groupedLoader, keyedLoader } from '@zhongtai/subgraph-kit';
import type { UsersSchema } from './db/index.ts';
import { findAddressesByUserIds } from './repositories/addresses.ts';
import { findUsersByIds } from './repositories/users.ts';

/** Per-request loaders: every entity lookup and list in one request batches into one statement. */
export function createLoaders(db: Database<UsersSchema>) {
  return {
    userById: keyedLoader(
      'User',
      (ids: readonly string[]) => findUsersByIds(db, ids),
      (row) => row.id,
    ),
    addressesByUserId: groupedLoader(
      (ids: readonly string[]) => findAddressesByUserIds(db, ids),
      (row) => row.userId,
    ),
  };
}

export type UsersLoaders = ReturnType<typeof createLoaders>;
