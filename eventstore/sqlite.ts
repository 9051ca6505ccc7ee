import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DomainError } from '../domain/errors.js';
import type { EventMetadata } from '../domain/events.js';
import { ConcurrencyError, MAX_EVENT_BYTES, StoreUnavailableError, assertStreamName } from './errors.js';
import { GENESIS_HASH, eventHash } from './hash.js';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from './port.js';

interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  UNIQUE (stream, revision)
);
CREATE INDEX IF NOT EXISTS events_type ON events (type, position);
`;

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}

function describe(expected: ExpectedRevision): string {
  return typeof expected === 'number' ? `revision ${expected}` : expected;
}

/** The embedded event store: one SQLite file in WAL mode, durable commits, one writer at a time. */
export class SqliteEventStore implements EventStore {
  readonly #db: Database.Database;
  readonly #listeners = new Set<() => void>();
  readonly #head;
  readonly #byId;
  readonly #insert;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    try {
      this.#db = new Database(file, { timeout: 10_000 });
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = FULL');
      this.#db.exec(SCHEMA);
    } catch (err) {
      throw new StoreUnavailableError(`cannot open the event store: ${(err as Error).message}`);
    }
    this.#head = this.#db.prepare<[string], { revision: number; metadata: string }>(
      'SELECT revision, metadata FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
    );
    this.#byId = this.#db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?');
    this.#insert = this.#db.prepare(
      'INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (@id, @stream, @revision, @type, @data, @metadata)',
    );
  }

  async append(stream: string, events: readonly NewEvent[], options: { expected: ExpectedRevision }): Promise<AppendResult> {
    assertStreamName(stream);
    if (events.length === 0) throw new DomainError('validation', 'an append needs at least one event');
    const serialised = events.map((event, i) => {
      const data = JSON.stringify(event.data);
      if (data === undefined) throw new DomainError('validation', `event ${i} has no JSON data`);
      if (Buffer.byteLength(data) > MAX_EVENT_BYTES) {
        throw new DomainError('too_large', `event ${i} (${event.type}) is over ${MAX_EVENT_BYTES} bytes`);
      }
      return { event, data: JSON.parse(data) as unknown, id: event.id ?? randomUUID() };
    });
    try {
      const result = this.#db.transaction(() => this.#appendInTransaction(stream, serialised, options.expected)).immediate();
      for (const listener of this.#listeners) listener();
      return result;
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new StoreUnavailableError(`append to ${stream} failed: ${(err as Error).message}`);
    }
  }

  #appendInTransaction(
    stream: string,
    events: { event: NewEvent; data: unknown; id: string }[],
    expected: ExpectedRevision,
  ): AppendResult {
    const retried = this.#idempotentRetry(stream, events.map((e) => e.id));
    if (retried) return retried;
    const head = this.#head.get(stream);
    const current = head?.revision ?? -1;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === -1) ||
      (expected === 'stream_exists' && current >= 0) ||
      expected === current;
    if (!ok) throw new ConcurrencyError(stream, describe(expected), current);
    let prevHash = head ? (JSON.parse(head.metadata) as EventMetadata).hash ?? GENESIS_HASH : GENESIS_HASH;
    let position = 0;
    events.forEach(({ event, data, id }, i) => {
      const revision = current + 1 + i;
      const metadata: Record<string, unknown> = { ...event.metadata, schemaVersion: event.metadata.schemaVersion ?? 1, prevHash };
      const hash = eventHash({ stream, revision, type: event.type, data, metadata });
      metadata.hash = hash;
      prevHash = hash;
      const info = this.#insert.run({ id, stream, revision, type: event.type, data: JSON.stringify(data), metadata: JSON.stringify(metadata) });
      position = Number(info.lastInsertRowid);
    });
    return { nextRevision: current + events.length, position };
  }

  /** Events whose ids are already at consecutive places of this stream: a retry, answered without writing. */
  #idempotentRetry(stream: string, ids: string[]): AppendResult | null {
    const first = this.#byId.get(ids[0]!);
    if (!first) return null;
    const found = ids.map((id) => this.#byId.get(id));
    const consecutive = found.every((row, i) => row && row.stream === stream && row.revision === first.revision + i);
    if (!consecutive) {
      throw new ConcurrencyError(stream, `events ${ids[0]}… to be new`, this.#head.get(stream)?.revision ?? -1);
    }
    const last = found[found.length - 1]!;
    return { nextRevision: last.revision, position: last.position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const rows = this.#db
      .prepare<[string, number, number], EventRow>(
        `SELECT * FROM events WHERE stream = ? AND revision ${backwards ? '<=' : '>='} ? ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT ?`,
      )
      .all(stream, from, options.maxCount ?? -1);
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const clauses = [backwards ? 'position < ?' : 'position > ?'];
    const params: (string | number)[] = [options.after ?? (backwards ? Number.MAX_SAFE_INTEGER : 0)];
    const prefix = options.filter?.streamPrefix;
    if (prefix) {
      clauses.push('stream >= ? AND stream < ?');
      params.push(prefix, `${prefix}\uffff`);
    }
    const types = options.filter?.types;
    if (types && types.length > 0) {
      clauses.push(`type IN (${types.map(() => '?').join(',')})`);
      params.push(...types);
    }
    params.push(options.maxCount ?? 1000);
    const rows = this.#db
      .prepare<(string | number)[], EventRow>(
        `SELECT * FROM events WHERE ${clauses.join(' AND ')} ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT ?`,
      )
      .all(...params);
    return rows.map(toRecorded);
  }

  async listStreams(prefix: string, options: { after?: string; limit?: number } = {}): Promise<string[]> {
    const lower = options.after && options.after >= prefix ? options.after : prefix;
    const rows = this.#db
      .prepare<[string, string, string, number], { stream: string }>(
        'SELECT stream FROM events WHERE stream > ? AND stream >= ? AND stream < ? AND revision = 0 ORDER BY stream LIMIT ?',
      )
      .all(options.after ?? '', lower, `${prefix}\uffff`, options.limit ?? 1000);
    return rows.map((r) => r.stream);
  }

  async headPosition(): Promise<number> {
    const row = this.#db.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM events').get();
    return row?.p ?? 0;
  }

  onAppend(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    if (this.#db.open) this.#db.close();
  }
}
