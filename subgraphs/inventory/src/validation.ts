import { badUserInput, isId } from '@zhongtai/subgraph-kit';
import type { ReservationLineModel } from './models.ts';

export const MAX_QUANTITY = 999;
/** Distinct SKUs a reservation may hold: each costs one statement when reserving. */
export const MAX_LINES = 100;

export function checkReference(reference: string): string {
  if (!isId(reference)) throw badUserInput('"reference" must be an order id.', 'reference');
  return reference.toLowerCase();
}

const checkQuantity = (quantity: number, skuId: string) => {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw badUserInput(
      `The quantity of SKU ${skuId} must be between 1 and ${MAX_QUANTITY}, got ${quantity}.`,
      'quantity',
    );
  }
};

/**
 * Checks the lines of a reservation and puts them in the form reserveStock needs: lines for the same
 * SKU added together, one line a SKU, in SKU id order.
 */
export function normalizeLines(
  lines: readonly { skuId: string; quantity: number }[],
): ReservationLineModel[] {
  if (lines.length === 0) throw badUserInput('A reservation needs at least one line.', 'lines');
  const merged = new Map<string, number>();
  for (const { skuId, quantity } of lines) {
    if (!isId(skuId)) throw badUserInput(`"${skuId.slice(0, 40)}" is not a SKU id.`, 'skuId');
    checkQuantity(quantity, skuId);
    const key = skuId.toLowerCase();
    merged.set(key, (merged.get(key) ?? 0) + quantity);
  }
  if (merged.size > MAX_LINES) {
    throw badUserInput(`A reservation can hold at most ${MAX_LINES} different SKUs.`, 'lines');
  }
  for (const [skuId, quantity] of merged) checkQuantity(quantity, skuId);
  return [...merged]
    .map(([skuId, quantity]) => ({ skuId, quantity }))
    .sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
}
