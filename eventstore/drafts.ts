import type { SideDb } from './side-db.js';

/**
 * Work in progress on a task, kept for its holder between sessions and devices. A draft is
 * not a business fact: it is not an event, records no checks and changes no status, and is
 * removed once a submission is accepted. It lives beside the log (side-db.ts) all the same,
 * so that it survives restarts, is shared by replicas and is in every backup.
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

export const DRAFTS_SCHEMA = [
  'CREATE TABLE IF NOT EXISTS drafts (task_id TEXT NOT NULL, holder TEXT NOT NULL, data TEXT NOT NULL, saved_at TEXT NOT NULL, stored_at TEXT NOT NULL, PRIMARY KEY (task_id, holder))',
];

interface Row {
  task_id: string;
  holder: string;
  data: string;
  saved_at: string;
  stored_at: string;
}

const toDraft = (row: Row): Draft => ({ taskId: row.task_id, holder: row.holder, data: JSON.parse(row.data) as Record<string, unknown>, savedAt: row.saved_at, storedAt: row.stored_at });

export class DraftStore {
  readonly #db: SideDb;

  constructor(db: SideDb) {
    this.#db = db;
  }

  async get(taskId: string, holder: string): Promise<Draft | null> {
    const [row] = await this.#db.all<Row>('SELECT * FROM drafts WHERE task_id = ? AND holder = ?', [taskId, holder]);
    return row ? toDraft(row) : null;
  }

  /** Stores the draft unless one saved later is there; answers the draft kept. */
  async put(draft: Omit<Draft, 'storedAt'>): Promise<Draft> {
    await this.#db.run(
      `INSERT INTO drafts (task_id, holder, data, saved_at, stored_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (task_id, holder) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at, stored_at = excluded.stored_at WHERE excluded.saved_at > drafts.saved_at`,
      [draft.taskId, draft.holder, JSON.stringify(draft.data), new Date(draft.savedAt).toISOString(), new Date().toISOString()],
    );
    return (await this.get(draft.taskId, draft.holder))!;
  }

  async remove(taskId: string, holder: string): Promise<void> {
    await this.#db.run('DELETE FROM drafts WHERE task_id = ? AND holder = ?', [taskId, holder]);
  }
}
