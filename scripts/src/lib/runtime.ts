/**
 * How the router's Node.js process is started, wherever it runs: `npm start`, `npm run cluster`,
 * the benches (as flags), and the Kubernetes manifests and image check (as NODE_OPTIONS).
 *
 * A 32 MB young generation semi-space instead of V8's default (16 MB on 64-bit): the router makes
 * many short-lived objects per request (parsed subgraph answers, the shaped response), and with
 * the default most of its GC time went to scavenges. Measured side by side on the Guild's workload
 * (`npm run bench:router -- --gateways native,native-node-defaults`): 6 to 8 % more requests per
 * CPU-second in two runs, for 30 to 55 MB more resident memory; 64 MB gained no more and cost 90 MB.
 */
export const ROUTER_NODE_FLAGS = ['--max-semi-space-size=32'] as const;

/** The same flags as NODE_OPTIONS, for a process whose command line is not ours to set. */
export const ROUTER_NODE_OPTIONS = ROUTER_NODE_FLAGS.join(' ');
