import { type Database, newId } from '@zhongtai/subgraph-kit';
import type { InventorySchema } from '../src/db/index.ts';
import { setStock } from '../src/server.ts';

/** SKUs of this test's own, with the given units available: fresh ids, so tests never share rows. */
export function stockedSkus(db: Database<InventorySchema>) {
  return (...levels: number[]): Promise<string[]> =>
    Promise.all(
      levels.map(async (available) => {
        const id = newId();
        await setStock(db, id, available);
        return id;
      }),
    );
}

/** A buyer, as the router (or the orders center on a buyer's behalf) identifies them. */
export const buyer = () => ({ userId: newId(), scopes: [] });
