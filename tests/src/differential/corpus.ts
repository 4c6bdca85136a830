import { fileURLToPath } from 'node:url';
import { type GraphQLSchema, OperationTypeNode, parse, validate } from 'graphql';
import { documentsInSources } from '../../../router/test/conformance/documents.ts';
import { createOperationGenerator, type Feature, type ValuePools } from './generator.ts';
import type { DifferentialCase } from './harness.ts';

const TESTS = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `count` generated query operations from a seeded generator; every fourth is sent anonymous, the
 * rest as the signed-in demo buyer, so @authenticated fields answer both ways.
 */
export function generatedCorpus(schema: GraphQLSchema, pools: ValuePools, seed: number, count: number) {
  const generator = createOperationGenerator(schema, { seed, pools });
  const cases: DifferentialCase[] = [];
  const features = new Map<Feature, number>();
  for (let index = 0; index < count; index++) {
    const operation = generator.next();
    for (const feature of operation.features) features.set(feature, (features.get(feature) ?? 0) + 1);
    cases.push({
      name: operation.name,
      query: operation.query,
      variables: operation.variables,
      signedIn: index % 4 !== 0,
      origin: `generated, seed ${seed}, #${index}`,
    });
  }
  return { cases, features, selected: generator.selected() };
}

/**
 * The queries the end-to-end tests send (string literals in tests/test and tests/src that validate
 * against the API schema), each signed in and anonymous, with variables from the seeded database.
 * Mutations are left to the front-end flow, which runs each once per engine.
 */
export function testSourceCorpus(schema: GraphQLSchema, pools: ValuePools, seed: number) {
  const generator = createOperationGenerator(schema, { seed, pools });
  const cases: DifferentialCase[] = [];
  for (const { origin, text } of documentsInSources([`${TESTS}test`, `${TESTS}src`], TESTS)) {
    let document: ReturnType<typeof parse>;
    try {
      document = parse(text);
    } catch {
      continue;
    }
    if (validate(schema, document).length > 0) continue;
    const query = document.definitions.every(
      (d) => d.kind !== 'OperationDefinition' || d.operation === OperationTypeNode.QUERY,
    );
    if (!query) continue;
    const variables = generator.variablesFor(document);
    for (const signedIn of [true, false]) {
      cases.push({ name: origin, query: text, variables, signedIn, origin: `tests/${origin}` });
    }
  }
  return cases;
}
