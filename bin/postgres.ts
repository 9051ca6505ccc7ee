import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL server of the project's own: the machine's PostgreSQL binaries (Debian's
 * packages), a data folder under `DATA_DIR`, listening on loopback only, with a password
 * generated at first start and kept beside it. PostgreSQL refuses to run as root: a root
 * caller runs it as the `postgres` system user the packages create.
 */
export interface Postgres {
  /** Connection URL of the project's database, with its password. */
  readonly url: string;
  readonly port: number;
  /** The server's process id, read from its pid file. */
  pid(): number | null;
  /** A fast, clean shutdown. */
  stop(): void;
}

const USER = 'survey';
const DATABASE = 'survey';
const SYSTEM_USER = 'postgres';

type Say = (line: string) => void;

/** The URL of the project's database on a server `startPostgres` runs from `dir`, with the password kept there. */
export function ownPostgresUrl(dir: string, port: number, database = DATABASE): string {
  const password = readFileSync(join(dir, 'password'), 'utf8').trim();
  return `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`;
}

/** The folder of `initdb`, `pg_ctl` and `postgres`: `PG_BINDIR`, `pg_config --bindir`, the newest Debian install, or PATH. */
export function postgresBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // No pg_config: look further.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(join(debian, version, 'bin'));
  }
  candidates.push(...(process.env.PATH ?? '').split(delimiter));
  const found = candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error('No PostgreSQL server binaries (initdb, pg_ctl): install the postgresql package (apt-get install postgresql), or set PG_BINDIR');
  }
  return found;
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the `postgres` system user when we are root. */
function run(bin: string, program: string, args: readonly string[]): void {
  const command = asRoot() ? ['runuser', ['-u', SYSTEM_USER, '--', join(bin, program), ...args]] : [join(bin, program), args];
  const result = spawnSync(command[0] as string, command[1] as string[], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${program} failed (exit ${result.status}): ${(result.stderr || result.stdout || result.error?.message || '').trim().slice(0, 2000)}`);
}

/** Gives a folder to the `postgres` user, and lets it through the folders above. */
function handOver(dir: string): void {
  if (!asRoot()) return;
  try {
    execFileSync('id', ['-u', SYSTEM_USER], { stdio: 'ignore' });
  } catch {
    throw new Error(`PostgreSQL refuses to run as root, and there is no "${SYSTEM_USER}" system user to run it as: install the postgresql package, or run as another user`);
  }
  execFileSync('chown', ['-R', `${SYSTEM_USER}:`, dir]);
  for (let at = join(dir, '..'); at !== '/' && at !== '.'; at = join(at, '..')) {
    const mode = statSync(at).mode;
    if ((mode & 0o001) === 0) chmodSync(at, mode | 0o001);
  }
}

/**
 * Starts the server in `dir` (created and initialised at first start) on `port`, and
 * creates the project's database if missing. Answers once it takes connections.
 */
export async function startPostgres(options: { dir: string; port: number; say?: Say }): Promise<Postgres> {
  const say = options.say ?? (() => {});
  const bin = postgresBinDir();
  const data = join(options.dir, 'data');
  const secretFile = join(options.dir, 'password');
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  if (!existsSync(join(data, 'PG_VERSION'))) {
    say(`Initialising PostgreSQL in ${data}`);
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data, { mode: 0o700 });
    // initdb reads the password from a file the postgres user can read; it is removed right after.
    const pwfile = join(options.dir, 'initdb-password');
    writeFileSync(pwfile, password, { mode: 0o600 });
    handOver(options.dir);
    try {
      run(bin, 'initdb', ['-D', data, '-U', USER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
    } finally {
      rmSync(pwfile, { force: true });
    }
  } else {
    handOver(options.dir);
  }
  const settings = [`-p ${options.port}`, '-c listen_addresses=127.0.0.1', "-c unix_socket_directories=''", '-c max_connections=200'];
  run(bin, 'pg_ctl', ['-D', data, '-l', join(options.dir, 'server.log'), '-w', '-t', '60', '-o', settings.join(' '), 'start']);
  const url = ownPostgresUrl(options.dir, options.port);
  const admin = new pg.Client({ connectionString: ownPostgresUrl(options.dir, options.port, 'postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  say(`PostgreSQL ${bin.split('/').at(-2) ?? ''} on 127.0.0.1:${options.port}, data in ${data}`);
  return {
    url,
    port: options.port,
    pid: () => {
      const file = join(data, 'postmaster.pid');
      if (!existsSync(file)) return null;
      const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    },
    stop: () => {
      if (existsSync(join(data, 'postmaster.pid'))) run(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
  };
}
