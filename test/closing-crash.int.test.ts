import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../eventstore/integrity.js';
import { defineDwellingCensus, expectNothingAcceptedAfterTheEnd, raceSubmissions, startCycle } from './helpers/closing-race.js';
import { type Api, type CycleOverview, eventually, listen, startTestSystem, type TestSystem } from './helpers/system.js';
import { WorkerProcess } from './helpers/worker-process.js';

const UNITS = 300;
const PAGE = 20;

let system: TestSystem;
let base: string;
let manager: Api;
let enumerator: Api;
let worker: WorkerProcess;
let surveyId: string;

beforeAll(async () => {
  system = await startTestSystem({ worker: false });
  base = await listen(system);
  [manager, enumerator] = await Promise.all([system.login('manager'), system.login('enum.hanoi')]);
  worker = new WorkerProcess(system);
  await worker.start();
  ({ surveyId } = await defineDwellingCensus(manager, 'CRASHCLOSE', UNITS));
});

afterAll(async () => {
  await worker?.kill();
  await system?.stop();
});

const overview = async (id: string) => (await manager.get(`/api/cycles/${id}`)).json<CycleOverview>();

/** Once some tasks have been told but not all, SIGKILL the worker; start a new one a second later. */
const killMidBroadcast = (cycleId: string, told: (c: CycleOverview) => number, seen: { at: number }[]) => async () => {
  const during = await eventually(() => overview(cycleId), (c) => told(c) > 0, 60_000);
  seen.push({ at: told(during) });
  await worker.kill();
  await new Promise((r) => setTimeout(r, 1000));
  await worker.start();
};

describe('a worker killed while a cycle tells its tasks', () => {
  it('closing: the next worker finishes the broadcast; each task is told once, nothing is accepted after the cycle reads closed', async () => {
    const cycleId = `CRASHCLOSE-close-${Date.now().toString(36)}`;
    const taskIds = await startCycle(system, manager, { cycleId, surveyId, surveyCode: 'CRASHCLOSE', units: UNITS, pageSize: PAGE });
    const killedAt: { at: number }[] = [];
    const race = await raceSubmissions({
      system, base, manager, enumerator, cycleId, taskIds,
      steer: () => manager.post(`/api/cycles/${cycleId}/close`),
      between: 'closing',
      end: 'closed',
      whenSteering: killMidBroadcast(cycleId, (c) => c.counts.non_response ?? 0, killedAt),
    });
    // The kill landed in the middle of the broadcast.
    expect(killedAt).toHaveLength(1);
    expect(killedAt[0]!.at).toBeLessThan(UNITS - race.attempts.filter((a) => a.status === 200).length);
    const { accepted } = await expectNothingAcceptedAfterTheEnd(system, cycleId, race, 'closed');
    const final = await overview(cycleId);
    expect(final.counts).toMatchObject({ in_review: accepted.length, non_response: UNITS - accepted.length, assigned: 0 });
    // Every task's stream holds each fact once: nothing written twice by the retried pages.
    for (const taskId of taskIds) {
      const types = (await system.store.readStream(`task-${taskId}`)).map((e) => e.type);
      expect(types.filter((t) => t === 'TaskCollectionClosed'), taskId).toHaveLength(1);
      expect(types.filter((t) => t === 'TaskNonResponse').length + types.filter((t) => t === 'ChecksPassed').length, taskId).toBe(1);
    }
    expect((await system.store.readStream(`cycle-${cycleId}`)).filter((e) => e.type === 'CollectionClosed')).toHaveLength(1);
    expect((await verifyLog(system.store)).valid).toBe(true);
  }, 300_000);

  it('cancelling: the next worker finishes the broadcast; every task ends cancelled once', async () => {
    const cycleId = `CRASHCLOSE-cancel-${Date.now().toString(36)}`;
    const taskIds = await startCycle(system, manager, { cycleId, surveyId, surveyCode: 'CRASHCLOSE', units: UNITS, pageSize: PAGE });
    const killedAt: { at: number }[] = [];
    const race = await raceSubmissions({
      system, base, manager, enumerator, cycleId, taskIds,
      steer: () => manager.post(`/api/cycles/${cycleId}/cancel`, { reason: 'worker crash test' }),
      between: 'cancelling',
      end: 'cancelled',
      whenSteering: killMidBroadcast(cycleId, (c) => c.counts.cancelled ?? 0, killedAt),
    });
    expect(killedAt[0]!.at).toBeLessThan(UNITS);
    await expectNothingAcceptedAfterTheEnd(system, cycleId, race, 'cancelled');
    expect((await overview(cycleId)).counts.cancelled).toBe(UNITS);
    for (const taskId of taskIds) {
      const types = (await system.store.readStream(`task-${taskId}`)).map((e) => e.type);
      expect(types.filter((t) => t === 'TaskCancelled'), taskId).toHaveLength(1);
    }
    expect((await verifyLog(system.store)).valid).toBe(true);
  }, 300_000);
});
