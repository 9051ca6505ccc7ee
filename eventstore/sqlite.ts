import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DomainError } from '../domain/errors.js';
import { chainEvents, serialiseEvents, type EventSchemas, type SerialisedEvent } from './chain.js';
import { ConcurrencyError, StoreUnavailableError, assertExpected, assertStreamName } from './errors.js';
import { GENESIS_HASH } from './hash.js';
import { nextWake, toRecorded } from './rows.js';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RawEvent,
  RecordedEvent,
  SubscribeOptions,
} from './port.js';

/** An event row as stored: data and metadata as canonical JSON, the hash beside them. */
export interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  hash: string;
}

export interface SqliteOptions {
  readonly schemas?: EventSchemas;
  readonly readonly?: boolean;
  /** How often a subscription looks for events written by other processes. */
  readonly pollMs?: number;
  /** A cap on the file's size; appends beyond it fail as a full disk would. */
  readonly maxBytes?: number;
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
  hash TEXT NOT NULL,
  UNIQUE (stream, revision)
);
CREATE INDEX IF NOT EXISTS events_type ON events (type, position);
`;

/** Pages small enough that a page's events die young: a young-generation GC is far cheaper than promoting them. */
const SUBSCRIBE_PAGE = 1_000;
const COLUMNS = 'position, id, stream, revision, type, data, metadata, hash';
/** A row as `.raw()` returns it, in the order of COLUMNS. */
type RowTuple = [number, string, string, number, string, string, string, string];

function unavailable(action: string, err: unknown): StoreUnavailableError {
  const message = (err as Error).message;
  const code = (err as { code?: string }).code ?? '';
  const reason = code === 'SQLITE_FULL' ? 'the disk is full' : code === 'SQLITE_READONLY' ? 'the database is read-only' : code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' ? 'the database file is corrupt' : message;
  return new StoreUnavailableError(`${action}: ${reason}`);
}

interface PendingAppend {
  readonly stream: string;
  readonly serialised: SerialisedEvent[];
  readonly expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** The embedded event store: one SQLite file in WAL mode, durable commits, one writer at a time. */
export class SqliteEventStore implements EventStore {
  readonly #db: Database.Database;
  readonly #listeners = new Set<() => void>();
  readonly #schemas: EventSchemas | undefined;
  readonly #pollMs: number;
  readonly #head;
  readonly #byId;
  readonly #insert;
  readonly #maxPosition;
  readonly #statements = new Map<string, Database.Statement<unknown[], RowTuple>>();
  /** Inside the batch's transaction, a nested transaction: a savepoint of its own. */
  readonly #appendInSavepoint: (stream: string, serialised: SerialisedEvent[], expected: ExpectedRevision) => AppendResult;
  #pending: PendingAppend[] = [];

  constructor(
    readonly file: string,
    options: SqliteOptions = {},
  ) {
    this.#schemas = options.schemas;
    this.#pollMs = options.pollMs ?? 100;
    try {
      if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true });
      this.#db = new Database(file, { timeout: 10_000, readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
      if (!options.readonly) {
        this.#db.pragma('journal_mode = WAL');
        this.#db.pragma('synchronous = FULL');
        this.#db.exec(SCHEMA);
      }
      if (options.maxBytes) {
        const pageSize = Number(this.#db.pragma('page_size', { simple: true }));
        this.#db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
      }
      this.#head = this.#db.prepare<[string], { revision: number; hash: string }>(
        'SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
      );
      this.#byId = this.#db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?');
      this.#insert = this.#db.prepare<[string, string, number, string, string, string, string]>(
        'INSERT INTO events (id, stream, revision, type, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      this.#maxPosition = this.#db.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM events');
      this.#appendInSavepoint = this.#db.transaction((stream: string, serialised: SerialisedEvent[], expected: ExpectedRevision) =>
        this.#appendInTransaction(stream, serialised, expected),
      );
    } catch (err) {
      throw unavailable(`cannot open the event store ${file}`, err);
    }
  }

  #toRecorded(row: RowTuple, raw: boolean | undefined): RecordedEvent {
    const [position, id, stream, revision, type, dataJson, metadataJson, hash] = row;
    return toRecorded({ position, id, stream, revision, type, dataJson, metadataJson, hash }, this.#schemas, raw);
  }

  /** Events matching `where`, in `order`, upcast unless `raw`. */
  #page(where: string, order: string, params: unknown[], raw: boolean | undefined): RecordedEvent[] {
    const rows = this.#query(`SELECT ${COLUMNS} FROM events WHERE ${where} ORDER BY ${order} LIMIT ?`).all(...params);
    return rows.map((row) => this.#toRecorded(row, raw));
  }

  /** Prepared once per distinct query, in `.raw()` mode. */
  #query(sql: string): Database.Statement<unknown[], RowTuple> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare<unknown[], RowTuple>(sql).raw(true);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Appends wait for the next turn of the event loop and commit together: one durable commit
   * (one fsync) for every append made in the same turn, each in its own savepoint so that one
   * refused append leaves the others whole. None is answered before the commit is on disk.
   */
  async append(stream: string, events: readonly NewEvent[], options: { expected: ExpectedRevision }): Promise<AppendResult> {
    assertStreamName(stream);
    const serialised = serialiseEvents(events, randomUUID, this.#schemas);
    return new Promise<AppendResult>((resolve, reject) => {
      this.#pending.push({ stream, serialised, expected: options.expected, resolve, reject });
      if (this.#pending.length === 1) setImmediate(() => this.#commitPending());
    });
  }

  #commitPending(): void {
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    const outcomes: ({ result: AppendResult } | { error: DomainError })[] = [];
    // A refused append (a domain error) is rolled back to its savepoint; a failing store (disk
    // full, read-only, corrupt) fails the whole batch with its own error, not a later one.
    let failure: unknown = null;
    try {
      this.#db
        .transaction(() => {
          for (const { stream, serialised, expected } of batch) {
            try {
              outcomes.push({ result: this.#appendInSavepoint(stream, serialised, expected) });
            } catch (error) {
              if (!(error instanceof DomainError)) throw (failure = error);
              outcomes.push({ error });
            }
          }
        })
        .immediate();
    } catch (err) {
      for (const append of batch) append.reject(unavailable(`append to ${append.stream} failed`, failure ?? err));
      return;
    }
    batch.forEach((append, i) => {
      const outcome = outcomes[i]!;
      if ('result' in outcome) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    if (outcomes.some((outcome) => 'result' in outcome)) for (const listener of this.#listeners) listener();
  }

  #appendInTransaction(stream: string, serialised: SerialisedEvent[], expected: ExpectedRevision): AppendResult {
    const retried = this.#idempotentRetry(stream, serialised.map((e) => e.id));
    if (retried) return retried;
    const head = this.#head.get(stream);
    const current = head?.revision ?? -1;
    assertExpected(stream, expected, current);
    let position = 0;
    for (const event of chainEvents(stream, serialised, current, head?.hash ?? GENESIS_HASH)) {
      position = Number(this.#insert.run(event.id, stream, event.revision, event.type, event.dataJson, event.metadataJson, event.hash).lastInsertRowid);
    }
    return { nextRevision: current + serialised.length, position };
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

  #read<T>(action: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw unavailable(action, err);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    return this.#read(`read ${stream}`, () =>
      this.#page(`stream = ? AND revision ${backwards ? '<=' : '>='} ?`, `revision ${backwards ? 'DESC' : 'ASC'}`, [stream, from, options.maxCount ?? -1], options.raw),
    );
  }

  #selectAll(options: ReadAllOptions): RecordedEvent[] {
    const backwards = options.direction === 'backwards';
    const clauses = [backwards ? 'position < ?' : 'position > ?'];
    const params: (string | number)[] = [backwards ? (options.before ?? Number.MAX_SAFE_INTEGER) : (options.after ?? 0)];
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
    return this.#page(clauses.join(' AND '), `position ${backwards ? 'DESC' : 'ASC'}`, params, options.raw);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.#read('read the log', () => this.#selectAll(options));
  }

  async *rawLog(options: { after?: number; stream?: string } = {}): AsyncGenerator<RawEvent> {
    const batch = 10_000;
    const stream = options.stream;
    const all = this.#query(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`);
    const one = this.#query(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND position > ? ORDER BY position LIMIT ?`);
    const page = (after: number) => (stream === undefined ? all.all(after, batch) : one.all(stream, after, batch));
    let after = options.after ?? 0;
    for (;;) {
      const from = after;
      const rows = this.#read('read the log', () => page(from));
      for (const [position, , rowStream, revision, type, dataJson, metadataJson, hash] of rows) {
        yield { position, stream: rowStream, revision, type, dataJson, metadataJson, hash };
      }
      if (rows.length < batch) return;
      after = rows[rows.length - 1]![0];
    }
  }

  /**
   * Catch-up then live. A plain iterator rather than an async generator: a page already
   * read is handed out one event per `next()` without a generator's suspension, which is
   * most of a catch-up's cost once the rows are parsed.
   */
  subscribe(options: SubscribeOptions = {}): AsyncIterableIterator<RecordedEvent> {
    let after = options.after ?? 0;
    const signal = options.signal;
    const filtered = Boolean(options.filter?.streamPrefix || options.filter?.types?.length);
    let page: RecordedEvent[] = [];
    let index = 0;
    let full = false;
    /** The log's head when the page was read: a filtered page short of full holds every match up to it. */
    let pageHead = 0;
    const done = (): IteratorResult<RecordedEvent> => ({ done: true, value: undefined });
    const next = async (): Promise<IteratorResult<RecordedEvent>> => {
      for (;;) {
        if (signal?.aborted) return done();
        if (index < page.length) {
          const event = page[index++]!;
          after = event.position;
          return { done: false, value: event };
        }
        if (page.length > 0 && !full) {
          page = [];
          if (filtered) after = Math.max(after, pageHead);
          await this.#nextAppend(signal);
          continue;
        }
        // One read transaction: the filtered page and the head it was taken at come from the same snapshot.
        const { rows, head } = this.#read('read the log', () =>
          this.#db.transaction(() => ({ rows: this.#selectAll({ after, maxCount: SUBSCRIBE_PAGE, filter: options.filter }), head: this.#maxPosition.get()?.p ?? 0 }))(),
        );
        page = rows;
        index = 0;
        full = rows.length === SUBSCRIBE_PAGE;
        pageHead = head;
        if (rows.length > 0) continue;
        if (filtered) after = Math.max(after, head);
        await this.#nextAppend(signal);
      }
    };
    const iterator: AsyncIterableIterator<RecordedEvent> = {
      // Served straight from the page when it holds the next event: no await, no extra turn.
      next: () => (index < page.length && !signal?.aborted ? Promise.resolve(take()) : next()),
      return: async () => {
        page = [];
        index = 0;
        return done();
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    const take = (): IteratorResult<RecordedEvent> => {
      const event = page[index++]!;
      after = event.position;
      return { done: false, value: event };
    };
    return iterator;
  }

  #nextAppend(signal: AbortSignal | undefined): Promise<void> {
    return nextWake(this.#listeners, this.#pollMs, signal);
  }

  async listStreams(prefix: string, options: { after?: string; limit?: number } = {}): Promise<string[]> {
    const rows = this.#read('list streams', () =>
      this.#db
        .prepare<[string, string, string, number], { stream: string }>(
          'SELECT stream FROM events WHERE stream > ? AND stream >= ? AND stream < ? AND revision = 0 ORDER BY stream LIMIT ?',
        )
        .all(options.after ?? '', prefix, `${prefix}\uffff`, options.limit ?? 1000),
    );
    return rows.map((r) => r.stream);
  }

  async headPosition(): Promise<number> {
    return this.#read('read the log head', () => this.#maxPosition.get()?.p ?? 0);
  }

  onAppend(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#commitPending();
    this.#listeners.clear();
    if (this.#db.open) this.#db.close();
  }
}
