import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTER_PARAM_LIMIT } from '../api/app.js';
import { AREA_CODE_MAX, CYCLE_ID_MAX, PERIOD_MAX, STREAM_NAME_MAX, SURVEY_CODE_MAX, TASK_ID_MAX, UNIT_ID_MAX, USERNAME_MAX } from '../domain/ids.js';
import { expectProblem, isClientError } from './helpers/http.js';
import { eventually, startTestSystem, type Api, type CycleOverview, type TestSystem } from './helpers/system.js';

/**
 * Every kind of id at the longest the system lets it be, through every route that takes it:
 * a survey code of 20, a period of 30 (so a cycle id of 58), a unit id of 64 (so a task id of
 * 123 and a task stream of 128) and a user name of 40.
 */

const CODE = 'LONG_IDS_SURVEY_2026';
const PERIOD = '2029-census-of-every-household';
const UNIT = `U${'0123456789'.repeat(6)}xyz`;
const USERNAME = 'enum.nguyen-thi-minh-khai.hoan-kiem-0101';

let system: TestSystem;
let manager: Api;
let supervisor: Api;
let auditor: Api;
let enumerator: Api;
let cycleId: string;
let taskId: string;

const as = (api: Api, method: 'PATCH' | 'DELETE', url: string, payload?: object) =>
  system.app.inject({ method, url, headers: { authorization: `Bearer ${api.token}` }, ...(payload ? { payload } : {}) });

/** An answer the route itself gave: 2xx, or a problem of its own (never the router's 414). */
function routed(res: { statusCode: number; body: string }, expected: number, label: string) {
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBe(expected);
}

