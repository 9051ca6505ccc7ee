import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DomainError } from '../domain/errors.js';
import { chainEvents, serialiseEvents, type EventSchemas, type SerialisedEvent } from './chain.js';
import { ConcurrencyError, StoreUnavailableError, assertExpected, assertStreamName } from './errors.js';
import { GENESIS_HASH } from './hash.js';
import { COLUMNS, SCHEMA, rawLogPages, selectAll } from './postgres-sql.js';
import { nextWake, toRecorded, type StoredColumns } from './rows.js';
import type {
  AppendResult,
  EventFilter,
  EventStore,
  ExpectedRevision,
  NewEvent,
  RawEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from './port.js';

export interface PostgresOptions {
  readonly schemas?: EventSchemas;
  /** How often a subscription looks for new events when no notification came (a safety net). */
  readonly pollMs?: number;
  /** Connections in the pool. */
  readonly poolSize?: number;
}

/** The channel appends notify with the new head. */
const CHANNEL = 'survey_events';
/** Any constant: replicas starting together create the schema one at a time. */
const SCHEMA_LOCK = 7_351_201;
const SUBSCRIBE_PAGE = 1_000;
const LISTEN_RETRY_MS = 1_000;

// BIGINT positions as numbers: a log stays far below 2^53 events.
export const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format ?? 'text')) };

function unavailable(action: string, err: unknown): StoreUnavailableError {
  const code = (err as { code?: string }).code ?? '';
  const reason =
    code === '53100' ? 'the disk is full' : code === 'ECONNREFUSED' ? 'the database is not reachable' : code === '25006' ? 'the database is read-only' : (err as Error).message;
  return new StoreUnavailableError(`${action}: ${reason}`);
}

interface PendingAppend {
  readonly stream: string;
  readonly serialised: SerialisedEvent[];
  readonly expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Query = (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;

/**
 * The event store on PostgreSQL: `postgres://user:password@host:5432/database`. Positions
 * follow the order of commits (see postgres-sql.ts): appends take the log head's lock.
 */
export class PostgresEventStore implements EventStore {
  readonly #pool: pg.Pool;
  readonly #schemas: EventSchemas | undefined;
  readonly #pollMs: number;
  readonly #listeners = new Set<() => void>();
  readonly #waiters = new Set<() => void>();
  readonly #ready: Promise<void>;
  #listener: Promise<pg.Client> | null = null;
  #pending: PendingAppend[] = [];
  #committing: Promise<void> | null = null;
  #closed = false;

  constructor(connectionString: string, options: PostgresOptions = {}) {
    this.#schemas = options.schemas;
    this.#pollMs = options.pollMs ?? 1_000;
    this.#pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, types });
    // An idle connection that breaks is replaced on next use; the error must not end the process.
    this.#pool.on('error', () => {});
    this.#ready = this.#createSchema();
    this.#ready.catch(() => {});
  }

  async #createSchema(): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      for (const statement of SCHEMA) await client.query(statement);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async #query(action: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    try {
      await this.#ready;
      return await this.#pool.query(sql, params);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw unavailable(action, err);
    }
  }

