import type Database from 'better-sqlite3';
import { isFinal, type TaskStatus } from '../../domain/task/events.js';
import { scopeClause, type Scope } from '../scope.js';
import { emptyCounts, type Tally } from './queries.js';

/**
 * Counts by status and the overdue count of one enumerator's tasks in a cycle, inside the
 * caller's scope. Read from `tasks` rather than `progress`, which holds no enumerator:
 * one enumerator's tasks are few, and `tasks_enumerator` finds them.
 */
export function enumeratorCounts(db: Database.Database, cycleId: string, enumerator: string, scope: Scope): Tally {
  const where = scopeClause(scope);
  const rows = db
    .prepare<unknown[], { status: TaskStatus; n: number; late: number }>(
      `SELECT status, count(*) AS n, sum(overdue) AS late FROM tasks WHERE enumerator = ? AND cycle_id = ? AND ${where.sql} GROUP BY status`,
    )
    .all(enumerator, cycleId, ...where.params);
  const counts = emptyCounts();
  let overdue = 0;
  for (const row of rows) {
    counts[row.status] = row.n;
    // A final task is never overdue, whatever its flag says.
    if (!isFinal(row.status)) overdue += row.late;
  }
  return { counts, overdue, total: rows.reduce((sum, row) => sum + row.n, 0) };
}
