import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { pauseReplicas } from '../api/write-gate-postgres.js';
import { verifyLog } from '../eventstore/integrity.js';
import { types } from '../eventstore/postgres.js';
import { rawLogPages } from '../eventstore/postgres-sql.js';
import { describeFiles, emptyOrMissing, readManifest, writeManifest, type BackupFile } from './backup-files.js';
import { postgresBinDir } from './postgres.js';
import { TEMPORAL_DATABASES } from './temporal-cluster.js';

/**
 * Backup and restore of the PostgreSQL profile (`npm run cluster`, or any deployment whose
 * `EVENT_STORE` is a PostgreSQL URL and whose Temporal keeps its state on the same server).
 *
 * Three databases make the state: Temporal's (`temporal`, `temporal_visibility`) and the
 * event log's. Each is dumped with `pg_dump` from a snapshot, and the three snapshots are
 * taken together while every replica holds its API writes (api/write-gate-postgres.ts), for
 * the reason the embedded backup pauses too: an update's events reach the log before
 * Temporal records the update. The pause lasts only while the snapshots are exported; the
 * dumps then run from them while replicas write on. The log as of its snapshot is verified
 * whole before the backup is called done, and again after a restore.
 */
export interface PostgresManifest {
  readonly profile: 'postgres';
  readonly createdAt: string;
  /** In the order they are restored. */
  readonly databases: readonly { readonly name: string; readonly file: string }[];
  readonly files: readonly BackupFile[];
  readonly log: { readonly events: number; readonly head: number; readonly valid: boolean };
  readonly replicasPaused: number;
}

const SECRETS = ['auth-secret'] as const;
/** The pause's own bookkeeping is not state: a restored log starts with none. */
const NOT_COPIED = ['ops_pause', 'ops_replicas'];

const databaseUrl = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** `pg_dump` or `pg_restore`: beside the server's binaries, or on PATH. */
function clientTool(name: 'pg_dump' | 'pg_restore'): string {
  const dirs: string[] = [];
  try {
    dirs.push(postgresBinDir());
  } catch {
    // A machine with the client tools only.
  }
  dirs.push(...(process.env.PATH ?? '').split(delimiter));
  const found = dirs.find((dir) => dir && existsSync(join(dir, name)));
  if (!found) throw new Error(`${name} is not installed: install the postgresql-client package, or set PG_BINDIR`);
  return join(found, name);
}

/** Runs a PostgreSQL client tool against `url`'s server, the password passed by environment, not on its command line. */
async function runTool(name: 'pg_dump' | 'pg_restore', url: string, args: readonly string[]): Promise<void> {
  const parsed = new URL(url);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(parsed.password), PGHOST: parsed.hostname, PGPORT: parsed.port || '5432', PGUSER: decodeURIComponent(parsed.username) };
  const child = spawn(clientTool(name), args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`${name} failed (exit ${code}): ${errors.trim()}`);
}

const connect = async (url: string) => {
  const client = new pg.Client({ connectionString: url, types });
  client.on('error', () => {});
  await client.connect();
  return client;
};

/** The log as a transaction sees it, verified whole, with its head. */
async function verifyThrough(client: pg.Client): Promise<PostgresManifest['log']> {
  const verified = await verifyLog({ rawLog: (options) => rawLogPages((sql, params) => client.query(sql, params), options) });
  const head = Number((await client.query<{ position: string }>('SELECT position FROM log_head')).rows[0]?.position ?? 0);
  return { events: verified.events, head, valid: verified.valid };
}

