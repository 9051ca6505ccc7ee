/**
 * CPU time of processes from /proc (Linux): a process and everything under it, or each
 * thread of one process, in seconds. A process's `cutime`/`cstime` hold the time of its
 * children that have exited and been waited for (PostgreSQL's backends once a connection
 * closes), so a tree's total is utime+stime+cutime+cstime summed over its live processes:
 * a live process is never counted in its parent's cutime.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  readonly pid: number;
  readonly comm: string;
  readonly ppid: number;
  /** utime + stime, seconds. */
  readonly own: number;
  /** cutime + cstime (children waited for), seconds. */
  readonly children: number;
}

function stat(file: string): Stat | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const rest = text.slice(close + 2).split(' ');
  // After the name: state (field 3), ppid (4), … utime (14), stime (15), cutime (16), cstime (17).
  const field = (n: number) => Number(rest[n - 3]);
  return { pid: Number(text.slice(0, open).trim()), comm: text.slice(open + 1, close), ppid: field(4), own: (field(14) + field(15)) / TICKS, children: (field(16) + field(17)) / TICKS };
}

function allProcesses(): Stat[] {
  const out: Stat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    const s = stat(`/proc/${name}/stat`);
    if (s) out.push(s);
  }
  return out;
}

/** CPU seconds of `root` and every process under it, exited children included. */
export function treeCpu(root: number): number {
  const processes = allProcesses();
  const byParent = new Map<number, Stat[]>();
  for (const p of processes) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const self = processes.find((p) => p.pid === root);
  if (!self) return 0;
  let total = 0;
  for (const queue = [self]; queue.length > 0; ) {
    const p = queue.pop()!;
    total += p.own + p.children;
    queue.push(...(byParent.get(p.pid) ?? []));
  }
  return total;
}

/** The processes directly under `root`, by pid, with their names. */
export function childrenOf(root: number): { pid: number; comm: string }[] {
  return allProcesses()
    .filter((p) => p.ppid === root)
    .map((p) => ({ pid: p.pid, comm: p.comm }));
}

/**
 * CPU seconds of each live thread of `pid`, grouped by a name: `name(comm, tid)` puts a
 * thread in a group (threads that have ended are not listed; their time is only in the
 * process's total, returned as `total`).
 */
export function threadCpu(pid: number, name: (comm: string, tid: number) => string): { total: number; groups: Map<string, number> } {
  const groups = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return { total: 0, groups };
  }
  for (const tid of tids) {
    const s = stat(`/proc/${pid}/task/${tid}/stat`);
    if (!s) continue;
    const group = name(s.comm, Number(tid));
    groups.set(group, (groups.get(group) ?? 0) + s.own);
  }
  return { total: stat(`/proc/${pid}/stat`)?.own ?? 0, groups };
}

/** A set of named measures, read before and after: the CPU seconds each used in between. */
export class CpuMeter {
  private readonly start = new Map<string, number>();
  constructor(private readonly measures: Readonly<Record<string, () => number>>) {}

  begin(): void {
    for (const [name, read] of Object.entries(this.measures)) this.start.set(name, read());
  }

  /** Seconds per measure since `begin`. */
  end(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.measures).map(([name, read]) => [name, read() - (this.start.get(name) ?? 0)]));
  }
}
