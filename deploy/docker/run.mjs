// The image's entry point: `run.mjs <service>` runs the bundle of the router or of a center, on the
// service's usual port unless PORT says otherwise.
import { readFileSync } from 'node:fs';

const services = JSON.parse(readFileSync(new URL('../../dist/services.json', import.meta.url), 'utf8'));
const [name, ...extra] = process.argv.slice(2);
if (!name || extra.length > 0 || !Object.hasOwn(services, name)) {
  console.error(`Give one service to run: ${Object.keys(services).join(', ')}`);
  process.exit(64);
}
process.env.PORT ??= String(services[name]);
await import(new URL(`../../dist/${name}.mjs`, import.meta.url).href);
