import type Database from 'better-sqlite3';
import type { ResponseContext } from '../../domain/survey/evaluate.js';
import type { TaskState } from '../../domain/task/state.js';
import { unitAttributes } from '../frame/model.js';
import { prepared } from '../model.js';

/**
 * What a task's checks see besides its answers: its unit's attributes in the frame, and the
 * unit's approved response in the survey's previous cycle (the latest earlier period not
 * cancelled; null when the unit's task there was not approved, or there is none).
 */
export function responseContext(db: Database.Database, taskId: string): Required<ResponseContext> {
  const task = prepared<[string], { cycle_id: string; unit_id: string }>(db, 'SELECT cycle_id, unit_id FROM tasks WHERE id = ?').get(taskId);
  if (!task) return { unit: {}, previous: null };
  const earlier = prepared<[string], { id: string }>(
    db,
    `SELECT before.id FROM cycles now JOIN cycles before ON before.survey_code = now.survey_code AND before.period < now.period AND before.status <> 'cancelled'
     WHERE now.id = ? ORDER BY before.period DESC LIMIT 1`,
  ).get(task.cycle_id);
  const before = earlier && prepared<[string], { status: string; state: string }>(db, 'SELECT status, state FROM tasks WHERE id = ?').get(`${earlier.id}.${task.unit_id}`);
  const previous = before?.status === 'approved' ? ((JSON.parse(before.state) as TaskState).response as Record<string, unknown> | null) : null;
  return { unit: unitAttributes(db, task.unit_id), previous };
}
