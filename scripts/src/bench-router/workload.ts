/**
 * The Guild's federation gateways benchmark (graphql-hive/graphql-gateways-benchmark) as a workload:
 * its four subgraphs' SDLs and its deep query, in workload/.
 */
import { readFileSync } from 'node:fs';

export const SUBGRAPH_NAMES = ['accounts', 'inventory', 'products', 'reviews'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const read = (file: string) => readFileSync(new URL(`./workload/${file}`, import.meta.url), 'utf8');

export const subgraphSdl = (name: SubgraphName): string => read(`${name}.graphql`);

/** The benchmark's query, `TestQuery`: users and top products, their reviews, authors and products. */
export const QUERY = read('query.graphql');
