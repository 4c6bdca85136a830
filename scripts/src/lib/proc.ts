/**
 * What Linux's /proc says of a process the benches measure: its CPU time (so a figure can be put per
 * CPU-second of the process under test, whatever else shares the cores) and its resident memory.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second, the unit of /proc/<pid>/stat's times. */
export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name, in parentheses, may hold spaces: fields are counted after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Resident memory in MB. */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** CPU time every core of the machine spent busy (not idle, not waiting on I/O) since boot, in seconds. */
export function machineBusySeconds(): number {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: all but idle and iowait.
  const busy = ticks.slice(0, 8).reduce((sum, t, i) => (i === 3 || i === 4 ? sum : sum + Number(t)), 0);
  return busy / CLOCK_TICKS;
}

/** CPU seconds of each running process, by name: a window's cost is the difference of two readings. */
export function cpuByName(
  processes: readonly { name: string; process: { pid?: number | undefined; exitCode: number | null } }[],
): Map<string, number> {
  return new Map(
    processes
      .filter((p) => p.process.pid !== undefined && p.process.exitCode === null)
      .map((p) => [p.name, cpuSeconds(p.process.pid as number)] as const),
  );
}
