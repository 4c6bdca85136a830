/**
 * The sandbox: GraphiQL (schema docs, autocompletion, variables, headers) served by the router itself
 * at `/`, and at `/graphql` to a browser asking for HTML, with every asset from this router, so it
 * works with no internet. Off in production unless SANDBOX=true.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Route } from '@zhongtai/subgraph-kit';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The files the page loads: React 18 and GraphiQL 3, whose UMD builds need no bundler. */
const ASSETS = {
  '/sandbox/react.js': {
    file: () => join(packageDir('react'), 'umd/react.production.min.js'),
    type: 'text/javascript',
  },
  '/sandbox/react-dom.js': {
    file: () => join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
  '/sandbox/graphiql.js': {
    file: () => join(packageDir('graphiql'), 'graphiql.min.js'),
    type: 'text/javascript',
  },
  '/sandbox/graphiql.css': { file: () => join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
} as const;

const STARTER = `# Welcome to the Zhongtai supergraph.
# Ctrl-Enter runs the operation; the Docs button shows every type and field.
# Sign in with the signIn mutation (demo@zhongtai.dev / zhongtai-demo) and put the token in
# Headers as {"Authorization": "Bearer <token>"}.
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
<style>html, body, #sandbox { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="sandbox">Loading the sandbox…</div>
<script src="/sandbox/react.js"></script>
<script src="/sandbox/react-dom.js"></script>
<script src="/sandbox/graphiql.js"></script>
<script>
  const settings = ${settings};
  // The sandbox names itself to the router like any front-end does.
  const fetcher = GraphiQL.createFetcher({
    url: new URL(settings.url, location.href).href,
    headers: { 'apollographql-client-name': 'sandbox' },
  });
  ReactDOM.createRoot(document.getElementById('sandbox')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: settings.query,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: true,
    }),
  );
</script>
</body>
</html>
`;
}

/** The page at `/` and the assets under `/sandbox/`, read once and kept. */
export function sandboxRoutes(graphqlPath = '/graphql'): Record<string, Route> {
  const html = page(graphqlPath);
  const routes: Record<string, Route> = {
    '/': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(html);
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