  async append(stream: string, events: readonly NewEvent[], options: { expected: ExpectedRevision }): Promise<AppendResult> {
    assertStreamName(stream);
    const serialised = serialiseEvents(events, randomUUID, this.#schemas);
    return new Promise<AppendResult>((resolve, reject) => {
      this.#pending.push({ stream, serialised, expected: options.expected, resolve, reject });
      this.#committing ??= this.#commitPending();
    });
  }

  /** Commits what waits, batch after batch: appends made while a batch commits go in the next. */
  async #commitPending(): Promise<void> {
    try {
      // The appends of this turn of the event loop go together.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.#pending.length > 0) {
        const batch = this.#pending;
        this.#pending = [];
        await this.#commit(batch);
      }
    } finally {
      this.#committing = null;
    }
  }

  async #commit(batch: PendingAppend[]): Promise<void> {
    const outcomes: ({ result: AppendResult } | { error: DomainError })[] = [];
    let client: pg.PoolClient | null = null;
    try {
      await this.#ready;
      client = await this.#pool.connect();
      const query: Query = (sql, params) => client!.query(sql, params);
      // Statements without parameters share a round trip: the transaction and the head's lock, then the head, the notification and the commit.
      const opened = (await client.query('BEGIN; SELECT position FROM log_head FOR UPDATE')) as unknown as pg.QueryResult[];
      const head = opened[1]!.rows[0].position as number;
      let position = head;
      // A refused append writes nothing: every check comes before its insert.
      for (const { stream, serialised, expected } of batch) {
        try {
          const result = await this.#appendInTransaction(query, stream, serialised, expected, position);
          position = Math.max(position, result.position);
          outcomes.push({ result });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          outcomes.push({ error });
        }
      }
      // `position` is a number this process computed: safe to write into the statement.
      await client.query(position > head ? `UPDATE log_head SET position = ${position}; NOTIFY ${CHANNEL}, '${position}'; COMMIT` : 'COMMIT');
    } catch (err) {
      await client?.query('ROLLBACK').catch(() => {});
      for (const append of batch) append.reject(unavailable(`append to ${append.stream} failed`, err));
      return;
    } finally {
      client?.release();
    }
    batch.forEach((append, i) => {
      const outcome = outcomes[i]!;
      if ('result' in outcome) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    if (outcomes.some((outcome) => 'result' in outcome)) {
      for (const listener of this.#listeners) listener();
      this.#wake();
    }
  }

  async #appendInTransaction(query: Query, stream: string, serialised: SerialisedEvent[], expected: ExpectedRevision, after: number): Promise<AppendResult> {
    const ids = serialised.map((e) => e.id);
    // The events already stored under these ids, and the stream's head, in one round trip.
    const [looked] = (
      await query(
        `SELECT (SELECT coalesce(json_agg(json_build_object('id', id, 'stream', stream, 'revision', revision, 'position', position)), '[]') FROM events WHERE id = ANY($1)) AS found,
                (SELECT json_build_object('revision', revision, 'hash', hash) FROM events WHERE stream = $2 ORDER BY revision DESC LIMIT 1) AS head`,
        [ids, stream],
      )
    ).rows as [{ found: { id: string; stream: string; revision: number; position: number }[]; head: { revision: number; hash: string } | null }];
    const byId = new Map(looked.found.map((row) => [row.id, row]));
    const head = looked.head ?? undefined;
    const current = head?.revision ?? -1;
    const first = byId.get(ids[0]!);
    if (first) {
      // Events whose ids are already at consecutive places of this stream: a retry, answered without writing.
      const rows = ids.map((id) => byId.get(id));
      if (!rows.every((row, i) => row && row.stream === stream && row.revision === first.revision + i)) throw new ConcurrencyError(stream, `events ${ids[0]}… to be new`, current);
      const last = rows[rows.length - 1]!;
      return { nextRevision: last.revision, position: last.position };
    }
    assertExpected(stream, expected, current);
    const chained = chainEvents(stream, serialised, current, head?.hash ?? GENESIS_HASH);
    const positions = chained.map((_, i) => after + 1 + i);
    await query(
      `INSERT INTO events (position, id, stream, revision, type, data, metadata, hash)
       SELECT p, i, $3, r, t, d, m, h FROM unnest($1::bigint[], $2::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(p, i, r, t, d, m, h)`,
      [positions, chained.map((e) => e.id), stream, chained.map((e) => e.revision), chained.map((e) => e.type), chained.map((e) => e.dataJson), chained.map((e) => e.metadataJson), chained.map((e) => e.hash)],
    );
    return { nextRevision: current + serialised.length, position: positions[positions.length - 1]! };
  }

  #recorded(rows: StoredColumns[], raw: boolean | undefined): RecordedEvent[] {
    return rows.map((row) => toRecorded(row, this.#schemas, raw));
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? 2 ** 31 - 1 : 0);
    const result = await this.#query(
      `read ${stream}`,
      `SELECT ${COLUMNS} FROM events WHERE stream = $1 AND revision ${backwards ? '<=' : '>='} $2 ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [stream, from, options.maxCount ?? null],
    );
    return this.#recorded(result.rows as StoredColumns[], options.raw);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { sql, params } = selectAll(options);
    return this.#recorded((await this.#query('read the log', sql, params)).rows as StoredColumns[], options.raw);
  }

  rawLog(options: { after?: number; stream?: string } = {}): AsyncGenerator<RawEvent> {
    return rawLogPages((sql, params) => this.#query('read the log', sql, params), options);
  }

  /**
   * Catch-up, then live: pages of the log after the checkpoint; once at the head, waits for a
   * notification (from any process), an append through this instance, or the poll interval.
   */
  async *subscribe(options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    let after = options.after ?? 0;
    const signal = options.signal;
    const filtered = Boolean(options.filter?.streamPrefix || options.filter?.types?.length);
    await this.#listen();
    while (!signal?.aborted) {
      const { rows, head } = await this.#pageAndHead(after, options.filter);
      for (const event of rows) {
        if (signal?.aborted) return;
        after = event.position;
        yield event;
      }
      if (rows.length === SUBSCRIBE_PAGE) continue;
      // A filtered page short of full holds every match up to the head it was read at.
      if (filtered) after = Math.max(after, head);
      await this.#nextAppend(signal, after);
    }
  }

  /** A page and the head it was read at, from one snapshot. */
  async #pageAndHead(after: number, filter: EventFilter | undefined): Promise<{ rows: RecordedEvent[]; head: number }> {
    const { sql, params } = selectAll({ after, maxCount: SUBSCRIBE_PAGE, ...(filter ? { filter } : {}) });
    let client: pg.PoolClient | null = null;
    try {
      await this.#ready;
      client = await this.#pool.connect();
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const rows = (await client.query(sql, params)).rows as StoredColumns[];
      const head = (await client.query('SELECT position FROM log_head')).rows[0].position as number;
      await client.query('COMMIT');
      return { rows: this.#recorded(rows, false), head };
    } catch (err) {
      await client?.query('ROLLBACK').catch(() => {});
      throw unavailable('read the log', err);
    } finally {
      client?.release();
    }
  }

  /**
   * One connection per store listens for other processes' appends. When it breaks (the
   * database restarting), it is opened again a second later, and meanwhile the poll interval
   * still wakes readers.
   */
  #listen(): Promise<pg.Client | null> {
    if (this.#closed) return Promise.resolve(null);
    const again = () => {
      this.#listener = null;
      if (!this.#closed && this.#listeners.size + this.#waiters.size > 0) setTimeout(() => void this.#listen(), LISTEN_RETRY_MS).unref();
    };
    this.#listener ??= (async () => {
      await this.#ready;
      const client = new pg.Client({ connectionString: (this.#pool.options as { connectionString: string }).connectionString, types });
      client.on('notification', () => {
        this.#wake();
        for (const listener of this.#listeners) listener();
      });
      client.on('error', () => {});
      client.on('end', again);
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Appends made while no one listened: readers look again.
      this.#wake();
      for (const listener of this.#listeners) listener();
      return client;
    })();
    return this.#listener.catch(() => {
      again();
      return null;
    });
  }

  #wake(): void {
    for (const waiter of this.#waiters) waiter();
  }

  async #nextAppend(signal: AbortSignal | undefined, after: number): Promise<void> {
    // Between the page and this wait another process may have appended: look at the head first.
    if ((await this.headPosition()) > after) return;
    await nextWake(this.#waiters, this.#pollMs, signal);
  }

  async listStreams(prefix: string, options: { after?: string; limit?: number } = {}): Promise<string[]> {
    const result = await this.#query(
      'list streams',
      'SELECT stream FROM events WHERE stream > $1 AND stream >= $2 AND stream < $3 AND revision = 0 ORDER BY stream LIMIT $4',
      [options.after ?? '', prefix, `${prefix}\uffff`, options.limit ?? 1000],
    );
    return result.rows.map((row: { stream: string }) => row.stream);
  }

  async headPosition(): Promise<number> {
    return (await this.#query('read the log head', 'SELECT position FROM log_head')).rows[0].position as number;
  }

  /** Also called for appends other processes make: the log is shared, and its readers wake on either. */
  onAppend(listener: () => void): () => void {
    this.#listeners.add(listener);
    void this.#listen();
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#committing;
    this.#listeners.clear();
    this.#wake();
    const listener = await this.#listener?.catch(() => null);
    await listener?.end().catch(() => {});
    await this.#pool.end();
  }
}
