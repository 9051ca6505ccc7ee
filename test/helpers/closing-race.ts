import { expect } from 'vitest';
import type { RecordedEvent } from '../../eventstore/port.js';
import { CYCLE_WORKFLOW_TASK_TIMEOUT, workflowIds, type CycleInput } from '../../workflows/definitions.js';
import { followLive, type Sse } from './sse.js';
import { eventually, type Api, type CycleOverview, type TestSystem } from './system.js';

/**
 * Submissions fired at a cycle's open tasks while a manager closes or cancels it: the scene of
 * the closing tests. The cycle tells its tasks in small pages, so that the broadcast lasts
 * while submissions keep coming.
 */

const OPEN = ['assigned', 'checks_failed', 'rejected'] as const;
const NOT_FINAL = [...OPEN, 'in_review'] as const;

export interface Attempt {
  readonly taskId: string;
  readonly sentAt: number;
  readonly answeredAt: number;
  readonly status: number;
  readonly body: { status?: string; detail?: string; type?: string };
  readonly contentType: string;
}

/** A one-field census of `units` dwellings spread over Hà Nội's first 20 communes; returns its survey id. */
export async function defineDwellingCensus(manager: Api, code: string, units: number): Promise<{ surveyId: string; unitIds: string[] }> {
  const survey = {
    code,
    title: { vi: 'Tổng điều tra thử', en: 'Trial census' },
    kind: 'census',
    unitType: `dwelling_${code.toLowerCase()}`,
    fields: [{ id: 'persons', type: 'integer', required: true, min: 0, max: 50, label: { vi: 'Số người', en: 'Persons' } }],
    reviewLevels: ['province'],
    outputs: [{ id: 'persons', aggregate: 'sum', field: 'persons', by: 'province' }],
    minCellSize: 1,
  };
  const defined = await manager.post('/api/surveys', survey);
  expect(defined.statusCode, defined.body).toBe(201);
  const unitIds = Array.from({ length: units }, (_, i) => `${code}-${String(i).padStart(5, '0')}`);
  const frame = unitIds.map((id, i) => ({ id, type: survey.unitType, areaCode: `01${String((i % 20) + 1).padStart(3, '0')}`, name: `Nhà ${i}` }));
  expect((await manager.post('/api/units/import', frame)).json()).toMatchObject({ imported: units, rejected: [] });
  return { surveyId: defined.json<{ id: string }>().id, unitIds };
}

