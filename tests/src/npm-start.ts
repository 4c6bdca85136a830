import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from '@zhongtai/scripts/supergraph';

/** Every port `npm start` may listen on: the router's 4000 and the centers' 4001–4011. */
export const START_PORTS = Array.from({ length: 12 }, (_, i) => 4000 + i);
export const ROUTER = 'http://127.0.0.1:4000/graphql';

export interface Started {
  child: ChildProcess;
  output: string[];
  readyAfterMs: number;
}

/** The README's start command on the embedded default: no DATABASE_URL, data under `dataDir`. */
export function embeddedEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  return env;
}

/** `npm start` in its own process group, resolved once it has printed `until` (by default: that it is ready). */
export function npmStart(dataDir: string, until = 'Zhongtai supergraph ready at'): Promise<Started> {
  const began = Date.now();
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: embeddedEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes(until)) resolve({ child, output, readyAfterMs: Date.now() - began });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`npm start exited with ${code} before it was ready:\n${output.join('')}`)),
    );
  });
}

/**
 * SIGTERM to the whole process group, as a terminal's Ctrl-C or a process manager sends it; resolves
 * with what `npm start` reported once every process of ours has exited. (npm itself dies of the signal,
 * so its own exit code says nothing about how the router and centers stopped.)
 */
export function stop(started: Started): Promise<string> {
  return new Promise((resolve) => {
    const exited = new Promise<void>((done) => {
      if (started.child.exitCode !== null || started.child.signalCode !== null) done();
      else started.child.once('exit', () => done());
    });
    const verdict = () =>
      started.output.join('').match(/Every process stopped cleanly\.|Did not stop cleanly: .*/)?.[0];
    const poll = setInterval(async () => {
      const said = verdict();
      if (!said) return;
      clearInterval(poll);
      await exited;
      resolve(said);
    }, 100);
    process.kill(-started.child.pid!, 'SIGTERM');
  });
}
