/**
 * `npm run projections:rebuild`: rebuilds every read model from the whole event log into a
 * new file beside `DATA_DIR/read.db`, with the server's own models and projector, then
 * renames it over the old one. Refused while a server holds the data folder (its lock
 * file); stop stand-alone workers (bin/run-worker.ts) too, as they keep the file they opened.
 * Environment as for `npm start` (`DATA_DIR`, `EVENT_STORE`).
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { demoGeography } from '../domain/geography/geography.js';
import { eventSchemas } from '../domain/schemas.js';
import { openEventStore } from '../eventstore/open.js';
import type { EventStore } from '../eventstore/port.js';
import { Projector, openReadDb, readModels } from '../projections/projector.js';
import { storageConfig } from './config.js';
import { DataDirInUse, lockDataDir } from './data-lock.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

const removeDb = (file: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
};

function fsync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Folds a WAL that the old file may have kept (after a crash) into it, then removes it:
 * a WAL left beside the new file would be replayed onto it. A crash after this leaves the
 * old file whole; one after the rename, the new file.
 */
function retire(file: string): void {
  if (existsSync(`${file}-wal`)) {
    try {
      const old = new Database(file);
      old.pragma('wal_checkpoint(TRUNCATE)');
      old.close();
    } catch {
      // An unreadable old file is what a rebuild is for; it is replaced all the same.
    }
  }
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
}

async function rebuild(store: EventStore, dataDir: string): Promise<void> {
  // An empty log would swap in empty read models: more likely a wrong DATA_DIR or EVENT_STORE than a wish.
  if ((await store.headPosition()) === 0) throw new Error('the event log is empty: check DATA_DIR and EVENT_STORE');
  const target = join(dataDir, 'read.db');
  const fresh = `${target}.rebuild`;
  removeDb(fresh); // what a rebuild that died left behind
  const models = readModels(demoGeography());
  const db = openReadDb(fresh, models);
  let events: number;
  const started = performance.now();
  try {
    // Nothing reads this file until it is complete: durability comes once, at the end.
    db.pragma('synchronous = OFF');
    events = await new Projector(store, db, models).catchUp();
    // One self-contained file, with no WAL beside it to lose in the rename.
    db.pragma('journal_mode = DELETE');
  } catch (err) {
    db.close();
    removeDb(fresh);
    throw err;
  }
  db.close();
  const seconds = (performance.now() - started) / 1000;
  fsync(fresh);
  retire(target);
  renameSync(fresh, target);
  try {
    fsync(dataDir); // the rename itself, where the platform can sync a folder
  } catch {
    // Windows cannot; the rename is still atomic there.
  }
  const rate = seconds > 0 ? Math.round(events / seconds) : events;
  say(`Rebuilt the read models in ${target} from ${events} events in ${seconds.toFixed(2)} s (${rate} events/s).`);
}

async function main(): Promise<void> {
  const { dataDir, eventStore } = storageConfig();
  if (!existsSync(dataDir)) throw new Error(`there is no data folder ${dataDir}: check DATA_DIR`);
  const lock = lockDataDir(dataDir, 'a read model rebuild');
  try {
    const store = openEventStore(eventStore, { schemas: eventSchemas });
    try {
      await rebuild(store, dataDir);
    } finally {
      await store.close();
    }
  } finally {
    lock.release();
  }
}

main().catch((err: unknown) => {
  const reason = err instanceof Error ? err.message : String(err);
  process.stderr.write(err instanceof DataDirInUse ? `Refused: ${reason}\n` : `Rebuild failed: ${reason}\n`);
  process.exit(1);
});
