import type Database from 'better-sqlite3';
import type { Geography } from '../../domain/geography/geography.js';
import { isFinal, type TaskEvent, type TaskStatus } from '../../domain/task/events.js';
import { evolveTask, initialTaskState, type TaskState } from '../../domain/task/state.js';
import { prepared, type ReadModel } from '../model.js';

/**
 * Tasks, with the same `evolve` the workflows use, and `progress`: counts per cycle,
 * commune and status (plus an `overdue` row), so that dashboards never scan tasks.
 */
export function tasksModel(geography: Geography): ReadModel {
  return {
    name: 'tasks',
    schema: `CREATE TABLE IF NOT EXISTS tasks (
      id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL, unit_id TEXT NOT NULL, area_code TEXT NOT NULL,
      commune_code TEXT, province_code TEXT, enumerator TEXT NOT NULL, status TEXT NOT NULL, review_level TEXT,
      due_at TEXT NOT NULL, overdue INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL, state TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS tasks_cycle ON tasks (cycle_id, id);
      CREATE INDEX IF NOT EXISTS tasks_cycle_status ON tasks (cycle_id, status, id);
      CREATE INDEX IF NOT EXISTS tasks_enumerator ON tasks (enumerator, cycle_id);
      CREATE TABLE IF NOT EXISTS progress (
        cycle_id TEXT NOT NULL, province_code TEXT, commune_code TEXT, area_code TEXT NOT NULL, status TEXT NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (cycle_id, area_code, status));`,
    apply(db, event, changes) {
      if (!event.stream.startsWith('task-')) return;
      const id = event.stream.slice('task-'.length);
      const e = { type: event.type, data: event.data } as TaskEvent;
      const row = prepared<[string], { state: string }>(db, 'SELECT state FROM tasks WHERE id = ?').get(id);
      const before: TaskState = row ? (JSON.parse(row.state) as TaskState) : initialTaskState;
      const after = evolveTask(before, e, event.metadata.at);
      const commune = geography.ancestorAt(after.areaCode, 'commune')?.code ?? null;
      const province = geography.ancestorAt(after.areaCode, 'province')?.code ?? null;
      prepared(db,
        `INSERT OR REPLACE INTO tasks (id, cycle_id, unit_id, area_code, commune_code, province_code, enumerator, status, review_level, due_at, overdue, updated_at, state)
         VALUES (@id, @cycleId, @unitId, @areaCode, @commune, @province, @enumerator, @status, @reviewLevel, @dueAt, @overdue, @at, @state)`,
      ).run({
        id,
        cycleId: after.cycleId,
        unitId: after.unitId,
        areaCode: after.areaCode,
        commune,
        province,
        enumerator: after.enumerator,
        status: after.status,
        reviewLevel: after.status === 'in_review' ? (after.reviewLevels[after.levelIndex] ?? null) : null,
        dueAt: after.dueAt,
        overdue: after.overdue ? 1 : 0,
        at: event.metadata.at,
        state: JSON.stringify(after),
      });
      const bump = (status: string, delta: number) =>
        prepared(db,
            `INSERT INTO progress (cycle_id, province_code, commune_code, area_code, status, n) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (cycle_id, area_code, status) DO UPDATE SET n = n + excluded.n`,
          )
          .run(after.cycleId, province, commune, after.areaCode, status, delta);
      if (!row) bump(after.status, 1);
      else if (before.status !== after.status) {
        bump(before.status, -1);
        bump(after.status, 1);
      }
      const wasOverdue = row !== undefined && before.overdue && !isFinal(before.status);
      const isOverdue = after.overdue && !isFinal(after.status);
      if (wasOverdue !== isOverdue) bump('overdue', isOverdue ? 1 : -1);
      changes.cycles.add(after.cycleId);
      changes.tasks.add(id);
    },
  };
}

export interface TaskListItem {
  readonly id: string;
  readonly unitId: string;
  readonly areaCode: string;
  readonly enumerator: string;
  readonly status: TaskStatus;
  readonly reviewLevel: string | null;
  readonly dueAt: string;
  readonly overdue: boolean;
}

type Row = {
  id: string; unit_id: string; area_code: string; enumerator: string; status: TaskStatus; review_level: string | null;
  due_at: string; overdue: number; state: string; cycle_id: string; province_code: string | null; commune_code: string | null;
};

export const toTaskItem = (r: Row): TaskListItem => ({
  id: r.id,
  unitId: r.unit_id,
  areaCode: r.area_code,
  enumerator: r.enumerator,
  status: r.status,
  reviewLevel: r.review_level,
  dueAt: r.due_at,
  overdue: r.overdue === 1 && !isFinal(r.status),
});

export function findTask(db: Database.Database, id: string): (TaskListItem & { state: TaskState; cycleId: string; provinceCode: string | null; communeCode: string | null }) | undefined {
  const row = prepared<[string], Row>(db, 'SELECT * FROM tasks WHERE id = ?').get(id);
  return row && { ...toTaskItem(row), cycleId: row.cycle_id, provinceCode: row.province_code, communeCode: row.commune_code, state: JSON.parse(row.state) as TaskState };
}
