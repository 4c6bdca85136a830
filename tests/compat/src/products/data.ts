/**
 * The data set Apollo's subgraph compatibility suite requires of the products subgraph (the
 * "Expected Data Sets" of its COMPATIBILITY.md). The suite asserts these exact values, so this
 * fixed data is the specification, not a shortcut around a database.
 */

export interface User {
  email: string;
  name: string;
  totalProductsCreated: number | null;
  yearsOfEmployment: number | null;
}

export interface CaseStudy {
  caseNumber: string;
  description: string | null;
}

export interface ProductResearch {
  study: CaseStudy;
  outcome: string | null;
}

export interface ProductDimension {
  size: string;
  weight: number;
  unit: string;
}

export interface Product {
  id: string;
  sku: string;
  package: string;
  variation: { id: string };
  dimensions: ProductDimension;
  createdBy: User;
  notes: string | null;
  research: ProductResearch[];
}

export interface DeprecatedProduct {
  sku: string;
  package: string;
  reason: string | null;
  createdBy: User;
}

export interface Inventory {
  id: string;
  deprecatedProducts: DeprecatedProduct[];
}

const dimension: ProductDimension = { size: 'small', weight: 1, unit: 'kg' };

/**
 * The user as this subgraph knows it: `name` is ours (@override from users) and
 * `totalProductsCreated` is what Product.createdBy @provides (the suite wants anything but 4).
 */
export const USER: User = {
  email: 'support@apollographql.com',
  name: 'Jane Smith',
  totalProductsCreated: 1337,
  yearsOfEmployment: 10,
};

export const DEPRECATED_PRODUCT: DeprecatedProduct = {
  sku: 'apollo-federation-v1',
  package: '@apollo/federation-v1',
  reason: 'Migrate to Federation V2',
  createdBy: USER,
};

export const RESEARCH: ProductResearch[] = [
  { study: { caseNumber: '1234', description: 'Federation Study' }, outcome: null },
  { study: { caseNumber: '1235', description: 'Studio Study' }, outcome: null },
];

export const PRODUCTS: Product[] = [
  {
    id: 'apollo-federation',
    sku: 'federation',
    package: '@apollo/federation',
    variation: { id: 'OSS' },
    dimensions: dimension,
    createdBy: USER,
    notes: null,
    research: [RESEARCH[0]!],
  },
  {
    id: 'apollo-studio',
    sku: 'studio',
    package: '',
    variation: { id: 'platform' },
    dimensions: dimension,
    createdBy: USER,
    notes: null,
    research: [RESEARCH[1]!],
  },
];

/** Inventory is an @interfaceObject here: this subgraph adds deprecatedProducts to every Inventory. */
export const INVENTORIES: Inventory[] = [{ id: 'apollo-oss', deprecatedProducts: [DEPRECATED_PRODUCT] }];
