/**
 * The baseline of `npm run bench:router`: a bare @apollo/gateway behind @apollo/server's standalone
 * server, with their default settings, on a supergraph file:
 * `node stock-gateway.mjs --supergraph <file> --port <port>` prints `listening <port>` once up.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const { values } = parseArgs({
  options: {
    supergraph: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
if (!values.supergraph) throw new Error('--supergraph <file> is required');

const server = new ApolloServer({
  gateway: new ApolloGateway({ supergraphSdl: readFileSync(values.supergraph, 'utf8') }),
  // Not a performance setting: Apollo's own handler re-raises the signal after stopping, which ends
  // the process before `node --cpu-prof` can write its profile; this exit lets it.
  stopOnTerminationSignals: false,
});
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(values.port), host: values.host },
});
console.log(`listening ${new URL(url).port}`);

const stop = () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