beforeAll(async () => {
  system = await startTestSystem();
  [manager, supervisor, auditor] = await Promise.all([system.login('manager'), system.login('sup.hanoi'), system.login('auditor')]);
  const survey = {
    code: CODE,
    title: { vi: 'Khảo sát mã dài', en: 'Long ids survey' },
    kind: 'census',
    unitType: 'long_dwelling',
    fields: [{ id: 'persons', type: 'integer', required: true, min: 0, max: 50, label: { vi: 'Số người', en: 'Persons' } }],
    reviewLevels: ['province'],
    outputs: [{ id: 'persons', aggregate: 'sum', field: 'persons', by: 'province' }],
    minCellSize: 1,
  };
  routed(await manager.post('/api/surveys', survey), 201, 'define the survey');
  routed(await manager.post('/api/units/import', [{ id: UNIT, type: 'long_dwelling', areaCode: '01001', name: 'Nhà có mã dài' }]), 200, 'import the unit');
  routed(await manager.post('/api/users', { username: USERNAME, password: 'a long enough passphrase 1', role: 'enumerator', areaCodes: ['01'] }), 201, 'create the user');
  enumerator = await system.login(USERNAME, 'a long enough passphrase 1');
  const launched = await manager.post('/api/cycles', { survey: CODE, period: PERIOD, areaCodes: ['01'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
  routed(launched, 202, 'launch');
  cycleId = launched.json<{ id: string }>().id;
  await eventually(async () => (await manager.get(`/api/cycles/${cycleId}`)).json<CycleOverview>(), (c) => c.status === 'collecting' && c.total === 1, 60_000);
  taskId = `${cycleId}.${UNIT}`;
});

afterAll(async () => {
  await system?.stop();
});

describe('ids at their longest', () => {
  it('are as long as domain/ids.ts says each kind may be', () => {
    expect(CODE).toHaveLength(SURVEY_CODE_MAX);
    expect(PERIOD).toHaveLength(PERIOD_MAX);
    expect(cycleId).toHaveLength(CYCLE_ID_MAX);
    expect(UNIT).toHaveLength(UNIT_ID_MAX);
    expect(taskId).toHaveLength(TASK_ID_MAX);
    expect(`task-${taskId}`).toHaveLength(STREAM_NAME_MAX);
    expect(USERNAME).toHaveLength(USERNAME_MAX);
    expect(TASK_ID_MAX).toBeGreaterThan(100); // Fastify's default limit, which refused such tasks with 414.
  });

  it('a survey of the longest code: read, and its (absent) schedule', async () => {
    routed(await manager.get(`/api/surveys/${CODE}`), 200, 'GET survey');
    const schedule = await manager.get(`/api/surveys/${CODE}/schedule`);
    expect(schedule.statusCode).toBe(404);
    expectProblem(schedule, isClientError);
  });

  it('a cycle of the longest id: overview, tasks, progress, timeline, responses, deadline', async () => {
    const base = `/api/cycles/${cycleId}`;
    routed(await manager.get(base), 200, 'GET cycle');
    const tasks = await manager.get(`${base}/tasks`);
    routed(tasks, 200, 'GET tasks');
    expect(tasks.json<{ items: { id: string }[] }>().items.map((t) => t.id)).toEqual([taskId]);
    routed(await manager.get(`${base}/progress`), 200, 'GET progress');
    routed(await manager.get(`${base}/timeline`), 200, 'GET timeline');
    routed(await manager.get(`${base}/responses?format=ndjson`), 200, 'GET responses');
    routed(await manager.post(`${base}/deadline`, { collectionDeadline: new Date(Date.now() + 2 * 864e5).toISOString() }), 200, 'POST deadline');
    routed(await auditor.get(`/api/audit/streams/cycle-${cycleId}`), 200, 'audit the cycle stream');
  });

  it('a task of the longest id, given to a user of the longest name: read, reassigned, submitted, reviewed, audited', async () => {
    routed(await manager.get(`/api/tasks/${taskId}`), 200, 'GET task');
    routed(await supervisor.post(`/api/tasks/${taskId}/reassign`, { enumerator: USERNAME }), 200, 'reassign');
    routed(await enumerator.post(`/api/tasks/${taskId}/submit`, { data: { persons: 4 } }), 200, 'submit');
    routed(await supervisor.post(`/api/tasks/${taskId}/review`, { decision: 'approve', level: 'province', comment: '' }), 200, 'review');
    const task = await enumerator.get(`/api/tasks/${taskId}`);
    expect(task.json()).toMatchObject({ id: taskId, status: 'approved', enumerator: USERNAME });

    const stream = `task-${taskId}`;
    const history = await auditor.get(`/api/audit/streams/${stream}`);
    routed(history, 200, 'audit the task stream');
    expect(history.json<{ events: { type: string }[] }>().events.map((e) => e.type)).toContain('TaskApproved');
    routed(await auditor.get(`/api/audit/streams/${stream}/state?revision=0`), 200, 'state of the task stream');
    routed(await auditor.get(`/api/audit/streams/${stream}/verify`), 200, 'verify the task stream');
    routed(await auditor.get(`/api/audit/events?stream=${stream}`), 200, 'the log filtered to the task stream');
  });

  it('a user of the longest name: read, changed, audited', async () => {
    routed(await manager.get(`/api/users/${USERNAME}`), 200, 'GET user');
    routed(await as(manager, 'PATCH', `/api/users/${USERNAME}`, { areaCodes: ['01', '79'] }), 200, 'PATCH user');
    routed(await auditor.get(`/api/audit/streams/user-${USERNAME}`), 200, 'audit the user stream');
  });

  it('an area code of the longest: an unknown one is a 404 of the route, not a refusal of its length', async () => {
    const res = await manager.get(`/api/areas/${'9'.repeat(AREA_CODE_MAX)}`);
    expect(res.statusCode).toBe(404);
    expectProblem(res, isClientError);
  });
});

describe('ids one character too long', () => {
  it.each([
    ['a task id', () => `/api/tasks/${taskId}x`, 'params.id'],
    ['a cycle id', () => `/api/cycles/${cycleId}x`, 'params.id'],
    ['a survey id', () => `/api/surveys/${CODE}X`, 'params.id'],
    ['a user name', () => `/api/users/${USERNAME}x`, 'params.id'],
    ['a stream name', () => `/api/audit/streams/task-${taskId}x`, 'params.stream'],
  ])('%s answers 400 naming the parameter', async (_label, url, path) => {
    expectProblem(await (path === 'params.stream' ? auditor : manager).get(url()), 400, path);
  });

  it('a path parameter longer than the router takes answers 414 as problem details', async () => {
    const res = await manager.get(`/api/tasks/${'x'.repeat(ROUTER_PARAM_LIMIT + 1)}`);
    expect(res.statusCode).toBe(414);
    expectProblem(res, isClientError);
  });
});

describe('integers in query strings', () => {
  const BAD = [
    ['empty', ''],
    ['a space', '%20'],
    ['hexadecimal', '0x10'],
    ['an exponent', '1e2'],
    ['a sign', '%2B3'],
    ['negative', '-1'],
    ['a fraction', '1.5'],
    ['other digits', '%D9%A1'],
  ] as const;
  const PARAMS = [
    ['after', (v: string) => `/api/audit/events?after=${v}`, () => auditor],
    ['limit', (v: string) => `/api/audit/events?limit=${v}`, () => auditor],
    ['after', (v: string) => `/api/audit/export?after=${v}`, () => auditor],
    ['from', (v: string) => `/api/audit/streams/cycle-${cycleId}?from=${v}`, () => auditor],
    ['revision', (v: string) => `/api/audit/streams/cycle-${cycleId}/state?revision=${v}`, () => auditor],
    ['version', (v: string) => `/api/cycles/${cycleId}/results/reproduce?version=${v}`, () => auditor],
    ['limit', (v: string) => `/api/cycles/${cycleId}/tasks?limit=${v}`, () => manager],
  ] as const;

  it.each(PARAMS.flatMap(([name, url, caller]) => BAD.map(([label, value]) => [`${name} ${label}`, name, url, caller, value] as const)))(
    '%s is a 400 naming the parameter',
    async (_label, name, url, caller, value) => {
      expectProblem(await caller().get(url(value)), 400, `querystring.${name}`);
    },
  );

  it('decimal digits are read as the number they write', async () => {
    const state = await auditor.get(`/api/audit/streams/cycle-${cycleId}/state?revision=1`);
    routed(state, 200, 'state at revision 1');
    expect(state.json()).toMatchObject({ revision: 1 });
    const page = await auditor.get(`/api/audit/streams/cycle-${cycleId}?from=1`);
    routed(page, 200, 'history from 1');
    expect(page.json<{ events: { revision: number }[] }>().events[0]?.revision).toBe(1);
    routed(await manager.get(`/api/cycles/${cycleId}/tasks?limit=007`), 200, 'leading zeros');
  });
});

describe('content types', () => {
  it('the progress of a cycle is JSON, and says so', async () => {
    const res = await manager.get(`/api/cycles/${cycleId}/progress?level=commune&parent=01`);
    routed(res, 200, 'progress');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toMatchObject({ cycleId, level: 'commune', parent: '01' });
  });
});

describe('refusals the document states', () => {
  it('a rejection without a reason names body.comment; a level the survey never reviews at is a conflict', async () => {
    for (const comment of [undefined, '', '   ']) {
      const body = { decision: 'reject', level: 'province', ...(comment === undefined ? {} : { comment }) };
      expectProblem(await supervisor.post(`/api/tasks/${taskId}/review`, body), 400, 'body.comment');
    }
    expectProblem(await supervisor.post(`/api/tasks/${taskId}/review`, { decision: 'approve', level: 'village' }), 400, 'body.level');
    expectProblem(await supervisor.post(`/api/tasks/${taskId}/review`, { decision: 'approve', level: 'country' }), 409);
  });

  it('a path asked with a method it does not take is a 405 naming the methods it takes; an unknown path is a 404', async () => {
    const ask = (method: 'DELETE' | 'PUT' | 'POST', url: string) => system.app.inject({ method, url, headers: { authorization: `Bearer ${manager.token}` } });
    const cycle = await ask('DELETE', `/api/cycles/${cycleId}`);
    expectProblem(cycle, 405);
    expect(cycle.headers.allow).toBe('GET, HEAD');
    const health = await ask('PUT', '/healthz');
    expectProblem(health, 405);
    expect(health.headers.allow).toBe('GET, HEAD');
    expect((await ask('POST', `/api/users/${USERNAME}`)).headers.allow).toBe('GET, HEAD, PATCH');
    expectProblem(await ask('POST', '/api/nothing-here'), 404);
  });

  it('an area that does not exist, named in a query, is a 404', async () => {
    expectProblem(await manager.get('/api/areas?parent=99999'), 404);
    expectProblem(await manager.get(`/api/cycles/${cycleId}/progress?level=commune&parent=99999`), 404);
    // A real area at the wrong level is a bad request.
    expectProblem(await manager.get(`/api/cycles/${cycleId}/progress?level=province&parent=01`), 400, 'querystring.parent');
  });
});
