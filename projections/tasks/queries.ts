import type Database from 'better-sqlite3';
import { TASK_STATUSES, type TaskStatus } from '../../domain/task/events.js';
import { scopeClause, type Scope } from '../scope.js';
import { toTaskItem, type TaskListItem } from './model.js';

export type StatusCounts = Record<TaskStatus, number>;

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/** Counts by status and the overdue count of a cycle, inside the caller's scope. */
export function cycleCounts(db: Database.Database, cycleId: string, scope: Scope): { counts: StatusCounts; overdue: number; total: number } {
  const where = scopeClause(scope);
  const rows = db
    .prepare<unknown[], { status: string; n: number }>(`SELECT status, sum(n) AS n FROM progress WHERE cycle_id = ? AND ${where.sql} GROUP BY status`)
    .all(cycleId, ...where.params);
  const counts = emptyCounts();
  let overdue = 0;
  for (const row of rows) {
    if (row.status === 'overdue') overdue = row.n;
    else if (row.status in counts) counts[row.status as TaskStatus] = row.n;
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { counts, overdue, total };
}

export interface TaskFilter {
  readonly status?: TaskStatus;
  readonly areaCode?: string;
  readonly enumerator?: string;
  readonly overdue?: boolean;
}

export function listTasks(db: Database.Database, cycleId: string, filter: TaskFilter, scope: Scope, after: string | null, limit: number): TaskListItem[] {
  const where = scopeClause(scope);
  const clauses = ['cycle_id = ?', 'id > ?', where.sql];
  const params: unknown[] = [cycleId, after ?? '', ...where.params];
  if (filter.status) {
    clauses.push('status = ?');
    params.push(filter.status);
  }
  if (filter.areaCode) {
    clauses.push('(area_code = ? OR commune_code = ? OR province_code = ?)');
    params.push(filter.areaCode, filter.areaCode, filter.areaCode);
  }
  if (filter.enumerator) {
    clauses.push('enumerator = ?');
    params.push(filter.enumerator);
  }
  if (filter.overdue !== undefined) {
    clauses.push(filter.overdue ? "overdue = 1 AND status NOT IN ('approved','non_response','cancelled')" : "(overdue = 0 OR status IN ('approved','non_response','cancelled'))");
  }
  params.push(limit);
  return db
    .prepare<unknown[], Parameters<typeof toTaskItem>[0]>(`SELECT * FROM tasks WHERE ${clauses.join(' AND ')} ORDER BY id LIMIT ?`)
    .all(...params)
    .map(toTaskItem);
}
