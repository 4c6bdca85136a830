/**
 * Runs after `npm install` (the root package's postinstall): makes the blank embedded database
 * cluster that every center's first database is copied from, so that a machine's first `npm start`
 * does not spend seconds in initdb. Never fails the install: should it not work here, the first
 * `npm start` makes the cluster itself.
 */
import { blankTemplateDir } from '@zhongtai/subgraph-kit/embedded';

const started = Date.now();
console.log(
  "Embedded database template (the blank cluster every center's first database is copied from): " +
    'making it unless this install has one (initdb under WebAssembly, a few seconds of CPU)...',
);
try {
  const dir = await blankTemplateDir();
  console.log(`Embedded database template ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dir}`);
} catch (error) {
  console.warn(
    `Could not prepare the embedded database template (${error instanceof Error ? error.message : error}); ` +
      'the first npm start will make it.',
  );
}
