/**
 * The two systems bench/scale.bench.ts drives, and what it reads of them: the embedded
 * default as `npm start` runs it (bin/start.ts in a process of its own, which starts the
 * Temporal dev server on a SQLite file), the CPU meters of both profiles, and the sizes of
 * the cluster's databases.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Cluster } from '../bin/cluster.js';
import { NODE_FLAGS } from '../bin/node-flags.js';
import { freePortFor } from '../bin/ports.js';
import { freeTemporalPort } from '../test/helpers/ports.js';
import { CpuMeter, childrenOf, threadCpu, treeCpu } from './cpu.js';

export interface Embedded {
  readonly url: string;
  readonly pid: number;
  /** The Temporal dev server bin/start.ts started. */
  readonly devServerPid: number;
  stop(): Promise<void>;
}

/** bin/start.ts on a fresh data folder, as `npm start` runs it (demo users, writes not limited). */
export async function startEmbedded(dataDir: string): Promise<Embedded> {
  const port = await freePortFor();
  const env = {
    ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', TEMPORAL_PORT: String(await freeTemporalPort()), DEMO_SEED: '1', WRITE_RATE_LIMIT: '1000000000', LOG_LEVEL: 'error',
    // Its mail catcher on ports of its own (the demo users have no addresses: nothing is sent).
    MAILPIT_SMTP_PORT: String(await freePortFor()), MAILPIT_UI_PORT: String(await freePortFor()),
  };
  // A process group of its own, so that a failed run can take it down with its dev server.
  const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', 'bin/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone already
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(kill, 30_000);
    await exited;
    clearTimeout(timer);
    kill(); // anything of its group left behind
  };
  try {
    for (const deadline = Date.now() + 180_000; !(await fetch(`${url}/healthz`).then((r) => r.ok, () => false)); ) {
      if (child.exitCode !== null) throw new Error(`bin/start.ts exited (${child.exitCode}): ${output}`);
      if (Date.now() > deadline) throw new Error(`bin/start.ts did not answer in time: ${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const devServer = childrenOf(child.pid!).find((c) => c.comm === 'temporal');
    if (!devServer) throw new Error('no Temporal dev server under bin/start.ts');
    return { url, pid: child.pid!, devServerPid: devServer.pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** CPU of the embedded default: its dev server, and the app process (API, worker, projector) without it. */
export function embeddedMeter(system: Embedded): CpuMeter {
  return new CpuMeter({
    'Temporal dev server': () => treeCpu(system.devServerPid),
    'app process (API, worker, projector)': () => treeCpu(system.pid) - treeCpu(system.devServerPid),
    'benchmark driver': () => process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
  });
}

export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
const SDK_CORE = /^(tokio|workflow-proces|temporal)/;

/**
 * CPU of the cluster: each Temporal service's process, PostgreSQL (postmaster, backends, and
 * backends gone), and the replicas' threads: the main thread (API, activities, projector and
 * the SDK's JavaScript side), the workflow thread (noted by bench/workflow-threads.js), the
 * SDK's core threads (Rust), and the rest (garbage collector, libuv pool, threads ended).
 */
export function clusterMeter(cluster: Cluster): CpuMeter {
  const workflowTids = cluster.replicas.map((replica) => {
    const file = join(replica.env.DATA_DIR!, 'workflow-threads');
    return new Set(existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : []);
  });
  if (workflowTids.some((tids) => tids.size === 0)) throw new Error('a replica noted no workflow thread (bench/workflow-threads.js)');
  const group = (i: number) => (comm: string, tid: number) => (tid === cluster.replicas[i]!.process.pid ? 'main' : workflowTids[i]!.has(tid) ? 'workflow' : SDK_CORE.test(comm) ? 'core' : 'other');
  const threads = (name: string) => () =>
    cluster.replicas.reduce((sum, replica, i) => {
      const { total, groups } = threadCpu(replica.process.pid!, group(i));
      return sum + (name === 'total' ? total : name === 'other' ? total - (groups.get('main') ?? 0) - (groups.get('workflow') ?? 0) - (groups.get('core') ?? 0) : (groups.get(name) ?? 0));
    }, 0);
  return new CpuMeter({
    ...Object.fromEntries(TEMPORAL_SERVICES.map((service, i) => [`Temporal ${service}`, () => treeCpu(cluster.temporal.processes[i]!.pid!)])),
    PostgreSQL: () => treeCpu(cluster.postgres.pid()!),
    'replicas: main threads': threads('main'),
    'replicas: workflow threads': threads('workflow'),
    'replicas: SDK core threads': threads('core'),
    'replicas: other threads': threads('other'),
    'replicas: whole processes': () => cluster.replicas.reduce((sum, replica) => sum + treeCpu(replica.process.pid!), 0),
    'benchmark driver': () => process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
  });
}

export const DATABASES = ['survey', 'temporal', 'temporal_visibility'] as const;

/** Bytes of each of the cluster's databases (`pg_database_size`: its files, without the write-ahead log). */
export async function databaseSizes(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
    const sizes: Record<string, number> = {};
    for (const name of DATABASES) sizes[name] = Number((await client.query('SELECT pg_database_size($1) AS size', [name])).rows[0].size);
    return sizes;
  } finally {
    await client.end();
  }
}
