/**
 * `npm start`: the whole supergraph on this machine. Seeds on first run, starts every center in
 * schema/supergraph.yaml and the router, prints the URL, and stops everything on Ctrl-C, SIGTERM or
 * SIGHUP. A center or the router that dies is restarted with a backoff while the others keep
 * serving; if this process itself is killed, its children notice and exit (lib/watchdog.ts).
 * With no DATABASE_URL every center runs on an embedded PGlite under DATA_DIR (default .data/).
 */
import { loadScriptsConfig } from './lib/config.ts';
import { type RunningSupergraph, startSupergraph } from './lib/processes.ts';
import { loadSupergraphConfig } from './lib/supergraph-config.ts';

const started = Date.now();
let config: ReturnType<typeof loadScriptsConfig>;
let subgraphs: ReturnType<typeof loadSupergraphConfig>;
try {
  config = loadScriptsConfig();
  subgraphs = loadSupergraphConfig();
} catch (error) {
  // A configuration mistake is told by its message; a stack trace would only bury it.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const where = config.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : `embedded PGlite in ${config.dataDir}`;
console.log(`Starting Zhongtai: ${subgraphs.length} centers and the router, on ${where}.`);

let shuttingDown = false;
let running: RunningSupergraph | undefined;
// Ctrl-C or SIGTERM while starting (a long first seed, say) cancels the start, which stops
// whatever it launched; once up, they stop every process in order.
const cancel = new AbortController();

async function shutdown(exitCode: number) {
  if (!running) {
    cancel.abort();
    return;
  }
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('Stopping the router and every center...');
  const codes = await running.stop();
  const failed = Object.entries(codes).filter(([, code]) => code !== 0);
  if (failed.length > 0)
    console.error(`Did not stop cleanly: ${failed.map(([n, c]) => `${n} (${c})`).join(', ')}`);
  else console.log('Every process stopped cleanly.');
  process.exit(failed.length > 0 ? 1 : exitCode);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// The terminal closed: nobody is left to press Ctrl-C.
process.on('SIGHUP', () => void shutdown(0));

running = await startSupergraph({
  config,
  subgraphs,
  seed: { scale: config.SEED_SCALE },
  signal: cancel.signal,
  onOutput: (name, line) => console.log(`[${name}] ${line}`),
  restart: {
    onRestart: (name, code, delayMs) =>
      console.error(`${name} exited unexpectedly (code ${code}); restarting it in ${delayMs / 1000} s.`),
    onBack: (name, downMs) =>
      console.log(`${name} is back, ${(downMs / 1000).toFixed(1)} s after it exited.`),
  },
}).catch((error: unknown) => {
  if (cancel.signal.aborted) console.log('Start cancelled; every process it launched has stopped.');
  else console.error(error instanceof Error ? error.message : error);
  process.exit(cancel.signal.aborted ? 130 : 1);
});

console.log(
  `\nZhongtai supergraph ready at ${running.routerUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
    `(${subgraphs.map((s) => s.name).join(', ')}). Sign in as demo@zhongtai.dev / zhongtai-demo. Ctrl-C stops.\n`,
);
