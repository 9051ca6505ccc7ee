import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { eventSchemas } from '../domain/schemas.js';
import { verifyLog } from '../eventstore/integrity.js';
import { SIDE_DB_FILE } from '../eventstore/side-db.js';
import { SqliteEventStore } from '../eventstore/sqlite.js';
import { PAUSE_REQUEST, PAUSED } from '../api/write-gate.js';
import { backupPostgres, restorePostgres, type PostgresManifest } from './backup-postgres.js';
import { describeFiles, emptyOrMissing, readManifest, writeManifest, type BackupFile } from './backup-files.js';
import { intEnv, storageConfig } from './config.js';
import { dataDirHolder } from './data-lock.js';
import { ownPostgresUrl, startPostgres } from './postgres.js';

/**
 * `npm run backup -- DIR` and `npm run restore -- DIR`: an online, consistent copy of the
 * embedded default's data folder while it runs, and its return into an empty one.
 *
 * Each database is copied as a snapshot, in an order that keeps the copy consistent. The
 * read models go first: they never show an event the copied log lacks, and the projector
 * catches up from their checkpoint. Temporal's state and then the log are copied while the
 * server holds the API's writes (api/write-gate.ts), so that no workflow update has appended
 * its events without Temporal having recorded it. What workflows do on their own (a timer, a
 * signal, an activity) is recorded by Temporal before it acts, so a workflow whose steps
 * reached the log after Temporal's state was copied does them again from the copy, and
 * finds its events in the log under the same ids. Reads go on throughout; writes wait for
 * the two copies.
 *
 * On PostgreSQL (`npm run cluster`, or `EVENT_STORE` a PostgreSQL URL) the same commands dump
 * and restore its databases instead: bin/backup-postgres.ts.
 */
const LOG = 'events.db';
const SECRETS = ['auth-secret'] as const;

