import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineDwellingCensus, expectNothingAcceptedAfterTheEnd, raceSubmissions, startCycle } from './helpers/closing-race.js';
import { type Api, type CycleOverview, eventually, listen, startTestSystem, type TestSystem } from './helpers/system.js';

const UNITS = 300;
/** Tasks told per broadcast page: small, so that the broadcast lasts while submissions come in. */
const PAGE = 20;

let system: TestSystem;
let base: string;
let manager: Api;
let enumerator: Api;
let surveyId: string;

beforeAll(async () => {
  system = await startTestSystem();
  base = await listen(system);
  [manager, enumerator] = await Promise.all([system.login('manager'), system.login('enum.hanoi')]);
  ({ surveyId } = await defineDwellingCensus(manager, 'RACE', UNITS));
});

afterAll(async () => {
  await system?.stop();
});

const overview = async (id: string) => (await manager.get(`/api/cycles/${id}`)).json<CycleOverview>();
const cycleEvents = async (id: string) => (await system.store.readStream(`cycle-${id}`)).map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));

describe('closing a cycle while submissions come in', () => {
  it('accepts each submission and counts it, or refuses it with 409; nothing after the cycle reads closed', async () => {
    const cycleId = `RACE-close-${Date.now().toString(36)}`;
    const taskIds = await startCycle(system, manager, { cycleId, surveyId, surveyCode: 'RACE', units: UNITS, pageSize: PAGE });
    const race = await raceSubmissions({
      system, base, manager, enumerator, cycleId, taskIds,
      steer: () => manager.post(`/api/cycles/${cycleId}/close`),
      between: 'closing',
      end: 'closed',
    });
    const { accepted, refused } = await expectNothingAcceptedAfterTheEnd(system, cycleId, race, 'closed');
    expect(race.polled.some((p) => p.overview.status === 'closing')).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);

    // Accepted responses are counted (in review), every other task is a non-response.
    const final = await overview(cycleId);
    expect(final.counts).toMatchObject({ in_review: accepted.length, non_response: UNITS - accepted.length, assigned: 0, checks_failed: 0, rejected: 0 });
    expect((await cycleEvents(cycleId)).map((e) => e.type)).toEqual(['CycleLaunched', ...Array(UNITS / PAGE).fill('TasksCreated'), 'CollectionStarted', 'ClosingStarted', 'CollectionClosed']);
  });
});

describe('cancelling a cycle while submissions come in', () => {
  it('accepts each submission or refuses it with 409; nothing after the cycle reads cancelled, and every task ends cancelled', async () => {
    const cycleId = `RACE-cancel-${Date.now().toString(36)}`;
    const taskIds = await startCycle(system, manager, { cycleId, surveyId, surveyCode: 'RACE', units: UNITS, pageSize: PAGE });
    const race = await raceSubmissions({
      system, base, manager, enumerator, cycleId, taskIds,
      steer: () => manager.post(`/api/cycles/${cycleId}/cancel`, { reason: 'the frame was wrong' }),
      between: 'cancelling',
      end: 'cancelled',
    });
    const { refused } = await expectNothingAcceptedAfterTheEnd(system, cycleId, race, 'cancelled');
    expect(refused.length).toBeGreaterThan(0);
    const final = await overview(cycleId);
    expect(final.counts.cancelled).toBe(UNITS);
    const events = await cycleEvents(cycleId);
    expect(events.slice(-2)).toEqual([
      { type: 'CancellationStarted', data: { reason: 'the frame was wrong' } },
      { type: 'CycleCancelled', data: { reason: 'the frame was wrong' } },
    ]);
    // A cancelling or cancelled cycle takes no second cancellation and no close.
    expect((await manager.post(`/api/cycles/${cycleId}/cancel`, {})).statusCode).toBe(409);
    expect((await manager.post(`/api/cycles/${cycleId}/close`)).statusCode).toBe(409);
  });
});

describe('a deadline extension that races the deadline', () => {
  /**
   * Extensions are sent every 60 ms from just before the deadline to just after it. Whatever
   * the timing, the answers and the cycle agree: an accepted extension keeps the cycle
   * collecting, and a refused one (409) means collection closed at the deadline.
   */
  it.each([0, 1, 2])('either extends and keeps collecting, or closes and refuses the extension (round %i)', async (round) => {
    const cycleId = `RACE-deadline-${round}-${Date.now().toString(36)}`;
    const started = Date.now();
    await startCycle(system, manager, { cycleId, surveyId, surveyCode: 'RACE', units: UNITS, pageSize: 100, deadlineMs: 10_000 });
    const deadline = started + 10_000;
    await new Promise((r) => setTimeout(r, Math.max(0, deadline - 400 + round * 150 - Date.now())));
    const answers: { status: number; to: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const to = new Date(deadline + 3600_000 + i * 1000).toISOString();
      const res = await manager.post(`/api/cycles/${cycleId}/deadline`, { collectionDeadline: to });
      answers.push({ status: res.statusCode, to });
      await new Promise((r) => setTimeout(r, 60));
    }
    // All accepted, or all refused: an accepted extension keeps collection open, and once it
    // has started closing no extension is accepted.
    expect(new Set(answers.map((a) => a.status)).size, JSON.stringify(answers)).toBe(1);
    expect([200, 409]).toContain(answers[0]!.status);
    const extended = answers.filter((a) => a.status === 200);
    if (extended.length > 0) {
      await new Promise((r) => setTimeout(r, 1500));
      const now = await overview(cycleId);
      expect(now.status).toBe('collecting');
      expect(now.collectionDeadline).toBe(extended.at(-1)!.to);
      expect(now.counts.non_response).toBe(0);
      expect((await cycleEvents(cycleId)).map((e) => e.type)).not.toContain('ClosingStarted');
    } else {
      const closed = await eventually(() => overview(cycleId), (c) => c.status === 'closed', 60_000);
      expect(closed.counts.non_response).toBe(UNITS);
      expect((await cycleEvents(cycleId)).find((e) => e.type === 'CollectionClosed')?.data).toEqual({ reason: 'deadline' });
    }
    // The cycle is left to a manager's cancel so that it does not outlive the test.
    if (extended.length > 0) await manager.post(`/api/cycles/${cycleId}/cancel`, {});
  });
});
