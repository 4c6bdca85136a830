/** Where each type, field and enum value of the supergraph is written in the subgraphs' SDL files. */
import { type ASTNode, Kind, parse, Source } from 'graphql';
import type { SubgraphSource } from '../supergraph.ts';

export interface Place {
  subgraph: string;
  /** `path:line:column`, relative to the repository. */
  location: string;
}

/** Schema coordinate (`Product`, `Product.title`, `OrderStatus.PAID`) → the places that define it. */
export type Locator = (coordinate: string) => Place[];

export function locatorFor(subgraphs: SubgraphSource[]): Locator {
  const places = new Map<string, Place[]>();
  const add = (coordinate: string, subgraph: SubgraphSource, node: ASTNode) => {
    if (!node.loc) return;
    const location = `${subgraph.file}:${node.loc.startToken.line}:${node.loc.startToken.column}`;
    places.set(coordinate, [...(places.get(coordinate) ?? []), { subgraph: subgraph.name, location }]);
  };
  for (const subgraph of subgraphs) {
    let document: ReturnType<typeof parse>;
    try {
      document = parse(new Source(subgraph.sdl, subgraph.file));
    } catch {
      continue;
    }
    for (const definition of document.definitions) {
      if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION)
        continue;
      const type = definition.name.value;
      add(type, subgraph, definition);
      if ('fields' in definition) {
        for (const field of definition.fields ?? []) {
          add(`${type}.${field.name.value}`, subgraph, field);
          if ('arguments' in field) {
            for (const argument of field.arguments ?? [])
              add(`${type}.${field.name.value}.${argument.name.value}`, subgraph, argument);
          }
        }
      }
      if ('values' in definition) {
        for (const value of definition.values ?? []) add(`${type}.${value.name.value}`, subgraph, value);
      }
    }
  }
  return (coordinate) => places.get(coordinate) ?? [];
}
