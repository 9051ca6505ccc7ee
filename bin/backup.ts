import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { eventSchemas } from '../domain/schemas.js';
import { verifyLog } from '../eventstore/integrity.js';
import { SqliteEventStore } from '../eventstore/sqlite.js';
import { PAUSE_REQUEST, PAUSED } from '../api/write-gate.js';
import { storageConfig } from './config.js';
import { dataDirHolder } from './data-lock.js';

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
 */
const LOG = 'events.db';
const SECRETS = ['auth-secret'] as const;
const MANIFEST = 'backup.json';

interface Manifest {
  readonly createdAt: string;
  readonly files: { readonly name: string; readonly bytes: number; readonly sha256: string }[];
  readonly log: { readonly events: number; readonly head: number; readonly valid: boolean };
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function emptyOrMissing(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

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
  const manifest: Manifest = {
    createdAt: new Date().toISOString(),
    files: names.map((name) => ({ name, bytes: statSync(join(target, name)).size, sha256: sha256(join(target, name)) })),
    log,
  };
  writeFileSync(join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  if (!log.valid) throw new Error(`the copied log does not verify; the backup in ${target} is not to be used`);
  return manifest;
}

export function restore(source: string, dataDir: string): Manifest {
  const file = join(source, MANIFEST);
  if (!existsSync(file)) throw new Error(`${source} holds no backup (${MANIFEST} is missing)`);
  if (!emptyOrMissing(dataDir)) throw new Error(`${dataDir} is not empty: restore into a new or empty DATA_DIR, so that nothing there is mixed with the backup`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  for (const { name, sha256: expected } of manifest.files) {
    if (!existsSync(join(source, name)) || sha256(join(source, name)) !== expected) throw new Error(`${name} in ${source} is missing or not as backed up: nothing restored`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  for (const { name } of manifest.files) {
    copyFileSync(join(source, name), join(dataDir, name));
    if ((SECRETS as readonly string[]).includes(name)) chmodSync(join(dataDir, name), 0o600);
  }
  return manifest;
}

async function main(): Promise<void> {
  const [command, dir] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !dir) throw new Error('usage: npm run backup -- DIR, or npm run restore -- DIR');
  const { dataDir, eventStore } = storageConfig();
  if (!eventStore.startsWith('sqlite:')) throw new Error(`EVENT_STORE is ${eventStore.split(':')[0]}: these commands copy the embedded default; back a PostgreSQL log up with its own tools (pg_dump)`);
  if (command === 'backup') {
    const manifest = await backup(dataDir, resolve(dir));
    say(`Backed up ${dataDir} into ${resolve(dir)}: ${manifest.files.map((f) => f.name).join(', ')}; the log's ${manifest.log.events} events verify.`);
  } else {
    const manifest = restore(resolve(dir), dataDir);
    say(`Restored the backup of ${manifest.createdAt} into ${dataDir} (${manifest.log.events} events). npm start goes on from it.`);
  }
}

if (process.argv[1]?.endsWith('backup.ts')) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
