import type Database from 'better-sqlite3';
import { TASK_STATUSES, type TaskStatus } from '../../domain/task/events.js';
import { scopeClause, type Scope } from '../scope.js';
import { TASK_COLUMNS, toTaskItem, type TaskListItem } from './model.js';

export type StatusCounts = Record<TaskStatus, number>;

export function emptyCounts(): StatusCounts {
  return { assigned: 0, checks_failed: 0, in_review: 0, rejected: 0, approved: 0, non_response: 0, cancelled: 0 };
}

export interface Tally {
  readonly counts: StatusCounts;
  readonly overdue: number;
  readonly total: number;
}

/** Progress rows (`overdue` is a row of its own, not a status) as counts, overdue and total. */
function tally(rows: readonly { status: string; n: number }[]): Tally {
  const counts = emptyCounts();
  let overdue = 0;
  for (const row of rows) {
    if (row.status === 'overdue') overdue = row.n;
    else if (row.status in counts) counts[row.status as TaskStatus] = row.n;
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { counts, overdue, total };
}

/** Counts by status and the overdue count of a cycle, inside the caller's scope. */
export function cycleCounts(db: Database.Database, cycleId: string, scope: Scope): Tally {
  const where = scopeClause(scope);
  const rows = db
    .prepare<unknown[], { status: string; n: number }>(`SELECT status, sum(n) AS n FROM progress WHERE cycle_id = ? AND ${where.sql} GROUP BY status`)
    .all(cycleId, ...where.params);
  return tally(rows);
}

/** The same per province or per commune, in code order; `province` keeps one province's areas. */
export function progressByArea(
  db: Database.Database,
  cycleId: string,
  level: 'province' | 'commune',
  scope: Scope,
  province?: string,
): (Tally & { areaCode: string })[] {
  const column = level === 'province' ? 'province_code' : 'commune_code';
  const where = scopeClause(scope);
  const clauses = ['cycle_id = ?', `${column} IS NOT NULL`, where.sql];
  const params: unknown[] = [cycleId, ...where.params];
  if (province !== undefined) {
    clauses.push('province_code = ?');
    params.push(province);
  }
  // One row per area, statuses side by side: a census has 3,321 communes, five times as many progress rows.
  const columns = PROGRESS_COLUMNS.map((status) => `total(CASE status WHEN '${status}' THEN n END)`).join(', ');
  const rows = db
    .prepare<unknown[], [string, ...number[]]>(`SELECT ${column}, ${columns} FROM progress WHERE ${clauses.join(' AND ')} GROUP BY ${column} ORDER BY ${column}`)
    .raw(true)
    .all(...params);
  return rows.map(([areaCode, ...n]) => ({ areaCode, ...tally(PROGRESS_COLUMNS.map((status, i) => ({ status, n: n[i]! }))) }));
}

/** The statuses counted in `progress`, and its `overdue` row. */
const PROGRESS_COLUMNS = [...TASK_STATUSES, 'overdue'] as const;

export interface TaskFilter {
  readonly status?: TaskStatus;
  readonly areaCode?: string;
  readonly enumerator?: string;
  readonly overdue?: boolean;
  /** Only tasks with a late submission no one has accepted yet (projections/late/model.ts). */
  readonly lateWaiting?: boolean;
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
  if (filter.lateWaiting) clauses.push('EXISTS (SELECT 1 FROM late_submissions WHERE late_submissions.task_id = tasks.id AND accepted_at IS NULL)');
  params.push(limit);
  return db
    .prepare<unknown[], Parameters<typeof toTaskItem>[0]>(`SELECT ${TASK_COLUMNS} FROM tasks WHERE ${clauses.join(' AND ')} ORDER BY id LIMIT ?`)
    .all(...params)
    .map(toTaskItem);
}

/** How many of a cycle's tasks have reached a final status (approved, non-response, cancelled). */
export function finalTaskCount(db: Database.Database, cycleId: string): number {
  const row = db
    .prepare<[string], { n: number | null }>("SELECT sum(n) AS n FROM progress WHERE cycle_id = ? AND status IN ('approved','non_response','cancelled')")
    .get(cycleId);
  return row?.n ?? 0;
}

/** Counts by status and the overdue count over every cycle, for the metrics. */
export function taskTotals(db: Database.Database): Tally {
  return tally(db.prepare<[], { status: string; n: number }>('SELECT status, sum(n) AS n FROM progress GROUP BY status').all());
}

export interface ResponseRow {
  readonly id: string;
  readonly unit_id: string;
  readonly area_code: string;
  readonly commune_code: string | null;
  readonly province_code: string | null;
  readonly enumerator: string;
  readonly status: TaskStatus;
  /** The latest response as JSON, or null before the first submission. */
  readonly response: string | null;
  /** The questionnaire version the task is answered against (1 for tasks from before versions). */
  readonly version: number | null;
}

/**
 * One page of a cycle's tasks with their latest responses, in id order, inside the scope.
 * Pages rather than one long cursor: the projector writes on the same connection meanwhile.
 */
/** Every row `responsePage` gives, page after page, each page read when the one before is used up. */
export function* responseRows(db: Database.Database, cycleId: string, statuses: readonly TaskStatus[], scope: Scope, pageSize = 1000): Generator<ResponseRow> {
  for (let after = ''; ; ) {
    const rows = responsePage(db, cycleId, statuses, scope, after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

export function responsePage(db: Database.Database, cycleId: string, statuses: readonly TaskStatus[], scope: Scope, after: string, limit: number): ResponseRow[] {
  const where = scopeClause(scope);
  const byStatus = statuses.length > 0 ? `AND status IN (${statuses.map(() => '?').join(',')})` : '';
  return db
    .prepare<unknown[], ResponseRow>(
      `SELECT id, unit_id, area_code, commune_code, province_code, enumerator, status, json_extract(state, '$.response') AS response,
              json_extract(state, '$.version') AS version
       FROM tasks WHERE cycle_id = ? AND id > ? ${byStatus} AND ${where.sql} ORDER BY id LIMIT ?`,
    )
    .all(cycleId, after, ...statuses, ...where.params, limit);
}
