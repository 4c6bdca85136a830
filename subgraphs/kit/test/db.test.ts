import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { openDatabase } from '../src/db.ts';
import { createTestDatabase, usesRealPostgres } from '../src/testing.ts';

const testDb = await createTestDatabase('kit_db');
afterAll(() => testDb.drop());

const migrationsFolder = fileURLToPath(new URL('./fixtures/no-migrations', import.meta.url));

// PGlite has one connection and no pool to fill.
test.skipIf(!usesRealPostgres())(
  'the readiness ping answers while every pooled connection is held by a transaction',
  async () => {
    const handle = await openDatabase({
      center: 'kit_db',
      schema: {},
      migrationsFolder,
      databaseUrl: testDb.url,
      maxConnections: 2,
    });
    try {
      // Two transactions hold both pooled connections for 3 s, as a flash sale's orders do.
      let finished = 0;
      const holders = Promise.all(
        [1, 2].map(() =>
          handle.db
            .transaction(async (tx) => void (await tx.execute(sql`select pg_sleep(3)`)))
            .then(() => {
              finished += 1;
            }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const queued = handle.db.execute(sql`select 1`).then(() => finished);
      await expect(handle.ping()).resolves.toBeUndefined();
      // The ping did not wait for them: neither had finished when it answered, while a query through
      // the pool had to wait until one of them gave its connection back.
      expect(finished).toBe(0);
      await holders;
      expect(await queued).toBeGreaterThanOrEqual(1);
    } finally {
      await handle.close();
    }
  },
);

test('the readiness ping rejects once the database is closed', async () => {
  const handle = await openDatabase({
    center: 'kit_db_closed',
    schema: {},
    migrationsFolder,
    databaseUrl: testDb.url,
    dataDir: 'memory://',
  });
  await handle.ping();
  await handle.close();
  await expect(handle.ping(500)).rejects.toThrow();
});