export async function backupPostgres(eventStoreUrl: string, secretsDir: string, target: string): Promise<PostgresManifest> {
  if (!emptyOrMissing(target)) throw new Error(`${target} is not empty: a backup goes into a new or empty folder`);
  const logDatabase = new URL(eventStoreUrl).pathname.slice(1) || 'postgres';
  const databases = [...TEMPORAL_DATABASES.map((d) => d.name), logDatabase];
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const control = await connect(eventStoreUrl);
  const snapshots = new Map<string, { client: pg.Client; id: string }>();
  try {
    // Every replica holds its writes while the three snapshots are taken together, then writes on.
    const paused = await pauseReplicas(control);
    try {
      for (const name of databases) {
        const client = await connect(databaseUrl(eventStoreUrl, name));
        snapshots.set(name, { client, id: '' });
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
        snapshots.set(name, { client, id: rows[0]!.id });
      }
    } finally {
      await paused.resume();
    }
    for (const name of databases) {
      const exclude = name === logDatabase ? NOT_COPIED.map((table) => `--exclude-table-data=${table}`) : [];
      await runTool('pg_dump', eventStoreUrl, ['--format=custom', `--snapshot=${snapshots.get(name)!.id}`, `--file=${join(target, `${name}.dump`)}`, ...exclude, `--dbname=${name}`]);
    }
    const log = await verifyThrough(snapshots.get(logDatabase)!.client);
    const names = databases.map((name) => `${name}.dump`);
    for (const name of SECRETS) {
      if (!existsSync(join(secretsDir, name))) continue;
      copyFileSync(join(secretsDir, name), join(target, name));
      chmodSync(join(target, name), 0o600);
      names.push(name);
    }
    const manifest: PostgresManifest = {
      profile: 'postgres',
      createdAt: new Date().toISOString(),
      databases: databases.map((name) => ({ name, file: `${name}.dump` })),
      files: describeFiles(target, names),
      log,
      replicasPaused: paused.replicas,
    };
    writeManifest(target, manifest);
    if (!log.valid) throw new Error(`the log in the backup does not verify; the backup in ${target} is not to be used`);
    return manifest;
  } finally {
    for (const { client } of snapshots.values()) await client.end().catch(() => {});
    await control.end().catch(() => {});
  }
}

/** True when a database holds no table of its own (or does not exist, which `ensureEmpty` then creates). */
async function ensureEmpty(url: string, name: string): Promise<void> {
  const admin = await connect(databaseUrl(url, 'postgres'));
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0;
    if (!exists) {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      return;
    }
  } finally {
    await admin.end();
  }
  const db = await connect(databaseUrl(url, name));
  try {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
    if (Number(rows[0]!.n) > 0) throw new Error(`the database ${name} is not empty: restore into a new server, or empty databases, so that nothing there is mixed with the backup`);
  } finally {
    await db.end();
  }
}

/**
 * Restores a backup into the server of `eventStoreUrl` (its databases missing or empty), then
 * verifies the restored log and compares it with the backup's. Secrets go into `secretsDir`.
 */
export async function restorePostgres(source: string, eventStoreUrl: string, secretsDir: string): Promise<PostgresManifest> {
  const manifest = readManifest<PostgresManifest>(source);
  if (manifest.profile !== 'postgres') throw new Error(`${source} holds a backup of the embedded default: restore it with EVENT_STORE unset, into an empty DATA_DIR`);
  const logDatabase = manifest.databases.at(-1)!.name;
  const target = (name: string) => (name === logDatabase ? new URL(eventStoreUrl).pathname.slice(1) || 'postgres' : name);
  for (const { name } of manifest.databases) await ensureEmpty(eventStoreUrl, target(name));
  for (const { name, file } of manifest.databases) {
    await runTool('pg_restore', eventStoreUrl, ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target(name)}`, join(source, file)]);
  }
  const restored = await connect(eventStoreUrl);
  try {
    const log = await verifyThrough(restored);
    if (!log.valid || log.head !== manifest.log.head || log.events !== manifest.log.events) {
      throw new Error(`the restored log (${log.events} events up to ${log.head}, ${log.valid ? 'valid' : 'not valid'}) is not the backup's (${manifest.log.events} up to ${manifest.log.head})`);
    }
  } finally {
    await restored.end();
  }
  mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
  for (const { name } of manifest.files) {
    if (!(SECRETS as readonly string[]).includes(name)) continue;
    copyFileSync(join(source, name), join(secretsDir, name));
    chmodSync(join(secretsDir, name), 0o600);
  }
  return manifest;
}
