import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * Our TypeScript goes into the bundle; every npm package stays an import that Node resolves from
 * node_modules as usual (they are plain JavaScript already, and some find their own files on disk).
 * `import.meta.url` is fixed to each source file's own URL, so the schema files and migrations a
 * center finds next to its source are found from the bundle too.
 */
const workspaceSource: Plugin = {
  name: 'zhongtai-workspace-source',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@zhongtai/') ? undefined : { external: true },
    );
    build.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

/**
 * Bundles a TypeScript entry point (a center's or the router's `index.ts`) and the workspace code
 * it imports into one ES module at `outfile`, for `node` to run without a TypeScript loader: tsx
 * resolves and transforms every import through a loader thread, which made up about a third of
 * each process's start. Takes well under a second and runs on every start, so it is never stale.
 * The file is written beside `outfile` and renamed over it, so a process starting from it at the
 * same moment (parallel test files) reads a whole bundle, never half of one.
 */
export async function bundleEntry(entry: string, outfile: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
    plugins: [workspaceSource],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild wrote nothing for ${entry}`);
  await mkdir(dirname(outfile), { recursive: true });
  const writing = `${outfile}.${process.pid}-${randomUUID()}`;
  try {
    await writeFile(writing, output.contents);
    await rename(writing, outfile);
  } catch (error) {
    await rm(writing, { force: true });
    throw error;
  }
  return outfile;
}
