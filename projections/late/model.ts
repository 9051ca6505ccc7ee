import type Database from 'better-sqlite3';
import type { LateSubmissionAccepted } from '../../domain/task/events.js';
import type { LateSubmissionReceived } from '../../domain/task/late.js';
import { prepared, type ReadModel } from '../model.js';

/**
 * Late submissions per task (domain/task/late.ts): received on the task's `late-` stream,
 * accepted on its `task-` stream. The task's page shows them to its supervisor.
 */
export const lateSubmissionsModel: ReadModel = {
  name: 'late_submissions',
  schema: `CREATE TABLE IF NOT EXISTS late_submissions (
    task_id TEXT NOT NULL, late_id TEXT NOT NULL, by_user TEXT NOT NULL, submitted_at TEXT NOT NULL, received_at TEXT NOT NULL,
    refused_with TEXT, data TEXT NOT NULL, explanations TEXT NOT NULL, accepted_by TEXT, accepted_at TEXT,
    PRIMARY KEY (task_id, late_id));`,
  apply(db, event, changes) {
    if (event.type === 'LateSubmissionReceived' && event.stream.startsWith('late-')) {
      const late = event.data as LateSubmissionReceived['data'];
      prepared(
        db,
        `INSERT OR IGNORE INTO late_submissions (task_id, late_id, by_user, submitted_at, received_at, refused_with, data, explanations)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(late.taskId, late.lateId, late.by, late.submittedAt, event.metadata.at, late.refusedWith, JSON.stringify(late.data), JSON.stringify(late.explanations));
      changes.tasks.add(late.taskId);
      return;
    }
    if (event.type === 'LateSubmissionAccepted' && event.stream.startsWith('task-')) {
      const taskId = event.stream.slice('task-'.length);
      const accepted = event.data as LateSubmissionAccepted['data'];
      prepared(db, 'UPDATE late_submissions SET accepted_by = ?, accepted_at = ? WHERE task_id = ? AND late_id = ?').run(accepted.by, event.metadata.at, taskId, accepted.lateId);
      changes.tasks.add(taskId);
    }
  },
};

export interface LateSubmission {
  readonly id: string;
  readonly taskId: string;
  readonly by: string;
  readonly submittedAt: string;
  readonly receivedAt: string;
  readonly refusedWith: string | null;
  readonly data: Record<string, unknown>;
  readonly explanations: Record<string, string>;
  readonly status: 'received' | 'accepted';
  readonly acceptedBy: string | null;
  readonly acceptedAt: string | null;
}

type Row = {
  task_id: string; late_id: string; by_user: string; submitted_at: string; received_at: string; refused_with: string | null;
  data: string; explanations: string; accepted_by: string | null; accepted_at: string | null;
};

const toLate = (r: Row): LateSubmission => ({
  id: r.late_id,
  taskId: r.task_id,
  by: r.by_user,
  submittedAt: r.submitted_at,
  receivedAt: r.received_at,
  refusedWith: r.refused_with,
  data: JSON.parse(r.data) as Record<string, unknown>,
  explanations: JSON.parse(r.explanations) as Record<string, string>,
  status: r.accepted_at === null ? 'received' : 'accepted',
  acceptedBy: r.accepted_by,
  acceptedAt: r.accepted_at,
});

/** A task's late submissions, oldest first; only those sent by `by` when given. */
export function lateSubmissionsOf(db: Database.Database, taskId: string, by?: string): LateSubmission[] {
  const rows = prepared<[string], Row>(db, 'SELECT * FROM late_submissions WHERE task_id = ? ORDER BY received_at, late_id').all(taskId);
  return rows.filter((r) => by === undefined || r.by_user === by).map(toLate);
}

export function findLateSubmission(db: Database.Database, taskId: string, lateId: string): LateSubmission | undefined {
  const row = prepared<[string, string], Row>(db, 'SELECT * FROM late_submissions WHERE task_id = ? AND late_id = ?').get(taskId, lateId);
  return row && toLate(row);
}
