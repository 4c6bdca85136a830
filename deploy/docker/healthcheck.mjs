// The image's HEALTHCHECK: asks the running service's /health. The service is the one PID 1 runs
// (`node run.mjs <service>`), so one image checks whichever service it was started as.
import { readFileSync } from 'node:fs';

const services = JSON.parse(readFileSync(new URL('../../dist/services.json', import.meta.url), 'utf8'));
const name = readFileSync('/proc/1/cmdline', 'utf8').split('\0').filter(Boolean).at(-1);
const port = process.env.PORT ?? services[name] ?? 4000;
try {
  const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
