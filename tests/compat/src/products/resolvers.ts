import type { BaseCenterContext, CenterOptions } from '@zhongtai/subgraph-kit';
import {
  DEPRECATED_PRODUCT,
  type DeprecatedProduct,
  INVENTORIES,
  type Inventory,
  PRODUCTS,
  type Product,
  type ProductResearch,
  RESEARCH,
  USER,
  type User,
} from './data.ts';

/** This center keeps no tables: its kit database only backs the kit's readiness check. */
export type CompatSchema = Record<string, never>;
export type CompatContext = BaseCenterContext<CompatSchema>;

/** A Product arrives by any of its three keys: `id`, `sku package` or `sku variation { id }`. */
export interface ProductReference {
  id?: string;
  sku?: string;
  package?: string;
  variation?: { id?: string };
}

/** A User representation carries its key and, for @requires, the fields the router fetched first. */
export interface UserReference {
  email: string;
  totalProductsCreated?: number | null;
  yearsOfEmployment?: number | null;
}

export function findProduct(reference: ProductReference): Product | null {
  const { id, sku, package: pkg, variation } = reference;
  let found: Product | undefined;
  if (id !== undefined) found = PRODUCTS.find((p) => p.id === id);
  else if (sku !== undefined && pkg !== undefined)
    found = PRODUCTS.find((p) => p.sku === sku && p.package === pkg);
  else if (sku !== undefined && variation?.id !== undefined)
    found = PRODUCTS.find((p) => p.sku === sku && p.variation.id === variation.id);
  return found ?? null;
}

export function findDeprecatedProduct(sku: string, pkg: string): DeprecatedProduct | null {
  return sku === DEPRECATED_PRODUCT.sku && pkg === DEPRECATED_PRODUCT.package ? DEPRECATED_PRODUCT : null;
}

/**
 * The user behind a representation. Fields the representation brings (@external ones the router
 * fetched from users for @requires) win over what this subgraph holds.
 */
export function resolveUser(reference: UserReference): User | null {
  if (reference.email !== USER.email) return null;
  return {
    ...USER,
    ...(reference.totalProductsCreated !== undefined && {
      totalProductsCreated: reference.totalProductsCreated,
    }),
    ...(reference.yearsOfEmployment !== undefined && { yearsOfEmployment: reference.yearsOfEmployment }),
  };
}

/** As the suite specifies: totalProductsCreated / yearsOfEmployment, rounded, or null without a total. */
export function averageProductsCreatedPerYear(user: User): number | null {
  if (!user.totalProductsCreated || !user.yearsOfEmployment) return null;
  return Math.round(user.totalProductsCreated / user.yearsOfEmployment);
}

export const resolvers: CenterOptions<CompatSchema, CompatContext>['resolvers'] = {
  Query: {
    product: (_: unknown, { id }: { id: string }) => findProduct({ id }),
    deprecatedProduct: (_: unknown, args: { sku: string; package: string }) =>
      findDeprecatedProduct(args.sku, args.package),
  },
  Product: {
    __resolveReference: (reference: ProductReference) => findProduct(reference),
  },
  DeprecatedProduct: {
    __resolveReference: (reference: { sku: string; package: string }) =>
      findDeprecatedProduct(reference.sku, reference.package),
  },
  ProductResearch: {
    __resolveReference: (reference: { study: { caseNumber: string } }): ProductResearch | null =>
      RESEARCH.find((r) => r.study.caseNumber === reference.study.caseNumber) ?? null,
  },
  User: {
    __resolveReference: (reference: UserReference) => resolveUser(reference),
    averageProductsCreatedPerYear: (user: User) => averageProductsCreatedPerYear(user),
  },
  Inventory: {
    __resolveReference: (reference: { id: string }): Inventory | null =>
      INVENTORIES.find((i) => i.id === reference.id) ?? null,
  },
};
