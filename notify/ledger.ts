import type { SideDb } from '../eventstore/side-db.js';

/**
 * Copies the mail server accepted, written the moment it accepts each one, beside the log
 * (eventstore/side-db.ts) so that every worker sees them. A notice is recorded on the task's
 * stream only after its activity returns; a worker that dies in between leaves no
 * `NotificationSent`, and the retry would send again but for this ledger.
 */
export const SENT_LEDGER_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS notifications_sent (
    message_id TEXT PRIMARY KEY, task_id TEXT NOT NULL, notice_key TEXT NOT NULL, username TEXT NOT NULL, accepted_at TEXT NOT NULL)`,
];

export interface AcceptedCopy {
  readonly messageId: string;
  readonly taskId: string;
  readonly key: string;
  readonly username: string;
}

export class SentLedger {
  constructor(private readonly db: SideDb) {}

  /** Which of these Message-IDs the mail server already accepted. */
  async accepted(messageIds: readonly string[]): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const rows = await this.db.all<{ message_id: string }>(`SELECT message_id FROM notifications_sent WHERE message_id IN (${messageIds.map(() => '?').join(', ')})`, messageIds);
    return new Set(rows.map((row) => row.message_id));
  }

  async record(copy: AcceptedCopy): Promise<void> {
    await this.db.run(
      'INSERT INTO notifications_sent (message_id, task_id, notice_key, username, accepted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING',
      [copy.messageId, copy.taskId, copy.key, copy.username, new Date().toISOString()],
    );
  }
}
