// The sandbox's own panels on the GraphiQL the router serves: the query plan and fetch waterfall of the
// last run, signing in, and speaking as one of the registered clients. A browser module with no build
// step: it uses the globals that the page's React, GraphiQL and explorer plugin scripts define, and
// mounts the sandbox with the settings the page carries.
const h = React.createElement;
const { useEditorContext } = GraphiQL.React;

/** What the panels share: where GraphQL is, which client the sandbox speaks as, the last run. */
const store = {
  url: '/graphql',
  client: 'sandbox',
  run: null,
  listeners: new Set(),
  set(patch) {
    Object.assign(store, patch);
    for (const listener of store.listeners) listener();
  },
};

function useStore() {
  const [, rerender] = React.useState(0);
  React.useEffect(() => {
    const listener = () => rerender((n) => n + 1);
    store.listeners.add(listener);
    return () => store.listeners.delete(listener);
  }, []);
  return store;
}

async function post(body, headers) {
  const response = await fetch(store.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'apollographql-client-name': store.client,
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return response.json();
}

// Every run asks for its plan; the plan and timings go to the Plan panel, not the result pane.
async function fetcher(params, options) {
  const body = await post(params, { 'x-zhongtai-debug': 'plan', ...(options?.headers ?? {}) });
  if (params.operationName === 'IntrospectionQuery') return body;
  const { queryPlan = null, fetches = [], ...others } = body.extensions ?? {};
  store.set({ run: { queryPlan, fetches } });
  const shown = { ...body };
  if (Object.keys(others).length > 0) shown.extensions = others;
  else delete shown.extensions;
  return shown;
}

const icon = (d) => () =>
  h(
    'svg',
    {
      viewBox: '0 0 24 24',
      width: 20,
      height: 20,
      fill: 'none',
      stroke: 'currentColor',
      'aria-hidden': true,
    },
    h('path', { d, strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round' }),
  );

const title = (text) => h('div', { className: 'graphiql-doc-explorer-title' }, text);

// A fetch's wave: 1 + the highest wave among the fetches that ended before it started.
function waves(fetches) {
  const result = [];
  fetches.forEach((fetch, i) => {
    let wave = 0;
    fetches.forEach((other, j) => {
      if (j !== i && other.startMs + other.durationMs <= fetch.startMs) wave = Math.max(wave, result[j] ?? 0);
    });
    result[i] = wave + 1;
  });
  return result;
}

const COLOURS = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#db2777'];

function Waterfall({ fetches }) {
  const end = Math.max(1, ...fetches.map((f) => f.startMs + f.durationMs));
  const wave = waves(fetches);
  return h(
    'ol',
    { className: 'zt-waterfall', 'aria-label': 'Subgraph fetches' },
    fetches.map((f, i) =>
      h(
        'li',
        { key: i, className: 'zt-fetch', 'data-subgraph': f.subgraph, 'data-wave': wave[i] },
        h(
          'div',
          { className: 'zt-fetch-label' },
          `${f.subgraph} · ${f.durationMs.toFixed(1)} ms`,
          f.entities > 0 ? ` · ${f.entities} entities` : '',
          f.error ? ` · ${f.error}` : '',
        ),
        h(
          'div',
          { className: 'zt-track' },
          h('div', {
            className: 'zt-bar',
            title: `wave ${wave[i]}: starts at ${f.startMs} ms, ${f.durationMs} ms, ${f.requestBytes} B out, ${f.responseBytes ?? '-'} B back`,
            style: {
              marginLeft: `${(100 * f.startMs) / end}%`,
              width: `${Math.max(0.5, (100 * f.durationMs) / end)}%`,
              background: f.error ? '#991b1b' : COLOURS[(wave[i] - 1) % COLOURS.length],
            },
          }),
        ),
      ),
    ),
  );
}

function PlanNode({ node }) {
  if (!node) return null;
  switch (node.kind) {
    case 'Fetch':
    case 'BatchFetch':
      return h(
        'li',
        { className: 'zt-plan-fetch' },
        h(
          'details',
          null,
          h(
            'summary',
            null,
            `${node.kind} from ${node.subgraph}${node.entities || node.kind === 'BatchFetch' ? ' (entities)' : ''}`,
          ),
          h('pre', null, node.operation),
        ),
      );
    case 'Sequence':
    case 'Parallel':
      return h(
        'li',
        null,
        node.kind,
        h(
          'ul',
          null,
          node.nodes.map((child, i) => h(PlanNode, { key: i, node: child })),
        ),
      );
    case 'Flatten':
      return h('li', null, `Flatten at ${node.path}`, h('ul', null, h(PlanNode, { node: node.node })));
    case 'Condition':
      return h(
        'li',
        null,
        `If $${node.variable}`,
        h(
          'ul',
          null,
          h(PlanNode, { node: node.ifTrue }),
          node.ifFalse ? h(PlanNode, { node: node.ifFalse }) : null,
        ),
      );
    default:
      return h('li', null, node.kind);
  }
}

function PlanPanel() {
  const { run } = useStore();
  if (!run)
    return h('div', null, title('Plan'), h('p', null, 'Run an operation to see its query plan and fetches.'));
  if (!run.queryPlan) {
    return h(
      'div',
      null,
      title('Plan'),
      h('p', null, 'The router sent no plan (the operation was refused, or plans are off).'),
    );
  }
  return h(
    'div',
    { className: 'zt-plan' },
    title('Plan'),
    h('p', null, `Engine: ${run.queryPlan.engine}. ${run.fetches.length} subgraph fetch(es), by start time:`),
    h(Waterfall, { fetches: run.fetches }),
    h('h3', null, 'Query plan'),
    run.queryPlan.node
      ? h('ul', { className: 'zt-plan-tree' }, h(PlanNode, { node: run.queryPlan.node }))
      : h('p', null, 'No subgraph was needed.'),
  );
}

const SIGN_IN =
  'mutation SandboxSignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';

function SignInPanel() {
  const { headerEditor } = useEditorContext({ nonNull: true });
  const [email, setEmail] = React.useState('demo@zhongtai.dev');
  const [password, setPassword] = React.useState('zhongtai-demo');
  const [status, setStatus] = React.useState('');
  async function signIn(event) {
    event.preventDefault();
    setStatus('Signing in…');
    const body = await post({
      query: SIGN_IN,
      operationName: 'SandboxSignIn',
      variables: { email, password },
    });
    const token = body.data?.signIn?.token;
    if (!token) {
      setStatus(`Not signed in: ${body.errors?.[0]?.message ?? 'no token came back'}`);
      return;
    }
    let headers = {};
    try {
      headers = JSON.parse(headerEditor?.getValue() || '{}');
    } catch {
      headers = {};
    }
    headers.Authorization = `Bearer ${token}`;
    headerEditor?.setValue(JSON.stringify(headers, null, 2));
    setStatus(`Signed in as ${email}: the Authorization header is set (Headers tab).`);
  }
  const field = (label, type, value, set) =>
    h(
      'label',
      { className: 'zt-field' },
      label,
      h('input', { type, value, name: type, onChange: (e) => set(e.target.value) }),
    );
  return h(
    'form',
    { className: 'zt-sign-in', onSubmit: signIn },
    title('Sign in'),
    field('Email', 'email', email, setEmail),
    field('Password', 'password', password, setPassword),
    h('button', { type: 'submit', className: 'graphiql-button' }, 'Sign in'),
    h('p', { role: 'status' }, status),
  );
}

function ClientPanel() {
  const { client } = useStore();
  const { queryEditor, variableEditor } = useEditorContext({ nonNull: true });
  const [registered, setRegistered] = React.useState(null);
  React.useEffect(() => {
    fetch('/sandbox/operations.json')
      .then((response) => response.json())
      .then(setRegistered, () => setRegistered({}));
  }, []);
  const clients = ['sandbox', ...Object.keys(registered ?? {})];
  const operations = registered?.[client] ?? [];
  return h(
    'div',
    { className: 'zt-client' },
    title('Client'),
    h(
      'label',
      { className: 'zt-field' },
      'Send as (apollographql-client-name)',
      h(
        'select',
        { value: client, onChange: (e) => store.set({ client: e.target.value }) },
        clients.map((name) => h('option', { key: name, value: name }, name)),
      ),
    ),
    client === 'sandbox'
      ? h('p', null, 'Pick a front-end to see the operations it has registered.')
      : h(
          'ul',
          { className: 'zt-operations', 'aria-label': `Operations registered by ${client}` },
          operations.map((op) =>
            h(
              'li',
              { key: op.id },
              h(
                'button',
                {
                  type: 'button',
                  className: 'graphiql-button',
                  onClick: () => {
                    queryEditor?.setValue(op.body);
                    variableEditor?.setValue('{}');
                  },
                },
                op.name,
              ),
            ),
          ),
        ),
  );
}

function mount(element, settings) {
  store.url = new URL(settings.url, location.href).href;
  const plugins = [
    GraphiQLPluginExplorer.explorerPlugin(),
    { title: 'Plan', icon: icon('M4 6h10M4 12h16M4 18h7'), content: PlanPanel },
    {
      title: 'Sign in',
      icon: icon('M15 12H4m11 0-4-4m4 4-4 4M14 4h5a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-5'),
      content: SignInPanel,
    },
    { title: 'Client', icon: icon('M4 5h16v10H4zM9 19h6M12 15v4'), content: ClientPanel },
  ];
  ReactDOM.createRoot(element).render(
    h(GraphiQL, {
      fetcher,
      plugins,
      defaultQuery: settings.query,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: true,
    }),
  );
}

mount(
  document.getElementById('sandbox'),
  JSON.parse(document.getElementById('sandbox-settings').textContent),
);
