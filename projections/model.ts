import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../eventstore/port.js';

/** What a projected event changed, for the live stream. */
export interface Changes {
  readonly cycles: Set<string>;
}

/** A read model: its tables and how one event changes them, inside the projector's transaction. */
export interface ReadModel {
  readonly name: string;
  readonly schema: string;
  apply(db: Database.Database, event: RecordedEvent, changes: Changes): void;
}
