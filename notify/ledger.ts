import type { SideDb } from '../eventstore/side-db.js';

/**
 * Each person's copy of each notice from the moment the mail server may have it, beside the log
 * (eventstore/side-db.ts) so that every worker sees it. A copy is written `committed` just before
 * the final `.` of its SMTP transaction asks the server to keep it, and `accepted` when the
 * server says it has. The task's stream records a notice as sent only after its activity
 * returns; a worker that dies in between leaves the ledger to tell the next attempt what not to
 * send again.
 */
export const SENT_LEDGER_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS notifications_sent (
    message_id TEXT PRIMARY KEY, task_id TEXT NOT NULL, notice_key TEXT NOT NULL, username TEXT NOT NULL,
    state TEXT NOT NULL, committed_at TEXT NOT NULL, accepted_at TEXT)`,
];

export interface Copy {
  readonly messageId: string;
  readonly taskId: string;
  readonly key: string;
  readonly username: string;
}

/** `committed`: the server may have it (no answer came); `accepted`: it said it has. */
export type CopyState = 'committed' | 'accepted';

export class SentLedger {
  constructor(private readonly db: SideDb) {}

  /** What the ledger knows of these Message-IDs. */
  async states(messageIds: readonly string[]): Promise<Map<string, CopyState>> {
    if (messageIds.length === 0) return new Map();
    const rows = await this.db.all<{ message_id: string; state: CopyState }>(
      `SELECT message_id, state FROM notifications_sent WHERE message_id IN (${messageIds.map(() => '?').join(', ')})`,
      messageIds,
    );
    return new Map(rows.map((row) => [row.message_id, row.state]));
  }

  async committed(copy: Copy): Promise<void> {
    await this.db.run(
      "INSERT INTO notifications_sent (message_id, task_id, notice_key, username, state, committed_at) VALUES (?, ?, ?, ?, 'committed', ?) ON CONFLICT (message_id) DO NOTHING",
      [copy.messageId, copy.taskId, copy.key, copy.username, new Date().toISOString()],
    );
  }

  async accepted(messageId: string): Promise<void> {
    await this.db.run("UPDATE notifications_sent SET state = 'accepted', accepted_at = ? WHERE message_id = ?", [new Date().toISOString(), messageId]);
  }

  /** The server answered that it does not take the copy: it may be sent again. */
  async refused(messageId: string): Promise<void> {
    await this.db.run("DELETE FROM notifications_sent WHERE message_id = ? AND state = 'committed'", [messageId]);
  }
}
