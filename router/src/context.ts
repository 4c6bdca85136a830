import type { Identity } from '@zhongtai/subgraph-kit';

/** What the router knows about a request; the executor turns it into headers for the subgraphs. */
export interface RouterContext {
  identity: Identity;
  requestId: string;
  clientName: string | null;
  clientVersion: string | null;
}
