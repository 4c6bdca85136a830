/**
 * `npm run seed [-- --scale small|medium|large] [--reset]`: fills every center with believable
 * data, on DATABASE_URL or on the embedded databases under DATA_DIR (stop `npm start` first).
 */
import { parseArgs } from 'node:util';
import { loadScriptsConfig } from './lib/config.ts';
import { SCALES, type Scale, seedAll } from './lib/seed.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', short: 's' },
    reset: { type: 'boolean', default: false },
    seed: { type: 'string' },
  },
});
const config = loadScriptsConfig();
const scale = (values.scale ?? config.SEED_SCALE) as Scale;
if (!(scale in SCALES)) {
  console.error(`Unknown scale "${scale}"; use one of ${Object.keys(SCALES).join(', ')}.`);
  process.exit(2);
}
const report = await seedAll({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.dataDir,
  scale,
  reset: values.reset,
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  log: (line) => console.log(line),
  // Under `npm start` this runs as a child process, which launches the centers once we hold their
  // databases; they wait for us to let go.
  onHolding: () => process.send?.('holding'),
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
process.exit(report.seeded || !values.reset ? 0 : 1);
