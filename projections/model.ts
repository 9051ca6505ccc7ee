import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../eventstore/port.js';

/** What a projected event changed, for the live stream. */
export interface Changes {
  readonly cycles: Set<string>;
  /** Tasks whose row changed, for live task lists. */
  readonly tasks: Set<string>;
}



/** A read model: its tables and how one event changes them, inside the projector's transaction. */
export interface ReadModel {
  readonly name: string;
  readonly schema: string;
  apply(db: Database.Database, event: RecordedEvent, changes: Changes): void;
  /** Writes what `apply` gathered in memory; called once per batch, inside its transaction. */
  flush?(db: Database.Database): void;
  /** Forgets what `apply` gathered, when the batch's transaction failed. */
  discard?(): void;
}

/** Applies a batch of events to the models and flushes them: run it inside a transaction. */
export function applyBatch(db: Database.Database, models: readonly ReadModel[], events: readonly RecordedEvent[], changes: Changes, after: (model: ReadModel) => number = () => 0): void {
  try {
    for (const event of events) for (const model of models) if (event.position > after(model)) model.apply(db, event, changes);
    for (const model of models) model.flush?.(db);
  } catch (err) {
    for (const model of models) model.discard?.();
    throw err;
  }
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** `db.prepare(sql)`, prepared once per database: the projector applies millions of events. */
export function prepared<P extends unknown[] = unknown[], R = unknown>(db: Database.Database, sql: string): Database.Statement<P, R> {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement as Database.Statement<P, R>;
}
