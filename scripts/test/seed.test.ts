import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@zhongtai/subgraph-kit';
import * as users from '@zhongtai/users';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { seedAll } from '../src/lib/seed.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zhongtai-seed-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('seeding the embedded databases', () => {
  test('a finished seed is left alone, and one cut short is done again from scratch', async () => {
    let held = 0;
    const first = await seedAll({ dataDir, scale: 'small', onHolding: () => held++ });
    expect(first.seeded).toBe(true);
    expect(first.counts.users).toBe(200);
    expect(held).toBe(1);
    expect(existsSync(join(dataDir, '.seed-unfinished'))).toBe(false);

    const again = await seedAll({ dataDir, scale: 'small' });
    expect(again.seeded).toBe(false);

    // What a seed stopped mid-way (Ctrl-C during a first `npm start`) leaves behind.
    writeFileSync(join(dataDir, '.seed-unfinished'), '');
    const lines: string[] = [];
    const redone = await seedAll({ dataDir, scale: 'small', log: (line) => lines.push(line) });
    expect(lines[0]).toBe('The last seed did not finish; seeding again from scratch.');
    expect(redone.seeded).toBe(true);
    expect(redone.counts).toEqual(first.counts);
    expect(existsSync(join(dataDir, '.seed-unfinished'))).toBe(false);
    // Emptied first: the database holds one data set, not the old one plus a new one.
    const usersDb = await openDatabase({
      center: 'users',
      schema: users.schema,
      migrationsFolder: users.migrationsFolder,
      dataDir,
    });
    try {
      const [stored] = await usersDb.db.select({ n: sql<number>`count(*)::int` }).from(users.schema.users);
      expect(stored?.n).toBe(200);
    } finally {
      await usersDb.close();
    }
    // Two small seeds on PGlite: a bound for a loaded 2-core machine, not a speed target.
  }, 180_000);
});
