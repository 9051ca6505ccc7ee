import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../eventstore/integrity.js';
import { eventually, startTestSystem, type Api, type TestSystem } from './helpers/system.js';
import { WorkerProcess } from './helpers/worker-process.js';

const UNITS = 400;

let system: TestSystem;
let manager: Api;
let enumerator: Api;
let supervisor: Api;
let worker: WorkerProcess;

beforeAll(async () => {
  system = await startTestSystem({ worker: false });
  [manager, enumerator, supervisor] = await Promise.all([system.login('manager'), system.login('enum.hanoi'), system.login('sup.hanoi')]);
  worker = new WorkerProcess(system);
  await worker.start();
});

afterAll(async () => {
  await worker?.kill();
  await system?.stop();
});

type Overview = { id: string; status: string; total: number; counts: Record<string, number> };
const overview = async (id: string) => (await manager.get(`/api/cycles/${id}`)).json<Overview>();

/** Runs `fn` over `items`, `lanes` at a time, killing and restarting the worker once a third of the way in. */
async function withACrash<T>(items: readonly T[], lanes: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let crashed = false;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        if (!crashed && next > items.length / 3) {
          crashed = true;
          await worker.kill();
          await worker.start();
        }
        await fn(item);
      }
    }),
  );
}

describe('a worker killed in the middle of a cycle', () => {
  it('loses nothing and writes nothing twice: launch, submissions and reviews all finish on the next worker', async () => {
    const survey = {
      code: 'CRASH',
      title: { vi: 'Kiểm tra sự cố', en: 'Crash check' },
      kind: 'census',
      unitType: 'dwelling',
      fields: [{ id: 'persons', type: 'integer', required: true, min: 0, max: 50, label: { vi: 'Số người', en: 'Persons' } }],
      reviewLevels: ['province'],
      outputs: [{ id: 'persons', aggregate: 'sum', field: 'persons', by: 'province' }],
      minCellSize: 1,
    };
    expect((await manager.post('/api/surveys', survey)).statusCode).toBe(201);
    const units = Array.from({ length: UNITS }, (_, i) => ({ id: `D${String(i).padStart(5, '0')}`, type: 'dwelling', areaCode: `01${String((i % 20) + 1).padStart(3, '0')}`, name: `Nhà ${i}` }));
    expect((await manager.post('/api/units/import', units)).json()).toMatchObject({ imported: UNITS, rejected: [] });

    const launched = await manager.post('/api/cycles', { survey: 'CRASH', period: '2029-census', collectionDeadline: new Date(Date.now() + 864e5).toISOString(), autoPublish: true });
    expect(launched.statusCode, launched.body).toBe(202);
    const { id } = launched.json<{ id: string }>();
    // Kill the worker while task workflows are being started.
    await eventually(() => overview(id), (c) => c.total > 20, 60_000);
    await worker.kill();
    await worker.start();
    await eventually(() => overview(id), (c) => c.status === 'collecting' && c.counts.assigned === UNITS, 120_000);

    const tasks = (await enumerator.get(`/api/cycles/${id}/tasks?limit=1000`)).json<{ items: { id: string }[] }>().items;
    expect(tasks).toHaveLength(UNITS);
    await withACrash(tasks, 8, async (task) => {
      const res = await enumerator.post(`/api/tasks/${task.id}/submit`, { data: { persons: 3 } }, { 'idempotency-key': `crash-${task.id}` });
      expect(res.statusCode, res.body).toBe(200);
    });
    await withACrash(tasks, 8, async (task) => {
      const res = await supervisor.post(`/api/tasks/${task.id}/review`, { decision: 'approve', level: 'province' });
      expect(res.statusCode, res.body).toBe(200);
    });
    const done = await eventually(() => overview(id), (c) => c.status === 'published', 120_000);
    expect(done.counts.approved).toBe(UNITS);

    for (const task of tasks) {
      const types = (await system.store.readStream(`task-${task.id}`)).map((e) => e.type);
      expect(types).toEqual(['TaskAssigned', 'ResponseSubmitted', 'ChecksPassed', 'ReviewApproved', 'TaskApproved']);
    }
    const cycleEvents = (await system.store.readStream(`cycle-${id}`)).map((e) => e.type);
    expect(cycleEvents).toEqual(['CycleLaunched', 'TasksCreated', 'CollectionStarted', 'CollectionClosed', 'ResultsPublished']);
    const results = (await manager.get(`/api/cycles/${id}/results`)).json<{ tables: { rows: { value: number }[] }[] }>();
    expect(results.tables[0]?.rows[0]?.value).toBe(3 * UNITS);
    expect((await verifyLog(system.store)).valid).toBe(true);
  }, 400_000);
});
