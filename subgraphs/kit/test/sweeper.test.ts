import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, expect, test, vi } from 'vitest';
import { type Database, queryRows } from '../src/db.ts';
import { sweepClaimedBatches } from '../src/sweeper.ts';
import { createTestDatabase, usesRealPostgres } from '../src/testing.ts';

const testDb = await createTestDatabase('kit_sweeper');
afterAll(() => testDb.drop());

// Two processes on one database: PGlite is one process's own.
test.skipIf(!usesRealPostgres())(
  'a replica killed mid-batch leaves nothing done: its claimed jobs go to the next sweep, each handled once',
  async () => {
    const client = postgres(testDb.url!, { max: 2, onnotice: () => {} });
    const db = drizzle({ client }) as unknown as Database;
    try {
      await db.execute(
        sql`create table jobs (id int primary key, done_by text, handled int not null default 0)`,
      );
      await db.execute(sql`insert into jobs (id) select generate_series(1, 30)`);
      const sweep = () =>
        sweepClaimedBatches({
          db,
          batchSize: 10,
          claim: (tx, limit) =>
            queryRows<{ id: number }>(
              tx,
              sql`select id from jobs where done_by is null order by id limit ${limit} for update skip locked`,
            ),
          handle: async (tx, rows) => {
            const ids = sql.raw(`(${rows.map((row) => row.id).join(',')})`);
            await tx.execute(
              sql`update jobs set done_by = 'survivor', handled = handled + 1 where id in ${ids}`,
            );
            return { handled: rows.length, failed: 0 };
          },
        });

      const replica = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          new URL('./fixtures/claiming-replica.ts', import.meta.url).pathname,
          testDb.url!,
          '10',
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const [line] = (await once(createInterface({ input: replica.stdout! }), 'line')) as [string];
      const claimed = JSON.parse(line) as number[];
      expect(claimed).toHaveLength(10);

      // The other replica passes over what the first one holds and does the rest.
      expect(await sweep()).toBe(20);

      replica.kill('SIGKILL');
      await once(replica, 'exit');
      // PostgreSQL rolls the dead replica's transaction back once it sees the connection gone.
      await vi.waitFor(async () => expect(await sweep()).toBe(10), { timeout: 10_000, interval: 200 });

      const rows = await queryRows<{ id: number; done_by: string; handled: number }>(
        db,
        sql`select id, done_by, handled from jobs order by id`,
      );
      expect(rows.every((row) => row.done_by === 'survivor' && row.handled === 1)).toBe(true);
      expect(rows).toHaveLength(30);
    } finally {
      await client.end();
    }
  },
);
