import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { delimiter, join } from 'node:path';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
export const SEARCH_ATTRIBUTES = ['CycleId=Keyword', 'SurveyCode=Keyword', 'AreaCode=Keyword', 'TaskStatus=Keyword'];

/**
 * The dev server's SQLite, when it keeps its state in a file. WAL with every commit synced:
 * the CLI's file default is a rollback journal, several syncs per commit; WAL needs one and
 * lets reads go on beside the writer. A 64 MiB page cache instead of SQLite's 2 MiB: each
 * visibility record updates 45 indexes, and once a census's records outgrow the small cache
 * every start reads their pages back (a 100,000-task launch: 583 and 617 s with the larger
 * cache, 621 and 628 s without).
 */
export const SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=full', 'cache_size=-65536'];

type Say = (line: string) => void;

export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function goBin(): string | undefined {
  try {
    const gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim();
    return gopath ? join(gopath, 'bin') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Temporal CLI binary: `TEMPORAL_CLI`, else `temporal` on PATH, else Go's bin folder,
 * else built there with `go install` (a few minutes, once).
 */
export function findTemporalCli(say: Say): string {
  const explicit = process.env.TEMPORAL_CLI;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`TEMPORAL_CLI is set to ${explicit}, which does not exist`);
    return explicit;
  }
  const found = onPath('temporal');
  if (found) return found;
  const bin = goBin();
  if (bin && existsSync(join(bin, 'temporal'))) return join(bin, 'temporal');
  if (!bin) {
    throw new Error(
      'No Temporal server: set TEMPORAL_ADDRESS to an existing one, or install the Temporal CLI ' +
        '(https://docs.temporal.io/cli, then put `temporal` on PATH or set TEMPORAL_CLI), ' +
        `or install Go (https://go.dev/dl) so that it can be built with: go install ${TEMPORAL_CLI_MODULE}`,
    );
  }
  say(`Building the Temporal CLI with Go (go install ${TEMPORAL_CLI_MODULE}); the first build takes 3 to 6 minutes, later starts reuse it.`);
  const started = Date.now();
  const result = spawnSync('go', ['install', TEMPORAL_CLI_MODULE], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || !existsSync(join(bin, 'temporal'))) {
    throw new Error(`go install ${TEMPORAL_CLI_MODULE} failed (exit ${result.status}); set TEMPORAL_CLI or TEMPORAL_ADDRESS instead`);
  }
  say(`Built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s: ${join(bin, 'temporal')}`);
  return join(bin, 'temporal');
}

export function portOpen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface DevServer {
  readonly address: string;
  readonly uiUrl: string | null;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  readonly cli: string;
  readonly port: number;
  readonly host?: string;
  /** Persisted state; in memory when absent. */
  readonly dbFile?: string;
  /** The web UI's port; no UI when null. */
  readonly uiPort: number | null;
  readonly namespace?: string;
  readonly timeoutMs?: number;
}

/** Starts `temporal server start-dev` as a child process and waits for its frontend. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const host = options.host ?? '127.0.0.1';
  if (await portOpen(options.port, host)) {
    throw new Error(`port ${options.port} is taken: stop what runs there, or set TEMPORAL_PORT or TEMPORAL_ADDRESS`);
  }
  const args = ['server', 'start-dev', '--ip', host, '--port', String(options.port), '--log-level', 'error'];
  if (options.dbFile) args.push('--db-filename', options.dbFile, ...SQLITE_PRAGMAS.flatMap((pragma) => ['--sqlite-pragma', pragma]));
  if (options.uiPort === null) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  if (options.namespace && options.namespace !== 'default') args.push('--namespace', options.namespace);
  for (const attribute of SEARCH_ATTRIBUTES) args.push('--search-attribute', attribute);
  const child = spawn(options.cli, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!(await portOpen(options.port, host))) {
    if (child.exitCode !== null) throw new Error(`the Temporal dev server exited (${child.exitCode}): ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Temporal dev server did not open port ${options.port} in time: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    address: `${host}:${options.port}`,
    uiUrl: options.uiPort === null ? null : `http://${host}:${options.uiPort}`,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