interface Manifest {
  readonly profile?: 'sqlite';
  readonly createdAt: string;
  readonly files: readonly BackupFile[];
  readonly log: { readonly events: number; readonly head: number; readonly valid: boolean };
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * A snapshot of one SQLite database, taken while others write to it, with SQLite's online
 * backup: its pages as they stand at one moment (it starts again if a writer changes them
 * between two steps, so each step takes all that is left). Pages, not SQL: Temporal's
 * database has a schema this build of SQLite would not parse.
 */
async function snapshot(from: string, to: string): Promise<void> {
  const db = new Database(from, { readonly: true, fileMustExist: true, timeout: 30_000 });
  try {
    await db.backup(to, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    db.close();
  }
}

/**
 * Asks the server running on the data folder, if any, to hold its writes, and waits until it
 * has; returns what lets them go again.
 */
async function pauseWrites(dataDir: string): Promise<() => void> {
  const server = dataDirHolder(dataDir);
  if (!server) return () => {};
  const request = join(dataDir, PAUSE_REQUEST);
  const paused = join(dataDir, PAUSED);
  writeFileSync(request, `${process.pid}\n`);
  const resume = () => rmSync(request, { force: true });
  const deadline = Date.now() + 30_000;
  while (!existsSync(paused)) {
    if (Date.now() > deadline || !dataDirHolder(dataDir)) {
      resume();
      throw new Error(`${server.who} (pid ${server.pid}) did not hold its writes for the backup: nothing copied`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return resume;
}

export async function backup(dataDir: string, target: string): Promise<Manifest> {
  if (!existsSync(join(dataDir, LOG))) throw new Error(`no event log in ${dataDir} (${LOG}): is DATA_DIR the embedded default's data folder?`);
  if (!emptyOrMissing(target)) throw new Error(`${target} is not empty: a backup goes into a new or empty folder`);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const names: string[] = [];
  const copy = async (name: string) => {
    if (!existsSync(join(dataDir, name))) return;
    await snapshot(join(dataDir, name), join(target, name));
    names.push(name);
  };
  await copy('read.db');
  // Drafts and device sessions are nobody's history: a snapshot at any moment will do.
  await copy(SIDE_DB_FILE);
  // Temporal's state and the log are copied while the server holds its writes (api/write-gate.ts).
  const resume = await pauseWrites(dataDir);
  try {
    await copy('temporal.db');
    await copy(LOG);
  } finally {
    resume();
  }
  for (const name of SECRETS) {
    if (!existsSync(join(dataDir, name))) continue;
    copyFileSync(join(dataDir, name), join(target, name));
    chmodSync(join(target, name), 0o600);
    names.push(name);
  }
  // The copy's own log, verified whole: a backup that would not verify is no backup.
  const store = new SqliteEventStore(join(target, LOG), { schemas: eventSchemas, readonly: true });
  let log: Manifest['log'];
  try {
    const verified = await verifyLog(store);
    log = { events: verified.events, head: await store.headPosition(), valid: verified.valid };
  } finally {
    await store.close();
  }
  const manifest: Manifest = { profile: 'sqlite', createdAt: new Date().toISOString(), files: describeFiles(target, names), log };
  writeManifest(target, manifest);
  if (!log.valid) throw new Error(`the copied log does not verify; the backup in ${target} is not to be used`);
  return manifest;
}

export function restore(source: string, dataDir: string): Manifest {
  const manifest = readManifest<Manifest | PostgresManifest>(source);
  if (manifest.profile === 'postgres') throw new Error(`${source} holds a backup of a PostgreSQL log: restore it with EVENT_STORE set to the server, or for npm run cluster with EVENT_STORE unset`);
  refuseNonEmpty(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  for (const { name } of manifest.files) {
    copyFileSync(join(source, name), join(dataDir, name));
    if ((SECRETS as readonly string[]).includes(name)) chmodSync(join(dataDir, name), 0o600);
  }
  return manifest;
}

function refuseNonEmpty(dataDir: string): void {
  if (!emptyOrMissing(dataDir)) throw new Error(`${dataDir} is not empty: restore into a new or empty DATA_DIR, so that nothing there is mixed with the backup`);
}

/**
 * The PostgreSQL log the data folder belongs to, if any: `EVENT_STORE`, or the server
 * `npm run cluster` runs in DATA_DIR/postgres on POSTGRES_PORT.
 */
function postgresOf(dataDir: string, eventStore: string): string | null {
  if (/^postgres(ql)?:/.test(eventStore)) return eventStore;
  const own = join(dataDir, 'postgres');
  return existsSync(join(own, 'password')) ? ownPostgresUrl(own, clusterPostgresPort()) : null;
}

const clusterPostgresPort = () => intEnv(process.env, 'POSTGRES_PORT', 5433);

async function main(): Promise<void> {
  const [command, dir] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !dir) throw new Error('usage: npm run backup -- DIR, or npm run restore -- DIR');
  const { dataDir, eventStore } = storageConfig();
  const source = resolve(dir);
  if (command === 'backup') {
    const postgres = postgresOf(dataDir, eventStore);
    if (postgres) {
      const manifest = await backupPostgres(postgres, dataDir, source);
      say(`Backed up ${manifest.databases.map((d) => d.name).join(', ')} into ${source} while ${manifest.replicasPaused} replica(s) held their writes for the snapshots; the log's ${manifest.log.events} events verify.`);
      return;
    }
    if (!eventStore.startsWith('sqlite:')) throw new Error(`EVENT_STORE is ${eventStore.split(':')[0]}: back it up with its own tools`);
    const manifest = await backup(dataDir, source);
    say(`Backed up ${dataDir} into ${source}: ${manifest.files.map((f) => f.name).join(', ')}; the log's ${manifest.log.events} events verify.`);
    return;
  }
  const manifest = readManifest<Manifest | PostgresManifest>(source);
  if (manifest.profile !== 'postgres') {
    restore(source, dataDir);
    say(`Restored the backup of ${manifest.createdAt} into ${dataDir} (${manifest.log.events} events). npm start goes on from it.`);
    return;
  }
  refuseNonEmpty(dataDir);
  if (/^postgres(ql)?:/.test(eventStore)) {
    await restorePostgres(source, eventStore, dataDir);
    say(`Restored the backup of ${manifest.createdAt} into ${manifest.databases.map((d) => d.name).join(', ')} (${manifest.log.events} events, verified).`);
    return;
  }
  // The cluster profile: a PostgreSQL server of its own in the new data folder, as npm run cluster starts it.
  const server = await startPostgres({ dir: join(dataDir, 'postgres'), port: clusterPostgresPort(), say });
  try {
    await restorePostgres(source, server.url, dataDir);
  } finally {
    server.stop();
  }
  say(`Restored the backup of ${manifest.createdAt} into ${dataDir} (${manifest.log.events} events, verified). npm run cluster goes on from it.`);
}

if (process.argv[1]?.endsWith('backup.ts')) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
