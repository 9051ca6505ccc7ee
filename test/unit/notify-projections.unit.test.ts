import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { demoGeography } from '../../domain/geography/geography.js';
import { eventSchemas } from '../../domain/schemas.js';
import type { TaskEvent } from '../../domain/task/events.js';
import { SqliteEventStore } from '../../eventstore/sqlite.js';
import { Projector, openReadDb, readModels } from '../../projections/projector.js';

/**
 * Notification events change nothing the read models show: the same task's life projected
 * with and without them gives the same tasks, progress, reporting and timeline rows (but for
 * the revision each task's state has reached).
 */
const CYCLE = 'C-2026-11';
const DUE = '2026-11-20T17:00:00.000Z';
const life: TaskEvent[] = [
  { type: 'TaskAssigned', data: { taskId: `${CYCLE}.U1`, cycleId: CYCLE, surveyId: 'LFS', unitId: 'U1', areaCode: '01001', enumerator: 'enum.hanoi', reviewLevels: ['commune'], dueAt: DUE, version: 1 } },
  { type: 'ResponseSubmitted', data: { submissionId: 's1', data: { members: 3 }, by: 'enum.hanoi', version: 1, explanations: {} } },
  { type: 'ChecksPassed', data: { warnings: [], reviewLevel: 'commune' } },
  { type: 'TaskRejected', data: { level: 'commune', by: 'sup.hanoi', comment: 'Sai' } },
  { type: 'TaskOverdue', data: { enumerator: 'enum.hanoi', dueAt: DUE, alerted: ['sup.hanoi'] } },
];
const sent = (key: string): TaskEvent => ({ type: 'NotificationSent', data: { key, reason: 'invitation', to: ['enum.hanoi'], messageIds: [`<${key}@x>`] } });
const failed = (key: string, attempt: number): TaskEvent => ({ type: 'NotificationFailed', data: { key, reason: 'receipt', attempt, error: 'connect ECONNREFUSED', nextAttemptAt: attempt < 2 ? DUE : null } });
/** The same life with the notices it sends (and fails to send) between its events. */
const noisy: TaskEvent[] = [life[0]!, failed('invitation', 1), sent('invitation'), life[1]!, life[2]!, failed('receipt:s1', 1), failed('receipt:s1', 2), life[3]!, sent('rejection:3'), life[4]!, failed('overdue:x', 1), sent('overdue:x'), failed('reminder:x', 1)];

async function project(events: TaskEvent[]): Promise<Database.Database> {
  const store = new SqliteEventStore(':memory:', { schemas: eventSchemas });
  const models = readModels(demoGeography());
  const db = openReadDb(':memory:', models);
  // Every event an hour after the previous, the notices' at the time of the event before them, so that both lives share their times.
  let hour = 0;
  for (const event of events) {
    if (!event.type.startsWith('Notification')) hour++;
    const at = new Date(Date.parse('2026-11-02T00:00:00.000Z') + hour * 3600_000).toISOString();
    const head = await store.readStream(`task-${CYCLE}.U1`);
    await store.append(`task-${CYCLE}.U1`, [{ type: event.type, data: event.data, metadata: { actor: 'system', correlationId: 'c', causationId: null, workflowId: null, at } }], { expected: head.length === 0 ? 'no_stream' : head.length - 1 });
  }
  await new Projector(store, db, models).catchUp();
  await store.close();
  return db;
}

const rows = (db: Database.Database, sql: string) => db.prepare(sql).all();
const withoutRevision = (db: Database.Database) =>
  (rows(db, 'SELECT * FROM tasks') as { state: string }[]).map(({ state, ...row }) => ({ ...row, state: { ...(JSON.parse(state) as object), revision: null } }));

describe('notification events in the read models', () => {
  it('leave tasks, progress, reporting and timeline as they would be without them', async () => {
    const [plain, notified] = [await project(life), await project(noisy)];
    expect(withoutRevision(notified)).toEqual(withoutRevision(plain));
    for (const table of ['progress', 'reporting', 'reporting_tasks', 'timeline', 'timeline_tasks']) {
      expect(rows(notified, `SELECT * FROM ${table} ORDER BY 1, 2, 3`), table).toEqual(rows(plain, `SELECT * FROM ${table} ORDER BY 1, 2, 3`));
    }
    expect(rows(plain, 'SELECT status FROM tasks')).toEqual([{ status: 'rejected' }]);
    expect((JSON.parse((rows(notified, 'SELECT state FROM tasks')[0] as { state: string }).state) as { revision: number }).revision).toBe(noisy.length - 1);
  });
});
