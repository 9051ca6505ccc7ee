import { afterEach, describe, expect, it } from 'vitest';
import { demoGeography } from '../domain/geography/geography.js';
import { eventSchemas } from '../domain/schemas.js';
import { SqliteEventStore } from '../eventstore/sqlite.js';
import { Projector, openReadDb } from '../projections/projector.js';
import { tasksModel } from '../projections/tasks/model.js';
import { timelineModel } from '../projections/timeline/model.js';

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const meta = { actor: 'system', correlationId: 'c', causationId: null, workflowId: null, at: '2026-11-20T08:15:00.000Z' };
const assigned = (i: number) => ({
  type: 'TaskAssigned',
  data: { taskId: `C1.U${i}`, cycleId: 'C1', surveyId: 'LFS', unitId: `U${i}`, areaCode: '01001', enumerator: 'enum.hanoi', reviewLevels: ['commune'], dueAt: '2026-12-01T00:00:00.000Z', version: 1 },
  metadata: meta,
});
const submitted = (i: number) => ({ type: 'ResponseSubmitted', data: { submissionId: `s${i}`, data: { members: 3 }, by: 'enum.hanoi', version: 1, explanations: {} }, metadata: meta });

describe('the projector', () => {
  it('lets a read model added later catch up from the start without applying anything twice to the others', async () => {
    const geography = demoGeography();
    const store = new SqliteEventStore(':memory:', { schemas: eventSchemas });
    closers.push(() => store.close());
    for (let i = 0; i < 3; i++) await store.append(`task-C1.U${i}`, [assigned(i), submitted(i)], { expected: 'no_stream' });
    const db = openReadDb(':memory:', [tasksModel(geography), timelineModel(geography)]);
    closers.push(() => db.close());
    const progress = () => db.prepare("SELECT status, n FROM progress WHERE cycle_id = 'C1' ORDER BY status").all();

    // First only the tasks model, as before the timeline existed.
    await new Projector(store, db, [tasksModel(geography)]).catchUp();
    expect(db.prepare("SELECT sum(n) AS n FROM progress WHERE cycle_id = 'C1'").get()).toEqual({ n: 3 });
    const before = progress();
    expect(db.prepare('SELECT count(*) AS n FROM timeline').get()).toEqual({ n: 0 });

    // Then both: only the new model reads the old events.
    const both = new Projector(store, db, [tasksModel(geography), timelineModel(geography)]);
    expect(both.position).toBe(0);
    expect(await both.catchUp()).toBe(6);
    expect(progress()).toEqual(before);
    expect(db.prepare("SELECT hour, kind, n FROM timeline WHERE cycle_id = 'C1'").all()).toEqual([{ hour: '2026-11-20T08:00:00Z', kind: 'submitted', n: 3 }]);

    // New events reach both.
    await store.append('task-C1.U9', [assigned(9), submitted(9)], { expected: 'no_stream' });
    await both.catchUp();
    expect(db.prepare("SELECT n FROM timeline WHERE cycle_id = 'C1'").get()).toEqual({ n: 4 });
    expect(db.prepare("SELECT sum(n) AS n FROM progress WHERE cycle_id = 'C1'").get()).toEqual({ n: 4 });
  });
});
