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
