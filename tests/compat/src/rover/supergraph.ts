import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { createRouter, loadRouterConfig, type Router } from '@zhongtai/router';
import { createLogger } from '@zhongtai/subgraph-kit';
import { type DocumentNode, type GraphQLError, parse, Source } from 'graphql';
import { type DevSubgraph, LOOPBACK } from './options.ts';

function describe(error: GraphQLError): string {
  const where = (error.nodes ?? [])
    .map((node) => node.loc && `${node.loc.source.name}:${node.loc.startToken.line}`)
    .filter(Boolean);
  const code = error.extensions?.code ?? 'COMPOSITION_ERROR';
  return `[${String(code)}] ${error.message}${where.length > 0 ? ` (at ${where.join(', ')})` : ''}`;
}

/**
 * The leading session's supergraph: the registered subgraphs composed with @apollo/composition (as
 * scripts/src/lib/supergraph.ts composes ours) and served by the Zhongtai router (router/src), started
 * on the first composition that succeeds and updated in place after that. As with rover, a composition
 * that fails is reported and the last good supergraph keeps being served.
 *
 * This module loads the router and composition, which takes seconds: session.ts imports it only once
 * it has claimed the router's ports.
 */
export class DevSupergraph {
  private readonly dir = mkdtempSync(join(tmpdir(), 'zhongtai-rover-dev-'));
  private readonly supergraphPath = join(this.dir, 'supergraph.graphql');
  private readonly logger = createLogger('rover-dev', process.env.LOG_LEVEL || 'info');
  private router: Router | undefined;

  constructor(private readonly options: { routerPort: number; report: (message: string) => void }) {}

  /** Composes these subgraphs and serves the result; false when they do not compose. */
  async serve(subgraphs: readonly DevSubgraph[]): Promise<boolean> {
    const names = subgraphs.map((s) => s.name).join(', ');
    let services: { name: string; url: string; typeDefs: DocumentNode }[];
    try {
      services = subgraphs.map((s) => ({
        name: s.name,
        url: s.url,
        typeDefs: parse(new Source(s.sdl, s.name)),
      }));
    } catch (error) {
      this.options.report(`a subgraph's SDL does not parse: ${describe(error as GraphQLError)}`);
      return false;
    }
    const result = composeServices(services);
    if (result.errors) {
      // Expected while sessions are still arriving: a subgraph alone may not compose.
      this.options.report(
        `composition of ${names} failed:\n${result.errors.map((e) => `    ${describe(e)}`).join('\n')}`,
      );
      return false;
    }
    const sdl = result.supergraphSdl;
    writeFileSync(this.supergraphPath, sdl);
    if (!this.router) {
      const url = await this.startRouter();
      this.options.report(`composed ${names}; the Zhongtai router serves the supergraph at ${url}`);
    } else {
      this.router.gateway.update(sdl);
      if (this.router.gateway.supergraph?.sdl !== sdl) {
        this.options.report(`the router refused the composition of ${names}; it keeps the previous one`);
        return false;
      }
      this.options.report(`composed ${names}; the router serves the new supergraph`);
    }
    return true;
  }

  async stop(): Promise<void> {
    await this.router?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async startRouter(): Promise<string> {
    const config = loadRouterConfig({
      // Not development, which would also watch the file: serve() pushes each composition itself.
      NODE_ENV: 'test',
      HOST: LOOPBACK,
      PORT: String(this.options.routerPort),
      SUPERGRAPH_PATH: this.supergraphPath,
      LOG_LEVEL: process.env.LOG_LEVEL,
      JWT_SECRET: process.env.JWT_SECRET,
    });
    const router = createRouter(config, this.logger);
    // Apollo Router, which rover dev runs, serves GraphQL at `/`, where rover dev's clients (the
    // compatibility suite among them) post; ours serves it at /graphql.
    router.httpServer.prependListener('request', (req: IncomingMessage) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/') req.url = `/graphql${url.search}`;
    });
    const url = await router.listen();
    this.router = router;
    return url;
  }
}
