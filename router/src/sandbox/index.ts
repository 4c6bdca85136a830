/**
 * The sandbox: GraphiQL (schema docs, autocompletion, variables, headers) served by the router itself
 * at `/`, and at `/graphql` to a browser asking for HTML, with every asset from this router, so it
 * works with no internet. Beside GraphiQL's own: the explorer (a query built by ticking fields), and
 * our panels (panels.js): the last run's plan and fetch waterfall, signing in, and speaking as a
 * registered client with its operations to open. Off in production unless SANDBOX=true.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Route } from '@zhongtai/subgraph-kit';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

interface Asset {
  file: () => string;
  type: 'text/javascript' | 'text/css';
}

const packaged = (name: string, path: string, type: Asset['type']): Asset => ({
  file: () => join(packageDir(name), path),
  type,
});

/**
 * The files the page loads: React 18, GraphiQL 3 and its explorer plugin, whose UMD builds need no
 * bundler, and our panels.
 */
const ASSETS: Record<string, Asset> = {
  '/sandbox/react.js': packaged('react', 'umd/react.production.min.js', 'text/javascript'),
  '/sandbox/react-dom.js': packaged('react-dom', 'umd/react-dom.production.min.js', 'text/javascript'),
  '/sandbox/graphiql.js': packaged('graphiql', 'graphiql.min.js', 'text/javascript'),
  '/sandbox/graphiql.css': packaged('graphiql', 'graphiql.min.css', 'text/css'),
  '/sandbox/explorer.js': packaged('@graphiql/plugin-explorer', 'dist/index.umd.js', 'text/javascript'),
  '/sandbox/explorer.css': packaged('@graphiql/plugin-explorer', 'dist/style.css', 'text/css'),
  '/sandbox/panels.js': {
    file: () => fileURLToPath(new URL('./panels.js', import.meta.url)),
    type: 'text/javascript',
  },
};

const STARTER = `# Welcome to the Zhongtai supergraph.
# Ctrl-Enter runs the operation; the Docs button shows every type and field.
# On the left: the Explorer builds a query as you tick fields; Plan shows the last run's query plan
# and each subgraph fetch on one time axis; Sign in sets the Authorization header (demo user filled
# in); Client sends as web, mobile or fresh and opens the operations that client registered.
{
  products(first: 3) {
    edges {
      node {
        id
        title
        seller {
          displayName
        }
      }
    }
  }
}
`;

function page(graphqlPath: string): string {
  const settings = JSON.stringify({ url: graphqlPath, query: STARTER }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Zhongtai sandbox</title>
<link rel="stylesheet" href="/sandbox/graphiql.css">
<link rel="stylesheet" href="/sandbox/explorer.css">
<style>
  html, body, #sandbox { height: 100%; margin: 0; }
  .zt-waterfall { list-style: none; padding: 0; margin: 0 0 1em; }
  .zt-fetch { margin: 0 0 0.6em; font-size: 0.85em; }
  .zt-track { background: hsla(var(--color-neutral), 0.1); border-radius: 3px; }
  .zt-bar { height: 0.8em; border-radius: 3px; }
  .zt-plan-tree { padding-left: 1em; font-size: 0.85em; }
  .zt-plan-tree ul { padding-left: 1em; }
  .zt-plan-tree pre { white-space: pre-wrap; font-size: 0.9em; }
  .zt-field { display: block; margin: 0 0 0.8em; }
  .zt-field input, .zt-field select { display: block; width: 100%; margin-top: 0.3em; padding: 0.3em; }
  .zt-operations { list-style: none; padding: 0; }
  .zt-operations li { margin: 0 0 0.4em; }
</style>
</head>
<body>
<div id="sandbox">Loading the sandbox…</div>
<script src="/sandbox/react.js"></script>
<script src="/sandbox/react-dom.js"></script>
<script src="/sandbox/graphiql.js"></script>
<script src="/sandbox/explorer.js"></script>
<script type="application/json" id="sandbox-settings">${settings}</script>
<script type="module" src="/sandbox/panels.js"></script>
</body>
</html>
`;
}

/** A client's registered operation, as the Client panel lists it. */
export interface RegisteredOperation {
  id: string;
  name: string;
  body: string;
}

/**
 * The page at `/`, the assets under `/sandbox/` (read once and kept), and
 * `/sandbox/operations.json`: each client's registered operations, as `registered` gives them now.
 */
export function sandboxRoutes(
  registered: () => Record<string, readonly RegisteredOperation[]>,
  graphqlPath = '/graphql',
): Record<string, Route> {
  const html = page(graphqlPath);
  const routes: Record<string, Route> = {
    '/': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(html);
    },
    '/sandbox/operations.json': (_req, res) => {
      const listed = Object.fromEntries(
        Object.entries(registered()).map(([client, operations]) => [
          client,
          operations.map(({ id, name, body }) => ({ id, name, body })),
        ]),
      );
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(JSON.stringify(listed));
    },
  };
  for (const [path, asset] of Object.entries(ASSETS)) {
    let body: Buffer | undefined;
    routes[path] = (_req, res) => {
      body ??= readFileSync(asset.file());
      res.writeHead(200, {
        'content-type': `${asset.type}; charset=utf-8`,
        'cache-control': 'public, max-age=86400',
      });
      res.end(body);
    };
  }
  return routes;
}

/** Apollo Server's landing page hook: what `/graphql` shows a browser (Accept: text/html). */
export function sandboxLandingPage<C extends BaseContext>(graphqlPath = '/graphql'): ApolloServerPlugin<C> {
  const html = page(graphqlPath);
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
