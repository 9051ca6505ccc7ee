import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NASTY, expectProblem, isClientError, writtenSince } from './helpers/http.js';
import { buildScene, type Scene } from './helpers/scene.js';
import { startTestSystem, type Api, type TestSystem } from './helpers/system.js';

let system: TestSystem;
let scene: Scene;
let cycleId: string;
const apis = {} as Record<'manager' | 'auditor', Api>;

beforeAll(async () => {
  system = await startTestSystem();
  const [manager, auditor] = await Promise.all([system.login('manager'), system.login('auditor')]);
  Object.assign(apis, { manager, auditor });
  scene = await buildScene(system, manager);
  cycleId = await scene.launch(['01']);
});

afterAll(async () => {
  await scene?.cleanUp();
  await system?.stop();
});

describe('reads: hostile path parameters and filters', () => {
  type Kind = 'lookup' | 'filter' | 'any';
  /** `lookup`: names one thing, so a hostile value is a 400 or 404; `filter`: narrows a list, so it matches nothing; `any`: just no 5xx. */
  const READS: [string, Kind, (value: string) => string, ('manager' | 'auditor')?][] = [
    ['areas ?parent', 'lookup', (v) => `/api/areas?parent=${v}`],
    ['areas/:code', 'lookup', (v) => `/api/areas/${v}`],
    ['surveys ?cursor', 'any', (v) => `/api/surveys?cursor=${v}`],
    ['surveys/:id', 'lookup', (v) => `/api/surveys/${v}`],
    ['surveys/:id/schedule', 'lookup', (v) => `/api/surveys/${v}/schedule`],
    ['cycles ?cursor', 'any', (v) => `/api/cycles?cursor=${v}`],
    ['cycles/:id', 'lookup', (v) => `/api/cycles/${v}`],
    ['cycles/:id/tasks', 'lookup', (v) => `/api/cycles/${v}/tasks`],
    ['tasks ?areaCode', 'filter', (v) => `/api/cycles/${cycleId}/tasks?areaCode=${v}`],
    ['tasks ?enumerator', 'filter', (v) => `/api/cycles/${cycleId}/tasks?enumerator=${v}`],
    ['tasks ?status', 'lookup', (v) => `/api/cycles/${cycleId}/tasks?status=${v}`],
    ['tasks ?overdue', 'lookup', (v) => `/api/cycles/${cycleId}/tasks?overdue=${v}`],
    ['tasks ?limit', 'lookup', (v) => `/api/cycles/${cycleId}/tasks?limit=${v}`],
    ['tasks ?cursor', 'any', (v) => `/api/cycles/${cycleId}/tasks?cursor=${v}`],
    ['cycles/:id/progress', 'lookup', (v) => `/api/cycles/${v}/progress`],
    ['cycles/:id/timeline', 'lookup', (v) => `/api/cycles/${v}/timeline`],
    ['timeline ?bucket', 'lookup', (v) => `/api/cycles/${cycleId}/timeline?bucket=${v}`],
    ['progress ?parent', 'lookup', (v) => `/api/cycles/${cycleId}/progress?level=commune&parent=${v}`],
    ['progress ?level', 'lookup', (v) => `/api/cycles/${cycleId}/progress?level=${v}`],
    ['cycles/:id/results', 'lookup', (v) => `/api/cycles/${v}/results`],
    ['results ?format', 'lookup', (v) => `/api/cycles/${cycleId}/results?format=${v}`],
    ['cycles/:id/responses', 'lookup', (v) => `/api/cycles/${v}/responses`],
    ['responses ?status', 'lookup', (v) => `/api/cycles/${cycleId}/responses?status=${v}`],
    ['cycles/:id/results/reproduce', 'lookup', (v) => `/api/cycles/${v}/results/reproduce`, 'auditor'],
    ['tasks/:id', 'lookup', (v) => `/api/tasks/${v}`],
    ['tasks/:id/form.xlsx', 'lookup', (v) => `/api/tasks/${v}/form.xlsx`],
    ['form.xlsx ?lang', 'lookup', (v) => `/api/tasks/${cycleId}.U1/form.xlsx?lang=${v}`],
    ['audit events ?type', 'filter', (v) => `/api/audit/events?type=${v}`],
    ['audit events ?stream', 'filter', (v) => `/api/audit/events?stream=${v}`],
    // A blank is coerced to 0, which is a position: `any`.
    ['audit events ?after', 'any', (v) => `/api/audit/events?after=${v}`],
    ['audit export ?stream', 'filter', (v) => `/api/audit/export?stream=${v}`],
    ['audit/streams/:stream', 'lookup', (v) => `/api/audit/streams/${v}`],
    ['audit/streams/:stream/verify', 'lookup', (v) => `/api/audit/streams/${v}/verify`],
    ['audit/streams/:stream/state', 'lookup', (v) => `/api/audit/streams/${v}/state?revision=0`],
    ['state ?at', 'lookup', (v) => `/api/audit/streams/cycle-${cycleId}/state?at=${v}`],
    ['users ?areaCode', 'filter', (v) => `/api/users?areaCode=${v}`],
    ['users ?role', 'lookup', (v) => `/api/users?role=${v}`],
    ['users/:id', 'lookup', (v) => `/api/users/${v}`],
    ['live ?cycleId', 'lookup', (v) => `/api/live?cycleId=${v}`],
  ];
  const inQuery = (url: (value: string) => string) => {
    const sample = url('VALUE');
    return sample.includes('?') && sample.indexOf('VALUE') > sample.indexOf('?');
  };
  // Sheer length only in a query: a path parameter over 100 characters is the router's to refuse (see bad-input.int.test.ts).
  const cases = READS.flatMap(([name, kind, url, caller]) =>
    [...NASTY, ...(inQuery(url) ? ['x'.repeat(5000)] : [])].map((value) => [`${name} = ${JSON.stringify(value).slice(0, 30)}`, kind, url(encodeURIComponent(value)), caller ?? 'manager'] as const),
  );

  it.each(cases)('%s', async (_label, kind, url, caller) => {
    const before = await system.store.headPosition();
    const res = await system.app.inject({ url, headers: { authorization: `Bearer ${apis[caller].token}` } });
    if (kind === 'lookup' || isClientError(res.statusCode)) expectProblem(res, isClientError);
    else expect(res.statusCode, res.body).toBe(200);
    if (kind === 'filter' && res.statusCode === 200) expect(url.includes('/export') ? res.body : res.json<{ items: unknown[] }>().items, res.body.slice(0, 500)).toHaveLength(0);
    expect(await writtenSince(system.store, before)).toEqual([]);
  });

  it.each(READS.filter(([, , url]) => inQuery(url)).map(([name, , url, caller]) => [name, url('x'), caller ?? 'manager'] as const))('%s: refuses an unknown query parameter, naming it', async (_label, url, caller) => {
    const res = await system.app.inject({ url: `${url}&sneaky=1`, headers: { authorization: `Bearer ${apis[caller].token}` } });
    expectProblem(res, 400, 'querystring.sneaky');
  });
});
