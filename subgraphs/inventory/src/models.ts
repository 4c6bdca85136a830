import type { ReservationStatus } from './db/schema.ts';

/**
 * A SKU as the router hands it over: its key, and its weight when a field that @requires it is
 * asked for. The Product Center owns SKUs; this center keeps no copy of them.
 */
export interface SkuRef {
  __typename?: 'Sku';
  id: string;
  weightGrams?: number | null;
}

/** A product as the router hands it over: its key, and its SKUs' keys for `inStock`. */
export interface ProductRef {
  __typename?: 'Product';
  id: string;
  skus?: readonly { id: string }[] | null;
}

/** Units of one SKU; a SKU with no stock row has zero of both. */
export interface StockLevel {
  available: number;
  reserved: number;
}

export interface ReservationLineModel {
  skuId: string;
  quantity: number;
}

/** A reservation with its lines, ordered by SKU id. */
export interface ReservationModel {
  reference: string;
  status: ReservationStatus;
  lines: ReservationLineModel[];
}
