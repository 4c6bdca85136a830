/**
 * What a token costs: `npx tsx bench/trust.ts` signs and checks one per product-page-sized fetch and
 * prints microseconds per sign and per verify (the router signs once per subgraph fetch, a center
 * verifies once per request).
 */
import { createRequestSigner, createRequestVerifier, generateServiceKey, trustKeys } from '../src/trust.ts';

const key = generateServiceKey();
const signer = createRequestSigner({ service: 'router', key });
const verifier = createRequestVerifier({
  audience: 'products',
  trustedKeys: trustKeys({ router: key }),
  replayCapacity: 10_000_000,
});
const body = JSON.stringify({
  query:
    'query($representations:[_Any!]!){_entities(representations:$representations){... on Product{id title price{amount currency}}}}',
  variables: {
    representations: Array.from({ length: 20 }, (_, i) => ({ __typename: 'Product', id: `p${i}` })),
  },
});
const identity = { userId: '0192f1e2-7c1a-7d3e-9a61-5c3b2f0e4d11', scopes: ['orders:read'] };
const rounds = 5_000;
// CPU time, not wall time: on a shared machine, waiting for a core is not the token's cost.
const micros = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / rounds).toFixed(1);
};

for (const [label, run] of [
  ['sign', () => signer.sign({ identity, audience: 'products', method: 'POST', body })],
] as const) {
  for (let i = 0; i < 1_000; i++) run();
  const started = process.cpuUsage();
  for (let i = 0; i < rounds; i++) run();
  console.log(`${label}: ${micros(started)} µs of CPU`);
}

const tokens = Array.from({ length: rounds }, () =>
  signer.sign({ identity, audience: 'products', method: 'POST', body }),
);
const started = process.cpuUsage();
for (const headers of tokens) {
  const check = verifier.verify({ method: 'POST', headers: { get: (name) => headers[name] }, body });
  if (!check.ok) throw new Error(check.reason);
}
console.log(`verify: ${micros(started)} µs of CPU`);
console.log(`body: ${body.length} bytes, token: ${Object.values(tokens[0]!)[0]!.length} bytes`);
