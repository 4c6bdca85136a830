import { randomUUID } from 'node:crypto';
import { ANONYMOUS } from '@zhongtai/subgraph-kit';
import {
  createTestDatabase,
  DEV_JWT_SECRET,
  errorCodes,
  executeAs,
  signedHeaders,
} from '@zhongtai/subgraph-kit/testing';
import { jwtVerify } from 'jose';
import { afterAll, test as base, describe, expect } from 'vitest';
import { createUsersCenter } from '../src/server.ts';

const testDb = await createTestDatabase('users');
const center = await createUsersCenter({
  DATABASE_URL: testDb.url,
  DATA_DIR: testDb.dataDir,
  JWT_SECRET: DEV_JWT_SECRET,
  JWT_TTL: '1h',
  LOG_LEVEL: 'silent',
});
afterAll(async () => {
  await center.stop();
  await testDb.drop();
});

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { token user { id email displayName handle memberTier } }
  }
`;

interface SignedUp {
  id: string;
  email: string;
  token: string;
}

const test = base.extend<{ user: SignedUp }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  user: async ({}, use) => {
    const email = `buyer-${randomUUID()}@example.com`;
    const result = await executeAs<{ signUp: { token: string; user: { id: string } } }>(center, SIGN_UP, {
      input: { email, password: 'correct horse battery', displayName: 'Li Wei' },
    });
    await use({ id: result.data!.signUp.user.id, email, token: result.data!.signUp.token });
  },
});

const ME = '{ me { id email addresses { recipient isDefault } } }';

describe('signing up and in', () => {
  test('sign-up returns a JWT whose subject is the new user', async ({ user }) => {
    const { payload } = await jwtVerify(user.token, new TextEncoder().encode(DEV_JWT_SECRET), {
      issuer: 'zhongtai',
    });
    expect(payload.sub).toBe(user.id);
  });

  test('a second sign-up with the same email in other case is a BAD_USER_INPUT error', async ({ user }) => {
    const result = await executeAs(center, SIGN_UP, {
      input: { email: user.email.toUpperCase(), password: 'another password', displayName: 'Someone' },
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/already exists/);
  });

  test('people with one display name signing up at the same moment all get accounts, each its own handle', async () => {
    const displayName = `同名-${randomUUID().slice(0, 8)}`;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        executeAs<{ signUp: { user: { handle: string } } }>(center, SIGN_UP, {
          input: { email: `${randomUUID()}@example.com`, password: 'correct horse battery', displayName },
        }),
      ),
    );
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const handles = results.map((result) => result.data?.signUp.user.handle);
    expect(new Set(handles).size).toBe(6);
  });

  test('a malformed email or a short password is refused before anything is stored', async () => {
    const badEmail = await executeAs(center, SIGN_UP, {
      input: { email: 'nope', password: 'long enough', displayName: 'A' },
    });
    const shortPassword = await executeAs(center, SIGN_UP, {
      input: { email: `${randomUUID()}@example.com`, password: 'short', displayName: 'A' },
    });
    expect(errorCodes(badEmail)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(shortPassword)).toEqual(['BAD_USER_INPUT']);
  });

  test('sign-in with the right password returns a token for the same user', async ({ user }) => {
    const result = await executeAs<{ signIn: { user: { id: string } } }>(
      center,
      'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { id } } }',
      { e: user.email, p: 'correct horse battery' },
    );
    expect(result.data?.signIn.user.id).toBe(user.id);
  });

  test('a wrong password and an unknown email give the same UNAUTHENTICATED error', async ({ user }) => {
    const signIn = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }';
    const wrongPassword = await executeAs(center, signIn, { e: user.email, p: 'not the password' });
    const unknownEmail = await executeAs(center, signIn, {
      e: `nobody-${randomUUID()}@example.com`,
      p: 'whatever1',
    });
    expect(errorCodes(wrongPassword)).toEqual(['UNAUTHENTICATED']);
    expect(wrongPassword.errors).toEqual(unknownEmail.errors);
  });
});

describe('who can see what', () => {
  test('me returns the signed-in user with their email', async ({ user }) => {
    const result = await executeAs<{ me: { id: string; email: string } }>(
      center,
      ME,
      {},
      { userId: user.id, scopes: [] },
    );
    expect(result.data?.me).toMatchObject({ id: user.id, email: user.email });
  });

  test('me is null without an identity', async () => {
    const result = await executeAs(center, ME);
    expect(result).toEqual({ data: { me: null } });
  });

  test("another user's email and addresses read as null", async ({ user }) => {
    const result = await executeAs(
      center,
      'query($id: ID!) { user(id: $id) { id email addresses { id } } }',
      { id: user.id },
      { userId: randomUUID(), scopes: [] },
    );
    expect(result.data).toEqual({ user: { id: user.id, email: null, addresses: null } });
  });

  test('an unknown or malformed user id gives null, not an error', async () => {
    const result = await executeAs(
      center,
      'query($a: ID!, $b: ID!) { a: user(id: $a) { id } b: user(id: $b) { id } }',
      {
        a: randomUUID(),
        b: 'not-an-id',
      },
    );
    expect(result).toEqual({ data: { a: null, b: null } });
  });
});

describe('addresses', () => {
  const ADD = 'mutation($input: AddressInput!) { addAddress(input: $input) { id recipient isDefault } }';
  const address = (recipient: string, isDefault?: boolean) => ({
    recipient,
    phone: '13800138000',
    province: '浙江省',
    city: '杭州市',
    district: '余杭区',
    line1: '文一西路 969 号',
    ...(isDefault === undefined ? {} : { isDefault }),
  });

  test('adding an address needs a signed-in user', async () => {
    const result = await executeAs(center, ADD, { input: address('Anon') });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  test('the first address is the default until another is marked default', async ({ user }) => {
    const me = { userId: user.id, scopes: [] };
    await executeAs(center, ADD, { input: address('First') }, me);
    await executeAs(center, ADD, { input: address('Second') }, me);
    const before = await executeAs<{ me: { addresses: { recipient: string; isDefault: boolean }[] } }>(
      center,
      ME,
      {},
      me,
    );
    expect(before.data?.me.addresses[0]).toEqual({ recipient: 'First', isDefault: true });
    await executeAs(center, ADD, { input: address('Third', true) }, me);
    const after = await executeAs<{ me: { addresses: { recipient: string; isDefault: boolean }[] } }>(
      center,
      ME,
      {},
      me,
    );
    expect(after.data?.me.addresses.filter((a) => a.isDefault).map((a) => a.recipient)).toEqual(['Third']);
    expect(after.data?.me.addresses).toHaveLength(3);
  });

  test('a blank recipient is a BAD_USER_INPUT error naming the field', async ({ user }) => {
    const result = await executeAs(center, ADD, { input: address('   ') }, { userId: user.id, scopes: [] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recipient' });
  });
});

describe('federation', () => {
  const ENTITIES =
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName } } }';

  test('_entities resolves users in the order asked, with null for unknown ids', async ({ user }) => {
    const unknown = randomUUID();
    const result = await executeAs<{ _entities: ({ id: string } | null)[] }>(center, ENTITIES, {
      r: [
        { __typename: 'User', id: unknown },
        { __typename: 'User', id: user.id },
      ],
    });
    expect(result.data?._entities).toEqual([null, { id: user.id, displayName: 'Li Wei' }]);
  });

  test('resolving fifty user references takes one SQL statement', async ({ user }) => {
    const representations = Array.from({ length: 50 }, (_, i) => ({
      __typename: 'User',
      id: i === 0 ? user.id : randomUUID(),
    }));
    center.database.stats.statements = 0;
    await executeAs(center, ENTITIES, { r: representations });
    expect(center.database.stats.statements).toBe(1);
  });
});

describe('over HTTP', () => {
  test('a request without a signed token is refused with 401, and metrics need one too', async () => {
    const url = await center.listen(0);
    try {
      const unsigned = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      expect(unsigned.status).toBe(401);
      const body = (await unsigned.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');

      const me = JSON.stringify({ query: '{ me { id } }' });
      const signed = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signedHeaders({ userId: null, scopes: [] }, { audience: 'users', body: me }),
        },
        body: me,
      });
      expect(await signed.json()).toEqual({ data: { me: null } });

      // Metrics are for operators: a signed request (here the router's) or a port of their own.
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      const metricsRequest = signedHeaders(ANONYMOUS, { audience: 'users', body: '', method: 'GET' });
      const metrics = await (await fetch(`${url}/metrics`, { headers: metricsRequest })).text();
      expect(metrics).toMatch(
        /^zhongtai_sql_statements_total\{center="users",database="(postgres|pglite)"\} \d+$/m,
      );
      expect(metrics).toMatch(/^process_resident_memory_bytes \d+$/m);
    } finally {
      center.httpServer.close();
    }
  });
});
