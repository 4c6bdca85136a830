/**
 * Reads a V8 `.cpuprofile` (`node --cpu-prof`) into where the time went: self time per function and
 * per package or source file, over the samples of a window only (the measured load, not the start
 * and the warm-up). Frames in an esbuild bundle are mapped back to their TypeScript source through
 * the bundle's inline source map.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** Where it is: `file:line`, or the package it belongs to. */
  where: string;
  percent: number;
  ms: number;
}

export interface ProfileSummary {
  /** False when no sample fell in the window and the whole run is summarized instead. */
  windowed: boolean;
  /** Milliseconds of the window the process was not idle, from its samples. */
  busyMs: number;
  /** Of the window's samples, the share the process was idle. */
  idlePercent: number;
  functions: SelfTime[];
  /** Self time by npm package, Node's internals, or our source file. */
  groups: SelfTime[];
  /** Time in a function and everything it called (`percent` of busy samples), recursion counted once. */
  inclusive: SelfTime[];
}

const sourceMaps = new Map<string, SourceMap | null>();

function sourceMapOf(url: string): SourceMap | null {
  let map = sourceMaps.get(url);
  if (map === undefined) {
    map = null;
    try {
      const text = readFileSync(fileURLToPath(url), 'utf8');
      const inline = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(text);
      if (inline?.[1]) map = new SourceMap(JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')));
    } catch {
      // Not a file we can read, or no usable map: the frame stays as it is.
    }
    sourceMaps.set(url, map);
  }
  return map;
}

/** The frame's source file and 1-based line, through the bundle's source map when there is one. */
function locate(frame: CallFrame, root: string): { file: string; line: number } {
  if (!frame.url) return { file: '', line: 0 };
  if (!frame.url.startsWith('file:')) return { file: frame.url, line: frame.lineNumber + 1 };
  const entry = sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  const original =
    entry && 'originalSource' in entry
      ? { url: entry.originalSource, line: entry.originalLine + 1 }
      : { url: frame.url, line: frame.lineNumber + 1 };
  // A bundle's sources are named relative to the bundle.
  const path = original.url.startsWith('file:')
    ? fileURLToPath(original.url)
    : original.url.startsWith('.')
      ? resolve(dirname(fileURLToPath(frame.url)), original.url)
      : original.url;
  return { file: path.startsWith('/') ? relative(root, path) : path, line: original.line };
}

/**
 * `node_modules/@apollo/gateway/dist/x.js` → `@apollo/gateway`; `node:internal/deps/undici/undici` →
 * `node:internal/deps/undici`; `node:internal/streams/readable` → `node:internal/streams`.
 */
function groupOf(file: string, name: string): string {
  if (!file) return name; // (garbage collector), (program), native code
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? file);
  }
  if (file.startsWith('node:')) {
    const parts = file.split('/');
    return parts.slice(0, parts[1] === 'deps' ? 3 : 2).join('/');
  }
  return file;
}

/**
 * Self time of the samples taken between `fromUs` and `toUs` (the process's monotonic clock, in
 * microseconds, as `process.hrtime` gives it in any process on the machine); all samples when unset.
 */
export function summarizeProfile(
  path: string,
  root: string,
  window: { fromUs?: number; toUs?: number } = {},
  top = 25,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const count = (from: number, to: number) => {
    const counts = new Map<number, number>();
    let time = profile.startTime;
    let taken = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      time += profile.timeDeltas[i] ?? 0;
      if (time < from || time > to) continue;
      const id = profile.samples[i] as number;
      counts.set(id, (counts.get(id) ?? 0) + 1);
      taken++;
    }
    return { counts, taken, last: time };
  };
  let windowed = true;
  let sampled = count(window.fromUs ?? Number.NEGATIVE_INFINITY, window.toUs ?? Number.POSITIVE_INFINITY);
  if (sampled.taken === 0) {
    // The clocks did not line up after all: better the whole run than nothing.
    windowed = false;
    sampled = count(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  }
  const { counts, taken: inWindow } = sampled;
  const from = windowed && window.fromUs !== undefined ? window.fromUs : profile.startTime;
  const to = windowed && window.toUs !== undefined ? window.toUs : sampled.last;
  const msPerSample = inWindow > 0 ? (to - from) / 1000 / inWindow : 0;

  const byFunction = new Map<string, SelfTime & { samples: number }>();
  const byGroup = new Map<string, SelfTime & { samples: number }>();
  const byCaller = new Map<string, SelfTime & { samples: number }>();
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const described = new Map<CallFrame, { name: string; file: string; where: string; key: string }>();
  const describe = (frame: CallFrame) => {
    let description = described.get(frame);
    if (!description) {
      const name = frame.functionName || '(anonymous)';
      const { file, line } = locate(frame, root);
      const where = file ? `${file}:${line}` : '';
      description = { name, file, where, key: `${name} ${where}` };
      described.set(frame, description);
    }
    return description;
  };
  let idle = 0;
  const add = (map: typeof byFunction, key: string, name: string, where: string, samples: number) => {
    const entry = map.get(key) ?? { name, where, percent: 0, ms: 0, samples: 0 };
    entry.samples += samples;
    map.set(key, entry);
  };
  for (const [id, samples] of counts) {
    const frame = frames.get(id);
    if (!frame) continue;
    const name = frame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += samples;
      continue;
    }
    const { file, where, key } = describe(frame);
    add(byFunction, key, name, where, samples);
    const group = groupOf(file, name);
    add(byGroup, group, group, '', samples);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const caller = frames.get(at);
      if (!caller || caller.functionName === '(root)') continue;
      const { name: callerName, where: callerWhere, key: callerKey } = describe(caller);
      if (seen.has(callerKey)) continue;
      seen.add(callerKey);
      add(byCaller, callerKey, callerName, callerWhere, samples);
    }
  }
  const busy = inWindow - idle;
  const ranked = (map: typeof byFunction): SelfTime[] =>
    [...map.values()]
      .sort((a, b) => b.samples - a.samples)
      .slice(0, top)
      .map(({ name, where, samples }) => ({
        name,
        where,
        percent: busy > 0 ? Math.round((samples / busy) * 1000) / 10 : 0,
        ms: Math.round(samples * msPerSample),
      }));
  return {
    windowed,
    busyMs: Math.round(busy * msPerSample),
    idlePercent: inWindow > 0 ? Math.round((idle / inWindow) * 1000) / 10 : 0,
    functions: ranked(byFunction),
    groups: ranked(byGroup),
    inclusive: ranked(byCaller),
  };
}

export function formatProfile(title: string, summary: ProfileSummary): string {
  const rows = (entries: SelfTime[]) =>
    entries.map((e) => `  ${e.percent.toFixed(1).padStart(5)}%  ${e.name}${e.where ? `  ${e.where}` : ''}`);
  return [
    `${title}: ${summary.windowed ? 'the measured load' : 'the whole run (no sample fell in the load window)'}, busy ${summary.busyMs} ms, idle ${summary.idlePercent}%`,
    'Self time by function (% of busy samples):',
    ...rows(summary.functions),
    'Self time by package or source file:',
    ...rows(summary.groups),
    'Total time (itself and what it called) by function:',
    ...rows(summary.inclusive),
  ].join('\n');
}
