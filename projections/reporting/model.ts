import type { Geography } from '../../domain/geography/geography.js';
import type { TaskEvent } from '../../domain/task/events.js';
import { prepared, type ReadModel } from '../model.js';

/**
 * Who has reported: per cycle and area, the units the cycle was launched for (`expected`), those
 * whose response was received (its first submission that passed its checks), received by the
 * task's due date (`on_time`), and approved. Kept as counts, so that a survey's rates over
 * twelve periods and 100,000 units read a few thousand rows, not the tasks.
 *
 * A task's due date and when its response was first received are kept per task
 * (`reporting_tasks`): a later submission, a reopening or a moved due date does not count a
 * response twice nor move it between on time and late.
 */
export function reportingModel(geography: Geography): ReadModel {
  return {
    name: 'reporting',
    schema: `CREATE TABLE IF NOT EXISTS reporting_tasks (
      id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL, area_code TEXT NOT NULL, due_at TEXT NOT NULL, received_at TEXT);
      CREATE TABLE IF NOT EXISTS reporting (
        cycle_id TEXT NOT NULL, area_code TEXT NOT NULL, province_code TEXT, commune_code TEXT,
        expected INTEGER NOT NULL DEFAULT 0, received INTEGER NOT NULL DEFAULT 0, on_time INTEGER NOT NULL DEFAULT 0, approved INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (cycle_id, area_code));
      CREATE INDEX IF NOT EXISTS reporting_by_province ON reporting (cycle_id, province_code);`,
    apply(db, event) {
      if (!event.stream.startsWith('task-')) return;
      const id = event.stream.slice('task-'.length);
      const e = { type: event.type, data: event.data } as TaskEvent;
      const count = (cycleId: string, areaCode: string, column: 'expected' | 'received' | 'on_time' | 'approved') => {
        const { province, commune } = geography.placeOf(areaCode);
        prepared(db, 'INSERT OR IGNORE INTO reporting (cycle_id, area_code, province_code, commune_code) VALUES (?, ?, ?, ?)').run(cycleId, areaCode, province, commune);
        prepared(db, `UPDATE reporting SET ${column} = ${column} + 1 WHERE cycle_id = ? AND area_code = ?`).run(cycleId, areaCode);
      };
      const task = () => prepared<[string], { cycle_id: string; area_code: string; due_at: string; received_at: string | null }>(db, 'SELECT * FROM reporting_tasks WHERE id = ?').get(id);
      switch (e.type) {
        case 'TaskAssigned': {
          const { cycleId, areaCode, dueAt } = e.data;
          const added = prepared(db, 'INSERT OR IGNORE INTO reporting_tasks (id, cycle_id, area_code, due_at) VALUES (?, ?, ?, ?)').run(id, cycleId, areaCode, dueAt);
          if (added.changes > 0) count(cycleId, areaCode, 'expected');
          return;
        }
        case 'TaskDueChanged':
          prepared(db, 'UPDATE reporting_tasks SET due_at = ? WHERE id = ?').run(e.data.to, id);
          return;
        case 'ChecksPassed': {
          const row = task();
          if (!row || row.received_at !== null) return;
          prepared(db, 'UPDATE reporting_tasks SET received_at = ? WHERE id = ?').run(event.metadata.at, id);
          count(row.cycle_id, row.area_code, 'received');
          if (Date.parse(event.metadata.at) <= Date.parse(row.due_at)) count(row.cycle_id, row.area_code, 'on_time');
          return;
        }
        case 'TaskApproved': {
          const row = task();
          if (row) count(row.cycle_id, row.area_code, 'approved');
          return;
        }
        default:
          return;
      }
    },
  };
}
