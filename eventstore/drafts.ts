import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Work in progress on a task, kept for its holder between sessions and devices. A draft is
 * not a business fact: it is not an event, records no checks and changes no status, and is
 * removed once a submission is accepted. It lives beside the log all the same, so that it
 * survives restarts, is shared by replicas and is in every backup: a SQLite file beside the
 * embedded log (`drafts.db`), or a table in the PostgreSQL log's database.
 *
 * One draft per task and holder; of two saves, the one with the later `savedAt` (the
 * device's clock when the user typed) wins, so a device that comes back online late does
 * not overwrite what was typed since on another.
 */
export interface Draft {
  readonly taskId: string;
  readonly holder: string;
  readonly data: Record<string, unknown>;
  /** When the device saved it (ISO 8601, UTC). */
  readonly savedAt: string;
  /** When the server stored it. */
  readonly storedAt: string;
}

export interface DraftStore {
  get(taskId: string, holder: string): Promise<Draft | null>;
  /** Stores the draft unless one saved later is there; answers the draft kept. */
  put(draft: Omit<Draft, 'storedAt'>): Promise<Draft>;
  remove(taskId: string, holder: string): Promise<void>;
  close(): Promise<void>;
}

interface Row {
  task_id: string;
  holder: string;
  data: string;
  saved_at: string | Date;
  stored_at: string | Date;
}

const iso = (value: string | Date) => (value instanceof Date ? value : new Date(value)).toISOString();
const toDraft = (row: Row): Draft => ({ taskId: row.task_id, holder: row.holder, data: JSON.parse(row.data) as Record<string, unknown>, savedAt: iso(row.saved_at), storedAt: iso(row.stored_at) });

export class SqliteDraftStore implements DraftStore {
  readonly #db: Database.Database;

  constructor(file: string) {
    this.#db = new Database(file, { timeout: 10_000 });
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    // Times as ISO 8601 in UTC with milliseconds compare as text.
    this.#db.exec('CREATE TABLE IF NOT EXISTS drafts (task_id TEXT NOT NULL, holder TEXT NOT NULL, data TEXT NOT NULL, saved_at TEXT NOT NULL, stored_at TEXT NOT NULL, PRIMARY KEY (task_id, holder))');
  }

  async get(taskId: string, holder: string): Promise<Draft | null> {
    const row = this.#db.prepare('SELECT * FROM drafts WHERE task_id = ? AND holder = ?').get(taskId, holder) as Row | undefined;
    return row ? toDraft(row) : null;
  }

  async put(draft: Omit<Draft, 'storedAt'>): Promise<Draft> {
    this.#db
      .prepare(
        `INSERT INTO drafts (task_id, holder, data, saved_at, stored_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (task_id, holder) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at, stored_at = excluded.stored_at WHERE excluded.saved_at > drafts.saved_at`,
      )
      .run(draft.taskId, draft.holder, JSON.stringify(draft.data), iso(draft.savedAt), new Date().toISOString());
    return (await this.get(draft.taskId, draft.holder))!;
  }

  async remove(taskId: string, holder: string): Promise<void> {
    this.#db.prepare('DELETE FROM drafts WHERE task_id = ? AND holder = ?').run(taskId, holder);
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

export class PostgresDraftStore implements DraftStore {
  readonly #pool: pg.Pool;
  readonly #ready: Promise<unknown>;

  constructor(connectionString: string) {
    this.#pool = new pg.Pool({ connectionString, max: 4 });
    this.#pool.on('error', () => {});
    this.#ready = this.#pool.query(
      'CREATE TABLE IF NOT EXISTS drafts (task_id TEXT NOT NULL, holder TEXT NOT NULL, data TEXT NOT NULL, saved_at TIMESTAMPTZ NOT NULL, stored_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (task_id, holder))',
    ).catch((err: { code?: string }) => {
      // Two replicas starting at once both create: the loser's error is the winner's table.
      if (err.code !== '23505' && err.code !== '42P07') throw err;
    });
    this.#ready.catch(() => {});
  }

  async #query(sql: string, params: unknown[]): Promise<pg.QueryResult> {
    await this.#ready;
    return this.#pool.query(sql, params);
  }

  async get(taskId: string, holder: string): Promise<Draft | null> {
    const { rows } = await this.#query('SELECT * FROM drafts WHERE task_id = $1 AND holder = $2', [taskId, holder]);
    return rows[0] ? toDraft(rows[0] as Row) : null;
  }

  async put(draft: Omit<Draft, 'storedAt'>): Promise<Draft> {
    await this.#query(
      `INSERT INTO drafts (task_id, holder, data, saved_at, stored_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (task_id, holder) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at, stored_at = excluded.stored_at WHERE excluded.saved_at > drafts.saved_at`,
      [draft.taskId, draft.holder, JSON.stringify(draft.data), iso(draft.savedAt)],
    );
    return (await this.get(draft.taskId, draft.holder))!;
  }

  async remove(taskId: string, holder: string): Promise<void> {
    await this.#query('DELETE FROM drafts WHERE task_id = $1 AND holder = $2', [taskId, holder]);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