/** Starts the cycle's workflow directly, with launch and broadcast pages of `pageSize`, and waits until every task is assigned. */
export async function startCycle(system: TestSystem, manager: Api, input: { cycleId: string; surveyId: string; surveyCode: string; units: number; pageSize: number; deadlineMs?: number }): Promise<string[]> {
  const cycle: CycleInput = {
    cycleId: input.cycleId,
    surveyId: input.surveyId,
    surveyCode: input.surveyCode,
    period: '2029-census',
    areaCodes: ['01'],
    collectionDeadline: new Date(Date.now() + (input.deadlineMs ?? 864e5)).toISOString(),
    autoPublish: false,
    launchedBy: 'manager',
    correlationId: `race-${input.cycleId}`,
    limits: { maxHistory: 4000, maxSignals: 2000, pageSize: input.pageSize },
  };
  await system.client.workflow.start('cycleWorkflow', { taskQueue: system.taskQueue, workflowId: workflowIds.cycle(input.cycleId), workflowTaskTimeout: CYCLE_WORKFLOW_TASK_TIMEOUT, args: [cycle] });
  await eventually(async () => (await manager.get(`/api/cycles/${input.cycleId}`)).json<CycleOverview>(), (c) => c.status === 'collecting' && c.counts.assigned === input.units, 120_000);
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = (await manager.get(`/api/cycles/${input.cycleId}/tasks?limit=500${cursor ? `&cursor=${cursor}` : ''}`)).json();
    ids.push(...page.items.map((t) => t.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** A fixed shuffle, so that submissions land on tasks of every broadcast page, told and not yet told. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface Race {
  readonly attempts: Attempt[];
  /** When a poll of `GET /api/cycles/:id` first read the final status, and what it read. */
  readonly endSeen: { at: number; overview: CycleOverview };
  /** Every overview the poller read, in order. */
  readonly polled: { at: number; overview: CycleOverview }[];
  /** Every `cycle` event the live stream sent for the cycle. */
  readonly live: CycleOverview[];
}

/**
 * A fifth of the tasks are submitted, then `steer` (close or cancel) is sent while the next
 * seven tenths are submitted by `lanes` at once; the last tenth is submitted once the cycle
 * reads `end`. A poller reads the cycle all the while; `whenSteering` runs once the cycle
 * first reads the in-between status (closing or cancelling).
 */
export async function raceSubmissions(options: {
  system: TestSystem;
  base: string;
  manager: Api;
  enumerator: Api;
  cycleId: string;
  taskIds: readonly string[];
  steer: () => Promise<{ statusCode: number; body: string }>;
  between: 'closing' | 'cancelling';
  end: 'closed' | 'cancelled';
  whenSteering?: () => Promise<void>;
  lanes?: number;
}): Promise<Race> {
  const { manager, enumerator, cycleId } = options;
  const order = shuffled(options.taskIds);
  const early = order.slice(0, Math.floor(order.length / 5));
  const during = order.slice(early.length, Math.floor((order.length * 9) / 10));
  const late = order.slice(early.length + during.length);
  const attempts: Attempt[] = [];
  const submit = async (taskId: string) => {
    const sentAt = performance.now();
    const res = await enumerator.post(`/api/tasks/${taskId}/submit`, { data: { persons: 3 } }, { 'idempotency-key': `race-${taskId}` });
    attempts.push({ taskId, sentAt, answeredAt: performance.now(), status: res.statusCode, body: res.json(), contentType: String(res.headers['content-type']) });
  };
  const inLanes = async (tasks: readonly string[], lanes: number) => {
    let next = 0;
    await Promise.all(Array.from({ length: lanes }, async () => {
      while (next < tasks.length) await submit(tasks[next++]!);
    }));
  };

  const live: Sse = await followLive(options.base, manager.token, `?cycleId=${cycleId}`);
  const polled: Race['polled'] = [];
  let endSeen: Race['endSeen'] | null = null;
  let betweenSeen = false;
  let steering: Promise<void> = Promise.resolve();
  const poller = (async () => {
    while (!endSeen) {
      const overview = (await manager.get(`/api/cycles/${cycleId}`)).json<CycleOverview>();
      const at = performance.now();
      polled.push({ at, overview });
      if (overview.status === options.end) endSeen = { at, overview };
      if (overview.status === options.between && !betweenSeen) {
        betweenSeen = true;
        steering = options.whenSteering?.() ?? Promise.resolve();
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    await inLanes(early, 4);
    const steered = options.steer();
    await inLanes(during, options.lanes ?? 6);
    const answer = await steered;
    expect(answer.statusCode, answer.body).toBe(200);
    await steering;
    await eventually(async () => endSeen, (seen) => seen !== null, 180_000);
    await inLanes(late, 4);
    // The live stream flushes every 200 ms; give it the last flush.
    await new Promise((r) => setTimeout(r, 600));
  } finally {
    await poller.catch(() => undefined);
    live.close();
  }
  const liveOverviews = live.events.filter((e) => e.event === 'cycle').map((e) => e.data as CycleOverview).filter((c) => c.id === cycleId);
  return { attempts, endSeen: endSeen!, polled, live: liveOverviews };
}

/** Checks what every closing test must hold, whatever the timing was. */
export async function expectNothingAcceptedAfterTheEnd(system: TestSystem, cycleId: string, race: Race, end: 'closed' | 'cancelled'): Promise<{ accepted: Attempt[]; refused: Attempt[] }> {
  const accepted = race.attempts.filter((a) => a.status === 200);
  const refused = race.attempts.filter((a) => a.status === 409);
  // Each submission is either accepted or refused with a problem that says why.
  expect(race.attempts.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);
  for (const attempt of refused) {
    expect(attempt.contentType).toContain('application/problem+json');
    expect(attempt.body.detail).toMatch(/clos|cancel|non_response/);
  }
  // Nothing sent after the cycle read closed (or cancelled) was accepted.
  expect(accepted.filter((a) => a.sentAt >= race.endSeen.at).map((a) => a.taskId)).toEqual([]);
  expect(race.attempts.filter((a) => a.sentAt >= race.endSeen.at).length).toBeGreaterThan(0);

  // No answer showed the cycle closed or cancelled with a task still open.
  const stillOpen = (c: CycleOverview) => (end === 'closed' ? OPEN : NOT_FINAL).reduce((n, s) => n + (c.counts[s] ?? 0), 0);
  const shownEnded = [...race.polled.map((p) => p.overview), ...race.live].filter((c) => c.status === end);
  expect(shownEnded.length).toBeGreaterThan(0);
  expect(shownEnded.filter((c) => stillOpen(c) > 0)).toEqual([]);
  expect(race.live.some((c) => c.status === end)).toBe(true);

  // In the log: every accepted response comes before the cycle's end, and every task took the end once.
  const cycleEvents = await system.store.readStream(`cycle-${cycleId}`);
  const endEvent = cycleEvents.find((e) => e.type === (end === 'closed' ? 'CollectionClosed' : 'CycleCancelled'));
  expect(endEvent).toBeDefined();
  const acceptedIds = new Set(accepted.map((a) => a.taskId));
  const streams: RecordedEvent[][] = await Promise.all(race.attempts.map((a) => system.store.readStream(`task-${a.taskId}`)));
  for (const events of streams) {
    const taskId = events[0]!.stream.slice('task-'.length);
    const submitted = events.filter((e) => e.type === 'ResponseSubmitted');
    expect(submitted.length, taskId).toBe(acceptedIds.has(taskId) ? 1 : 0);
    for (const e of submitted) expect(e.position, taskId).toBeLessThan(endEvent!.position);
    const ending = events.filter((e) => e.type === (end === 'closed' ? 'TaskCollectionClosed' : 'TaskCancelled'));
    expect(ending.length, taskId).toBe(1);
    expect(ending[0]!.position, taskId).toBeLessThan(endEvent!.position);
  }
  return { accepted, refused };
}
