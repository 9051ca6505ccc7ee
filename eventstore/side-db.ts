import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * What lives beside the log without being history: drafts (drafts.ts) and device sessions
 * (sessions.ts). It changes in place, so it is no event; it must still survive restarts, be
 * shared by replicas and go into every backup. So it is kept where the log is: a SQLite file
 * beside the embedded log, or tables in the PostgreSQL log's database.
 *
 * Statements are written once for both, with `?` placeholders, text for times (ISO 8601 in
 * UTC, which compare as text) and `ON CONFLICT` upserts, which both databases understand.
 */
/** The SQLite file beside the embedded log. */
export const SIDE_DB_FILE = 'side.db';

export interface SideDb {
  /** Runs a statement; the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

class SqliteSideDb implements SideDb {
  readonly #db: Database.Database;

  constructor(file: string, schema: readonly string[]) {
    this.#db = new Database(file, { timeout: 10_000 });
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    for (const statement of schema) this.#db.exec(statement);
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.#db.prepare(sql).run(...params).changes;
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.#db.prepare(sql).all(...params) as T[];
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

class PostgresSideDb implements SideDb {
  readonly #pool: pg.Pool;
  readonly #ready: Promise<void>;

  constructor(connectionString: string, schema: readonly string[]) {
    const pool = new pg.Pool({ connectionString, max: 4 });
    // An idle connection that breaks is replaced on next use; the error must not end the process.
    pool.on('error', () => {});
    this.#pool = pool;
    this.#ready = (async () => {
      for (const statement of schema) {
        // Two replicas starting at once both create: the loser's error is the winner's table.
        await pool.query(statement).catch((err: { code?: string }) => {
          if (err.code !== '23505' && err.code !== '42P07') throw err;
        });
      }
    })();
    this.#ready.catch(() => {});
  }

  async #query(sql: string, params: readonly unknown[]): Promise<pg.QueryResult> {
    await this.#ready;
    let n = 0;
    return this.#pool.query(
      sql.replace(/\?/g, () => `$${++n}`),
      [...params],
    );
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.#query(sql, params)).rowCount ?? 0;
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.#query(sql, params)).rows as T[];
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/** The side tables (created from `schema` when missing) for the log at `eventStoreUrl`: in its PostgreSQL database, or in `sqliteFile` beside any other. */
export function openSideDb(eventStoreUrl: string, sqliteFile: string, schema: readonly string[]): SideDb {
  return /^postgres(ql)?:/.test(eventStoreUrl) ? new PostgresSideDb(eventStoreUrl, schema) : new SqliteSideDb(sqliteFile, schema);
}
