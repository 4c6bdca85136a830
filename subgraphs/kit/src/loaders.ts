import DataLoader from 'dataloader';
import { MissingKeyError } from './errors.ts';

/**
 * A loader for rows looked up by a unique key. The batch function may return rows in any order
 * and omit missing ones; the loader answers in key order and gives a MissingKeyError for a key
 * with no row, as DataLoader requires.
 */
export function keyedLoader<K, R>(
  entity: string,
  fetch: (keys: readonly K[]) => Promise<readonly R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R> {
  return new DataLoader<K, R>(async (keys) => {
    const byKey = new Map<K, R>();
    for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? new MissingKeyError(entity, key));
  });
}

/** A loader for the rows that belong to a parent (one-to-many); a parent with none gets []. */
export function groupedLoader<K, R>(
  fetch: (keys: readonly K[]) => Promise<readonly R[]>,
  groupOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => {
    const groups = new Map<K, R[]>();
    for (const row of await fetch(keys)) {
      const key = groupOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
