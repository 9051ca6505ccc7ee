import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore } from '../eventstore/port.js';
import { applyBatch, type Changes, type ReadModel } from './model.js';
import { openReadDb } from './projector.js';

type Row = Record<string, unknown>;

export interface RowDifference {
  readonly table: string;
  /** The row's primary key (every column for a table without one). */
  readonly key: Row;
  /** Null when the row is missing on that side. */
  readonly live: Row | null;
  readonly rebuilt: Row | null;
}

export interface ModelComparison {
  readonly name: string;
  /** Rows the rebuilt model holds, over all its tables. */
  readonly rows: number;
  readonly differenceCount: number;
  /** The first differences, in key order, up to the cap. */
  readonly differences: RowDifference[];
}

export interface ReplayReport {
  /** The log position both sides describe: every event up to it, none after. */
  readonly position: number;
  readonly identical: boolean;
  readonly models: ModelComparison[];
}

const BATCH = 1000;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The position every live model has reached, as the projector computes it when it starts. */
function checkpointOf(db: Database.Database, models: readonly ReadModel[]): number {
  const rows = db.prepare<[], { model: string; position: number }>('SELECT model, position FROM checkpoints').all();
  const byModel = new Map(rows.map((r) => [r.model, r.position]));
  return Math.min(...models.map((m) => byModel.get(m.name) ?? 0));
}

/** Applies the log up to `upTo` with each model's own `apply`, in batches as the projector does. */
async function rebuild(store: EventStore, db: Database.Database, models: readonly ReadModel[], upTo: number): Promise<void> {
  for (let after = 0; after < upTo; ) {
    const events = (await store.readAll({ after, maxCount: BATCH })).filter((e) => e.position <= upTo);
    if (events.length === 0) return;
    const changes: Changes = { cycles: new Set(), tasks: new Set() };
    db.transaction(() => {
      applyBatch(db, models, events, changes);
    })();
    after = events[events.length - 1]!.position;
  }
}

/** A model's tables, read from its own schema rather than listed a second time. */
function tablesOf(model: ReadModel): string[] {
  const scratch = new Database(':memory:');
  try {
    scratch.exec(model.schema);
    return scratch.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
  } finally {
    scratch.close();
  }
}

/** Compares one table row by row, both ways, by primary key; returns the rebuilt side's row count. */
function compareTable(live: Database.Database, rebuilt: Database.Database, table: string, report: (d: RowDifference) => void): number {
  const info = rebuilt.prepare<[string], { name: string; pk: number }>('SELECT name, pk FROM pragma_table_info(?)').all(table);
  const columns = info.map((c) => c.name);
  const primary = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const key = primary.length > 0 ? primary : columns;
  const list = columns.map(quote).join(', ');
  const all = `SELECT ${list} FROM ${quote(table)} ORDER BY ${key.map(quote).join(', ')}`;
  const one = `SELECT ${list} FROM ${quote(table)} WHERE ${key.map((c) => `${quote(c)} IS ?`).join(' AND ')}`;
  const keyOf = (row: Row) => key.map((c) => row[c]);
  const same = (a: Row, b: Row) => columns.every((c) => a[c] === b[c]);
  const inRebuilt = rebuilt.prepare<unknown[], Row>(one);
  const inLive = live.prepare<unknown[], Row>(one);

  for (const row of live.prepare<[], Row>(all).iterate()) {
    const other = inRebuilt.get(...keyOf(row));
    if (!other || !same(row, other)) report({ table, key: Object.fromEntries(key.map((c) => [c, row[c]])), live: row, rebuilt: other ?? null });
  }
  let rows = 0;
  for (const row of rebuilt.prepare<[], Row>(all).iterate()) {
    rows++;
    if (!inLive.get(...keyOf(row))) report({ table, key: Object.fromEntries(key.map((c) => [c, row[c]])), live: null, rebuilt: row });
  }
  return rows;
}

/**
 * Rebuilds every read model from the log into a fresh database beside the live one,
 * with the same models and the same `apply`, then compares them table by table.
 *
 * The live side is read in one read transaction: the checkpoint that says how far to
 * replay and the rows compared come from the same snapshot, so both sides describe the
 * same prefix of the log while the live projector goes on writing. The temporary
 * database is deleted whatever happens.
 */
export async function replayReadModels(
  store: EventStore,
  liveFile: string,
  models: readonly ReadModel[],
  options: { maxDifferences?: number } = {},
): Promise<ReplayReport> {
  const cap = options.maxDifferences ?? 100;
  const file = join(dirname(liveFile), `replay-${randomUUID()}.db`);
  const live = new Database(liveFile, { readonly: true, fileMustExist: true });
  let rebuilt: Database.Database | undefined;
  try {
    const db = (rebuilt = openReadDb(file, models));
    // Nothing to keep if the machine stops: the file is thrown away.
    db.pragma('synchronous = OFF');
    live.exec('BEGIN');
    const position = checkpointOf(live, models);
    await rebuild(store, db, models, position);
    const compared = models.map((model): ModelComparison => {
      const differences: RowDifference[] = [];
      let differenceCount = 0;
      let rows = 0;
      for (const table of tablesOf(model)) {
        rows += compareTable(live, db, table, (d) => {
          differenceCount++;
          if (differences.length < cap) differences.push(d);
        });
      }
      return { name: model.name, rows, differenceCount, differences };
    });
    return { position, identical: compared.every((m) => m.differenceCount === 0), models: compared };
  } finally {
    if (live.inTransaction) live.exec('ROLLBACK');
    live.close();
    rebuilt?.close();
    for (const path of [file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
  }
}
