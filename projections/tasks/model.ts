import type Database from 'better-sqlite3';
import type { Geography } from '../../domain/geography/geography.js';
import type { ReviewLevel } from '../../domain/survey/definition.js';
import { isFinal, type TaskEvent, type TaskStatus } from '../../domain/task/events.js';
import { evolveTask, initialTaskState, type TaskState } from '../../domain/task/state.js';
import { prepared, type ReadModel } from '../model.js';

/**
 * Tasks, with the same `evolve` the workflows use, and `progress`: counts per cycle,
 * commune and status (plus an `overdue` row), so that dashboards never scan tasks.
 *
 * A batch is gathered in memory and written by `flush`: a task's ten events in one batch
 * cost one row write, and the counts one upsert per area and status, not one per event.
 */
export function tasksModel(geography: Geography): ReadModel {
  /** Tasks changed in this batch: their state before the batch (null if new) and now. */
  const pending = new Map<string, { readonly before: TaskState | null; after: TaskState; at: string }>();
  const counted = (state: TaskState | null): string[] => {
    if (state === null) return [];
    return state.overdue && !isFinal(state.status) ? [state.status, 'overdue'] : [state.status];
  };

  return {
    name: 'tasks',
    schema: `CREATE TABLE IF NOT EXISTS tasks (
      id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL, unit_id TEXT NOT NULL, area_code TEXT NOT NULL,
      commune_code TEXT, province_code TEXT, enumerator TEXT NOT NULL, status TEXT NOT NULL, review_level TEXT,
      due_at TEXT NOT NULL, overdue INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL, state TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS tasks_cycle ON tasks (cycle_id, id);
      CREATE INDEX IF NOT EXISTS tasks_cycle_status ON tasks (cycle_id, status, id);
      CREATE INDEX IF NOT EXISTS tasks_enumerator ON tasks (enumerator, cycle_id);
      CREATE INDEX IF NOT EXISTS tasks_unit ON tasks (unit_id, cycle_id);
      CREATE TABLE IF NOT EXISTS progress (
        cycle_id TEXT NOT NULL, province_code TEXT, commune_code TEXT, area_code TEXT NOT NULL, status TEXT NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (cycle_id, area_code, status));
      -- Covering indexes: a dashboard's progress by province or commune never reads the table.
      CREATE INDEX IF NOT EXISTS progress_by_province ON progress (cycle_id, province_code, status, n);
      CREATE INDEX IF NOT EXISTS progress_by_commune ON progress (cycle_id, commune_code, status, n);`,
    apply(db, event, changes) {
      if (!event.stream.startsWith('task-')) return;
      const id = event.stream.slice('task-'.length);
      let entry = pending.get(id);
      if (!entry) {
        const row = prepared<[string], { state: string }>(db, 'SELECT state FROM tasks WHERE id = ?').get(id);
        const before = row ? (JSON.parse(row.state) as TaskState) : null;
        entry = { before, after: before ?? initialTaskState, at: event.metadata.at };
        pending.set(id, entry);
      }
      entry.after = evolveTask(entry.after, { type: event.type, data: event.data } as TaskEvent, event.metadata.at);
      entry.at = event.metadata.at;
      changes.cycles.add(entry.after.cycleId);
      changes.tasks.add(id);
    },
    flush(db) {
      const upsert = prepared(
        db,
        `INSERT OR REPLACE INTO tasks (id, cycle_id, unit_id, area_code, commune_code, province_code, enumerator, status, review_level, due_at, overdue, updated_at, state)
         VALUES (@id, @cycleId, @unitId, @areaCode, @commune, @province, @enumerator, @status, @reviewLevel, @dueAt, @overdue, @at, @state)`,
      );
      // Count changes per cycle, area and status, netted over the batch.
      const deltas = new Map<string, { cycleId: string; areaCode: string; status: string; commune: string | null; province: string | null; n: number }>();
      const bump = (state: TaskState, status: string, n: number) => {
        const key = `${state.cycleId}\u0000${state.areaCode}\u0000${status}`;
        const delta = deltas.get(key) ?? { cycleId: state.cycleId, areaCode: state.areaCode, status, ...geography.placeOf(state.areaCode), n: 0 };
        delta.n += n;
        deltas.set(key, delta);
      };
      for (const [id, { before, after, at }] of pending) {
        const { commune, province } = geography.placeOf(after.areaCode);
        upsert.run({
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
          at,
          state: JSON.stringify(after),
        });
        if (before) for (const status of counted(before)) bump(before, status, -1);
        for (const status of counted(after)) bump(after, status, 1);
      }
      const add = prepared(
        db,
        `INSERT INTO progress (cycle_id, province_code, commune_code, area_code, status, n) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (cycle_id, area_code, status) DO UPDATE SET n = n + excluded.n`,
      );
      // A count back at zero is no row at all, so that batches of any size leave the same table.
      const drop = prepared(db, 'DELETE FROM progress WHERE cycle_id = ? AND area_code = ? AND status = ? AND n = 0');
      for (const d of deltas.values()) {
        if (d.n === 0) continue;
        add.run(d.cycleId, d.province, d.commune, d.areaCode, d.status, d.n);
        if (d.n < 0) drop.run(d.cycleId, d.areaCode, d.status);
      }
      pending.clear();
    },
    discard() {
      pending.clear();
    },
  };
}

export interface TaskListItem {
  readonly id: string;
  readonly unitId: string;
  /** The unit's name and address in the frame as it stands now; null for a unit the frame does not hold. */
  readonly unitName: string | null;
  readonly unitAddress: string | null;
  readonly areaCode: string;
  readonly enumerator: string;
  /** The enumerator's full name, when their account has one. */
  readonly enumeratorName: string | null;
  readonly status: TaskStatus;
  readonly reviewLevel: ReviewLevel | null;
  readonly dueAt: string;
  readonly overdue: boolean;
}

type Row = {
  id: string; unit_id: string; area_code: string; enumerator: string; status: TaskStatus; review_level: ReviewLevel | null;
  due_at: string; overdue: number; state: string; cycle_id: string; province_code: string | null; commune_code: string | null;
  unit_name: string | null; unit_address: string | null; enumerator_name: string | null;
};

/**
 * A task row's columns with its unit's name and address, read from the frame when asked, and
 * its enumerator's full name: primary-key look-ups per row of a page, and a renamed unit or
 * person shows at once.
 */
export const TASK_COLUMNS = `tasks.*,
  (SELECT name FROM frame_units WHERE frame_units.id = tasks.unit_id) AS unit_name,
  (SELECT address FROM frame_units WHERE frame_units.id = tasks.unit_id) AS unit_address,
  (SELECT full_name FROM user_names WHERE user_names.id = tasks.enumerator) AS enumerator_name`;

export const toTaskItem = (r: Row): TaskListItem => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitAddress: r.unit_address,
  areaCode: r.area_code,
  enumerator: r.enumerator,
  enumeratorName: r.enumerator_name,
  status: r.status,
  reviewLevel: r.review_level,
  dueAt: r.due_at,
  overdue: r.overdue === 1 && !isFinal(r.status),
});

export function findTask(db: Database.Database, id: string): (TaskListItem & { state: TaskState; cycleId: string; provinceCode: string | null; communeCode: string | null }) | undefined {
  const row = prepared<[string], Row>(db, `SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ?`).get(id);
  return row && { ...toTaskItem(row), cycleId: row.cycle_id, provinceCode: row.province_code, communeCode: row.commune_code, state: JSON.parse(row.state) as TaskState };
}
