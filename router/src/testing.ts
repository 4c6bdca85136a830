/**
 * What tests that run a router read from it: its own tests and the end-to-end ones
 * (`@zhongtai/router/testing`), so that both read /metrics one way.
 */

/** A subgraph's circuit breaker state as the router's /metrics reports it: the state whose gauge is 1. */
export async function breakerState(routerUrl: string | URL, subgraph: string): Promise<string | undefined> {
  const text = await (await fetch(new URL('/metrics', routerUrl))).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith(`zhongtai_router_subgraph_breaker_state{subgraph="${subgraph}"`) && l.endsWith(' 1'),
    );
  return line?.match(/state="([^"]+)"/)?.[1];
}
