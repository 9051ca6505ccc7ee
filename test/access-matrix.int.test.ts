import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI_DIR } from '../bin/system.js';
import { badTokens, created, expectProblem, quiet, registeredRoutes, writtenSince, type Answer } from './helpers/http.js';
import { smallXlsform } from './helpers/household-roster.js';
import { buildScene, fresh, inDays, surveyBody, taskOf, type Scene } from './helpers/scene.js';
import { eventually, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

import { CALLERS, deferred, everyone, only, scoped, sendAs, signedIn, USERS, type Caller, type Req, type Row, type User } from './helpers/access.js';

let system: TestSystem;
let scene: Scene;
/** A named device's refresh token for enum.hanoi, and the device the refused revocations name. */
let deviceRefresh: string;
const apis = {} as Record<User, Api>;
const tokens = {} as Record<Caller, string | null>;
/** A cycle over Hà Nội only, one over both cities, and a published one over the lone Hà Nội commune. */
const cycles = { hanoi: '', both: '', published: '' };
const hanoiTask = (n: number) => taskOf(cycles.hanoi, scene.units.hanoi[n]!);
/** A unit of 01002 imported after the shared cycles were launched, whose respondent is resp.hanoi. */
const respondentUnit = fresh('RESP');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSFORM = Buffer.from(await smallXlsform());
const freshCycle = () => scene.launch(['01002']);
const post = (url: string, payload?: unknown): Req => ({ method: 'POST', url, payload });
const lateBody = () => ({ data: { members: 3 }, submittedAt: inDays(0), refusedWith: 'task.not_found' });
const cycleBody = () => ({ survey: scene.survey, period: fresh('p-'), areaCodes: ['01002'], collectionDeadline: inDays(30) });
const account = (username: string) => ({ username, password: 'a long password', role: 'enumerator', areaCodes: ['01'] });

const ROWS: Record<string, Row> = {
  'GET /healthz': { expect: everyone(200), request: () => ({ url: '/healthz' }) },
  'GET /metrics': { expect: everyone(200), request: () => ({ url: '/metrics' }) },
  'GET /favicon.ico': { expect: everyone(301), request: () => ({ url: '/favicon.ico' }) },
  'GET /docs': { expect: everyone(200), request: () => ({ url: '/docs' }) },
  'GET /docs/': { expect: everyone(200), request: () => ({ url: '/docs/' }) },
  'GET /docs/json': { expect: everyone(200), request: () => ({ url: '/docs/json' }) },
  'GET /docs/yaml': { expect: everyone(200), request: () => ({ url: '/docs/yaml' }) },
  'GET /docs/static/index.html': { expect: everyone(302), request: () => ({ url: '/docs/static/index.html' }) },
  'GET /docs/static/swagger-initializer.js': { expect: everyone(200), request: () => ({ url: '/docs/static/swagger-initializer.js' }) },
  'GET /docs/*': { expect: everyone(200), request: () => ({ url: '/docs/static/swagger-ui.css' }) },

  'POST /api/auth/login': {
    expect: everyone(200),
    request: (caller) => post('/api/auth/login', (USERS as readonly string[]).includes(caller) ? { username: caller, password: caller === 'resp.hanoi' ? 'demo-password' : 'demo' } : { username: 'enum.hanoi', password: 'demo' }),
  },
  // A named device's refresh token renews its session whoever sends it (it is the credential); a retry within minutes is a lost answer's.
  'POST /api/auth/refresh': { expect: everyone(200), request: () => post('/api/auth/refresh', { refreshToken: deviceRefresh }) },
  // A receipt is verified for whoever holds it; a made-up one is simply not valid.
  'GET /api/receipts/:id': { expect: everyone(200), request: () => ({ url: '/api/receipts/1-AAAAAAAAAAAAAAAAAAAAAA' }) },
  // Enrolment needs no login, and a made-up code is refused alike for anyone (a successful one: test/respondents.int.test.ts).
  'POST /api/auth/enrol': { expect: everyone(400), request: () => post('/api/auth/enrol', { code: 'AAAA-BBBB-CCCC', username: fresh('enrol.'), password: 'a long password', email: 'x@example.vn' }) },
  'GET /api/me': { expect: signedIn(200, { 'resp.hanoi': 200 }), request: () => ({ url: '/api/me' }) },
  'GET /api/areas': { expect: signedIn(200), request: () => ({ url: '/api/areas?parent=01' }) },
  'GET /api/areas/:code': { expect: signedIn(200), request: () => ({ url: '/api/areas/01001' }) },

  'GET /api/surveys': { expect: signedIn(200), request: () => ({ url: '/api/surveys' }) },
  'POST /api/surveys': {
    expect: only({ manager: 201 }),
    request: () => post('/api/surveys', surveyBody(fresh('RF').toUpperCase(), 'refused_type')),
    write: async () => post('/api/surveys', surveyBody(fresh('MW').toUpperCase(), 'written_type')),
  },
  // A respondent reads the form of its units' reports.
  'GET /api/surveys/:id': { expect: signedIn(200, { 'resp.hanoi': 200 }), request: () => ({ url: `/api/surveys/${scene.survey}` }) },
  'GET /api/surveys/:id/xlsform': { expect: signedIn(200), request: () => ({ url: `/api/surveys/${scene.survey}/xlsform` }) },
  // Rates are counted over the caller's areas: a supervisor elsewhere gets their own areas' rows, not a 404.
  'GET /api/surveys/:id/reporting-rates': { expect: only({ manager: 200, 'sup.hanoi': 200, 'sup.hcm': 200, auditor: 200 }), request: () => ({ url: `/api/surveys/${scene.survey}/reporting-rates` }) },
  'GET /api/surveys/:id/reporting-rates.csv': { expect: only({ manager: 200, 'sup.hanoi': 200, 'sup.hcm': 200, auditor: 200 }), request: () => ({ url: `/api/surveys/${scene.survey}/reporting-rates.csv` }) },
  'POST /api/surveys/import/xlsform': {
    expect: only({ manager: 201 }),
    request: () => ({ ...post(`/api/surveys/import/xlsform?code=${fresh('XR').toUpperCase()}`, XLSFORM), headers: { 'content-type': XLSX } }),
    write: async () => ({ ...post(`/api/surveys/import/xlsform?code=${fresh('XW').toUpperCase()}`, XLSFORM), headers: { 'content-type': XLSX } }),
  },
  'GET /api/surveys/:id/versions': { expect: signedIn(200), request: () => ({ url: `/api/surveys/${scene.survey}/versions` }) },
  'GET /api/surveys/:id/versions/:version': { expect: signedIn(200, { 'resp.hanoi': 200 }), request: () => ({ url: `/api/surveys/${scene.survey}/versions/1` }) },
  'POST /api/surveys/:id/versions': {
    expect: only({ manager: 201 }),
    request: () => post(`/api/surveys/${scene.survey}/versions`, surveyBody(scene.survey, scene.unitType)),
    write: async () => post(`/api/surveys/${scene.survey}/versions`, surveyBody(scene.survey, scene.unitType)),
  },
  'GET /api/surveys/:id/schedule': { expect: signedIn(200), request: () => ({ url: `/api/surveys/${scene.scheduled}/schedule` }) },
  'POST /api/surveys/:id/schedule/pause': {
    expect: only({ manager: 200 }),
    request: () => post(`/api/surveys/${scene.scheduled}/schedule/pause`, { note: 'refused' }),
    // Without a body: the note is optional.
    write: async () => post(`/api/surveys/${await scene.scheduledSurvey()}/schedule/pause`),
  },
  'POST /api/surveys/:id/schedule/resume': {
    expect: only({ manager: 200 }),
    request: () => post(`/api/surveys/${scene.scheduled}/schedule/resume`, {}),
    write: async () => post(`/api/surveys/${await scene.scheduledSurvey()}/schedule/resume`, {}),
  },
  'DELETE /api/surveys/:id/schedule': {
    expect: only({ manager: 204 }),
    request: () => ({ method: 'DELETE', url: `/api/surveys/${scene.scheduled}/schedule` }),
    write: async () => ({ method: 'DELETE', url: `/api/surveys/${await scene.scheduledSurvey()}/schedule` }),
  },

  'POST /api/units/import': {
    expect: only({ manager: 200 }),
    request: () => post('/api/units/import', [{ id: fresh('R'), type: 'refused_type', areaCode: '01001', name: 'Hộ' }]),
    write: async () => post('/api/units/import', [{ id: fresh('W'), type: 'written_type', areaCode: '01001', name: 'Hộ' }]),
  },
  'GET /api/frame/units': { expect: only({ manager: 200 }), request: () => ({ url: '/api/frame/units?areaCode=01&q=ho' }) },
  // Codes for units of the caller's areas; another area's unit reads as unknown.
  'POST /api/units/enrolment-codes': {
    expect: only({ manager: 201, 'sup.hanoi': 201, 'sup.hcm': 400 }),
    request: () => post('/api/units/enrolment-codes', { unitIds: [scene.units.hanoi[4]!] }),
    write: async () => post('/api/units/enrolment-codes', { unitIds: [scene.units.hanoi[4]!] }),
  },
  'GET /api/frame/types': { expect: only({ manager: 200 }), request: () => ({ url: '/api/frame/types' }) },

  'GET /api/users': { expect: only({ manager: 200 }), request: () => ({ url: '/api/users' }) },
  'GET /api/links': { expect: signedIn(200), request: () => ({ url: '/api/links' }) },
  'GET /api/enumerators': { expect: only({ manager: 200, 'sup.hanoi': 200, 'sup.hcm': 200 }), request: () => ({ url: '/api/enumerators?areaCode=01' }) },
  'GET /api/users/:id': { expect: only({ manager: 200 }), request: () => ({ url: `/api/users/${scene.account}` }) },
  'POST /api/users': {
    expect: only({ manager: 201 }),
    request: () => post('/api/users', account(fresh('refused.'))),
    write: async () => post('/api/users', account(fresh('written.'))),
  },
  'GET /api/users/:id/devices': { expect: only({ manager: 200 }), request: () => ({ url: '/api/users/enum.hanoi/devices' }) },
  'DELETE /api/users/:id/devices/:deviceId': {
    expect: only({ manager: 200 }),
    request: () => ({ method: 'DELETE', url: '/api/users/enum.hanoi/devices/matrix-phone-01' }),
    write: async () => {
      const deviceId = fresh('phone-').replace(/[^A-Za-z0-9_-]/g, '-').padEnd(8, '0');
      await created(system.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'enum.hanoi', password: 'demo', device: { id: deviceId, name: 'Phone' } } }), 200);
      return { method: 'DELETE', url: `/api/users/enum.hanoi/devices/${deviceId}` };
    },
  },
  'PATCH /api/users/:id': {
    expect: only({ manager: 200 }),
    request: () => ({ method: 'PATCH', url: `/api/users/${scene.account}`, payload: { areaCodes: ['79'] } }),
    write: async () => {
      const username = fresh('patched.');
      await created(apis.manager.post('/api/users', account(username)), 201);
      return { method: 'PATCH', url: `/api/users/${username}`, payload: { areaCodes: ['79'] } };
    },
  },

  'GET /api/cycles': { expect: signedIn(200), request: () => ({ url: '/api/cycles' }) },
  'POST /api/cycles': { expect: only({ manager: 202 }), request: () => post('/api/cycles', cycleBody()), write: async () => post('/api/cycles', cycleBody()) },
  'GET /api/cycles/:id': { expect: scoped(200), request: () => ({ url: `/api/cycles/${cycles.hanoi}` }) },
  'GET /api/cycles/:id/tasks': { expect: scoped(200), request: () => ({ url: `/api/cycles/${cycles.hanoi}/tasks` }) },
  'GET /api/cycles/:id/timeline': { expect: scoped(200), request: () => ({ url: `/api/cycles/${cycles.hanoi}/timeline?bucket=day` }) },
  'GET /api/cycles/:id/progress': { expect: scoped(200), request: () => ({ url: `/api/cycles/${cycles.hanoi}/progress?level=commune&parent=01` }) },
  'GET /api/cycles/:id/counts': { expect: scoped(200), request: () => ({ url: `/api/cycles/${cycles.hanoi}/counts?enumerator=enum.hanoi` }) },
  'POST /api/cycles/:id/deadline': {
    expect: only({ manager: 200 }),
    request: () => post(`/api/cycles/${cycles.hanoi}/deadline`, { collectionDeadline: inDays(60) }),
    write: async () => post(`/api/cycles/${await freshCycle()}/deadline`, { collectionDeadline: inDays(60) }),
  },
  'POST /api/cycles/:id/upgrade': {
    expect: only({ manager: 200 }),
    request: () => post(`/api/cycles/${cycles.hanoi}/upgrade`, {}),
    // A cycle launched before a revision: its tasks have somewhere to move.
    write: async () => {
      const cycle = await freshCycle();
      await created(apis.manager.post(`/api/surveys/${scene.survey}/versions`, surveyBody(scene.survey, scene.unitType)), 201);
      return post(`/api/cycles/${cycle}/upgrade`);
    },
  },
  'POST /api/cycles/:id/close': {
    expect: only({ manager: 200 }),
    request: () => post(`/api/cycles/${cycles.hanoi}/close`, {}),
    // Without a body, as a client with nothing to say sends it.
    write: async () => post(`/api/cycles/${await freshCycle()}/close`),
  },
  'POST /api/cycles/:id/cancel': {
    expect: only({ manager: 200 }),
    request: () => post(`/api/cycles/${cycles.hanoi}/cancel`, { reason: 'refused' }),
    write: async () => post(`/api/cycles/${await freshCycle()}/cancel`, { reason: 'a test' }),
  },
  'POST /api/cycles/:id/publish': {
    expect: only({ manager: 200 }),
    request: () => post(`/api/cycles/${cycles.hanoi}/publish`, {}),
    write: async () => {
      const id = await freshCycle();
      await created(apis.manager.post(`/api/cycles/${id}/close`, {}), 200);
      return post(`/api/cycles/${id}/publish`);
    },
  },
  'GET /api/cycles/:id/results': { expect: scoped(200), request: () => ({ url: `/api/cycles/${cycles.published}/results` }) },
  'GET /api/cycles/:id/responses': { expect: only({ manager: 200, auditor: 200 }), request: () => ({ url: `/api/cycles/${cycles.hanoi}/responses?status=all` }) },
  'GET /api/cycles/:id/results/reproduce': { expect: only({ auditor: 200 }), request: () => ({ url: `/api/cycles/${cycles.published}/results/reproduce` }) },

  // The respondent of a task's unit sees it, whoever holds it, and its form as a spreadsheet.
  'GET /api/tasks/:id': { expect: scoped(200, { 'resp.hanoi': 200 }), request: () => ({ url: `/api/tasks/${hanoiTask(0)}` }) },
  'GET /api/tasks/:id/form.xlsx': { expect: scoped(200, { 'resp.hanoi': 200 }), request: () => ({ url: `/api/tasks/${hanoiTask(0)}/form.xlsx` }) },
  'POST /api/tasks/:id/submit': {
    expect: only({ 'enum.hanoi': 200, 'enum.hcm': 404, 'resp.hanoi': 200 }),
    request: () => post(`/api/tasks/${hanoiTask(0)}/submit`, { data: { members: 3 } }),
    // The respondent answers for its own unit's task in a cycle launched after it enrolled.
    write: async (caller) => post(`/api/tasks/${caller === 'resp.hanoi' ? taskOf(await freshCycle(), respondentUnit) : hanoiTask(1)}/submit`, { data: { members: 3 } }),
  },
  // Drafts write no events: the holder's save runs on the shared fixtures, before the read of it.
  'PUT /api/tasks/:id/draft': { expect: only({ 'enum.hanoi': 200, 'enum.hcm': 404, 'resp.hanoi': 200 }), request: () => ({ method: 'PUT', url: `/api/tasks/${hanoiTask(0)}/draft`, payload: { data: {}, savedAt: inDays(0) } }) },
  'GET /api/tasks/:id/draft': { expect: only({ 'enum.hanoi': 200, 'enum.hcm': 404, 'resp.hanoi': 200 }), request: () => ({ url: `/api/tasks/${hanoiTask(0)}/draft` }) },
  'GET /api/my/reports': { expect: only({ 'resp.hanoi': 200 }), request: () => ({ url: '/api/my/reports' }) },
  'POST /api/tasks/:id/late-submissions': {
    expect: only({ 'enum.hanoi': 201, 'enum.hcm': 404 }),
    request: () => ({ ...post(`/api/tasks/${hanoiTask(0)}/late-submissions`, lateBody()), headers: { 'idempotency-key': fresh('late-') } }),
    write: async () => ({ ...post(`/api/tasks/${hanoiTask(0)}/late-submissions`, lateBody()), headers: { 'idempotency-key': fresh('late-') } }),
  },
  'GET /api/tasks/:id/late-submissions': { expect: scoped(200), request: () => ({ url: `/api/tasks/${hanoiTask(0)}/late-submissions` }) },
  'POST /api/tasks/:id/late-submissions/:lateId/accept': {
    expect: only({ manager: 200, 'sup.hanoi': 200, 'sup.hcm': 404 }),
    request: () => post(`/api/tasks/${hanoiTask(0)}/late-submissions/no-such-late/accept`),
    write: async () => {
      const task = taskOf(await freshCycle(), scene.units.solo);
      const lateId = fresh('late-');
      await created(apis['enum.hanoi'].post(`/api/tasks/${task}/late-submissions`, lateBody(), { 'idempotency-key': lateId }), 201);
      return post(`/api/tasks/${task}/late-submissions/${lateId}/accept`);
    },
  },
  'POST /api/tasks/:id/review': {
    expect: only({ 'sup.hanoi': 200, 'sup.hcm': 404 }),
    request: () => post(`/api/tasks/${hanoiTask(0)}/review`, { decision: 'approve', level: 'commune' }),
    write: async () => {
      await created(apis['enum.hanoi'].post(`/api/tasks/${hanoiTask(2)}/submit`, { data: { members: 3 } }), 200);
      return post(`/api/tasks/${hanoiTask(2)}/review`, { decision: 'approve', level: 'commune' });
    },
  },
  'POST /api/tasks/:id/reassign': {
    expect: only({ manager: 200, 'sup.hanoi': 200, 'sup.hcm': 404 }),
    request: () => post(`/api/tasks/${hanoiTask(0)}/reassign`, { enumerator: scene.enumerator2 }),
    write: async (caller) => post(`/api/tasks/${hanoiTask(caller === 'manager' ? 3 : 4)}/reassign`, { enumerator: scene.enumerator2 }),
  },

  'GET /api/audit/events': { expect: only({ manager: 200, auditor: 200 }), request: () => ({ url: '/api/audit/events?limit=5' }) },
  'GET /api/audit/export': { expect: only({ manager: 200, auditor: 200 }), request: () => ({ url: `/api/audit/export?stream=cycle-${cycles.hanoi}` }) },
  'GET /api/audit/streams/:stream': { expect: only({ manager: 200, auditor: 200 }), request: () => ({ url: `/api/audit/streams/cycle-${cycles.hanoi}` }) },
  'GET /api/audit/streams/:stream/state': { expect: only({ manager: 200, auditor: 200 }), request: () => ({ url: `/api/audit/streams/cycle-${cycles.hanoi}/state?revision=0` }) },
  'GET /api/audit/streams/:stream/verify': { expect: only({ manager: 200, auditor: 200 }), request: () => ({ url: `/api/audit/streams/cycle-${cycles.hanoi}/verify` }) },
  'GET /api/audit/verify': { expect: only({ manager: 200, auditor: 200 }), request: () => ({ url: '/api/audit/verify' }) },
  // A POST, but it writes nothing: the auditor's check that the read models match the log.
  'POST /api/audit/replay': { expect: only({ auditor: 200 }), request: () => post('/api/audit/replay') },

  'GET /api/live': { expect: scoped(200), request: () => ({ url: `/api/live?cycleId=${cycles.hanoi}` }) },
};

const send = (caller: Caller, req: Req): Promise<Answer> => sendAs(system.app, tokens[caller], req);

async function expectAnswer(res: Answer, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  if (status >= 400) expectProblem(res, status);
}

beforeAll(async () => {
  system = await startTestSystem({ writeRateLimit: 10_000 });
  const staff = USERS.filter((u) => u !== 'resp.hanoi');
  const logged = await Promise.all(staff.map((u) => system.login(u)));
  staff.forEach((u, i) => {
    apis[u] = logged[i]!;
    tokens[u] = logged[i]!.token;
  });
  const bad = badTokens(apis.manager.token, system.app.deps.authSecret);
  Object.assign(tokens, { none: null, forged: bad.forged, expired: bad.expired });

  scene = await buildScene(system, apis.manager);
  await system.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'enum.hanoi', password: 'demo', device: { id: 'matrix-phone-01', name: 'Phone' } } });
  const signedIn = await system.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'enum.hcm', password: 'demo', device: { id: 'matrix-phone-02', name: 'Phone' } } });
  deviceRefresh = signedIn.json<{ refreshToken: string }>().refreshToken;
  [cycles.hanoi, cycles.both, cycles.published] = await Promise.all([scene.launch(['01']), scene.launch(['01', '79']), scene.launch(['01002'])]);
  await created(apis.manager.post(`/api/cycles/${cycles.published}/close`, {}), 200);
  await created(apis.manager.post(`/api/cycles/${cycles.published}/publish`, {}), 200);
  await eventually(async () => (await apis.manager.get(`/api/cycles/${cycles.published}`)).json<{ status: string }>(), (c) => c.status === 'published');
  // The respondent comes after the shared cycles, so that their tasks stay with their enumerators.
  await created(apis.manager.post('/api/units/import', [{ id: respondentUnit, type: scene.unitType, areaCode: '01002', name: 'Công ty tự báo cáo' }]), 200);
  await created(apis.manager.post('/api/users', { username: 'resp.hanoi', password: 'demo-password', role: 'respondent', areaCodes: [], unitIds: [scene.units.hanoi[0], respondentUnit] }), 201);
  apis['resp.hanoi'] = await system.login('resp.hanoi', 'demo-password');
  tokens['resp.hanoi'] = apis['resp.hanoi'].token;
  await quiet(system.store);
});

afterAll(async () => {
  await scene?.cleanUp();
  await system?.stop();
});

describe('the expectation table', () => {
  const uiFile = (route: string) => route.startsWith('GET ') && existsSync(join(UI_DIR, route.slice(4)));

  it('names every route the app registers, and only those', () => {
    const registered = registeredRoutes(system.app).filter((route) => !uiFile(route));
    expect(registered).toContain('POST /api/auth/login');
    expect(registered).toEqual(Object.keys(ROWS).sort());
  });

  it('refuses every write to auditors (replay, their read-only check, aside) and gives login and its renewal to anyone', () => {
    const anyone = ['POST /api/auth/login', 'POST /api/auth/refresh', 'POST /api/auth/enrol', 'POST /api/audit/replay'];
    const writes = registeredRoutes(system.app).filter((route) => !route.startsWith('GET ') && !anyone.includes(route));
    expect(writes.length).toBeGreaterThan(10);
    for (const route of writes) expect(ROWS[route]?.expect.auditor, route).toBe(403);
  });
});

describe('reads, and writes refused, on shared fixtures', () => {
  for (const [route, row] of Object.entries(ROWS)) {
    describe(route, () => {
      it.each(CALLERS.filter((caller) => !deferred(row, caller)))('%s', async (caller) => {
        const before = await system.store.headPosition();
        await expectAnswer(await send(caller, row.request(caller)), row.expect[caller]);
        expect(await writtenSince(system.store, before)).toEqual([]);
      });
    });
  }
});

describe('an item out of the caller’s areas answers exactly as an unknown one', () => {
  const cases: [User, 'cycle' | 'task', (id: string) => Req][] = [
    ['sup.hcm', 'cycle', (id) => ({ url: `/api/cycles/${id}` })],
    ['enum.hcm', 'cycle', (id) => ({ url: `/api/cycles/${id}` })],
    ['sup.hcm', 'cycle', (id) => ({ url: `/api/cycles/${id}/tasks?status=assigned` })],
    ['sup.hcm', 'cycle', (id) => ({ url: `/api/cycles/${id}/progress` })],
    ['sup.hcm', 'cycle', (id) => ({ url: `/api/cycles/${id}/counts?enumerator=enum.hanoi` })],
    ['enum.hcm', 'cycle', (id) => ({ url: `/api/cycles/${id}/results` })],
    ['sup.hcm', 'cycle', (id) => ({ url: `/api/live?cycleId=${id}` })],
    ['sup.hcm', 'task', (id) => ({ url: `/api/tasks/${id}` })],
    ['enum.hcm', 'task', (id) => ({ url: `/api/tasks/${id}` })],
    ['enum.hcm', 'task', (id) => post(`/api/tasks/${id}/submit`, { data: { members: 3 } })],
    ['sup.hcm', 'task', (id) => ({ url: `/api/tasks/${id}/form.xlsx` })],
    ['enum.hcm', 'task', (id) => ({ url: `/api/tasks/${id}/form.xlsx` })],
    ['enum.hcm', 'task', (id) => ({ ...post(`/api/tasks/${id}/submit`, XLSFORM), headers: { 'content-type': XLSX } })],
    ['enum.hcm', 'task', (id) => ({ method: 'PUT', url: `/api/tasks/${id}/draft`, payload: { data: {}, savedAt: '2026-12-01T00:00:00Z' } })],
    ['enum.hcm', 'task', (id) => ({ url: `/api/tasks/${id}/draft` })],
    ['enum.hcm', 'task', (id) => ({ ...post(`/api/tasks/${id}/late-submissions`, lateBody()), headers: { 'idempotency-key': 'late-hidden-1' } })],
    ['enum.hcm', 'task', (id) => ({ url: `/api/tasks/${id}/late-submissions` })],
    ['sup.hcm', 'task', (id) => ({ url: `/api/tasks/${id}/late-submissions` })],
    ['sup.hcm', 'task', (id) => post(`/api/tasks/${id}/late-submissions/no-such-late/accept`)],
    ['sup.hcm', 'task', (id) => post(`/api/tasks/${id}/review`, { decision: 'approve', level: 'commune' })],
    ['sup.hcm', 'task', (id) => post(`/api/tasks/${id}/reassign`, { enumerator: 'enum.hcm' })],
  ];

  it.each(cases)('%s: %s', async (caller, kind, request) => {
    const hidden = kind === 'cycle' ? (request('x').url.includes('results') ? cycles.published : cycles.hanoi) : hanoiTask(0);
    const unknown = kind === 'cycle' ? 'LFS-2026-11-000000' : `${cycles.hanoi}.NOSUCHUNIT`;
    const [seen, made] = await Promise.all([send(caller, request(hidden)), send(caller, request(unknown))]);
    expectProblem(seen, 404);
    expect(seen.body.replaceAll(hidden, '?')).toBe(made.body.replaceAll(unknown, '?'));
  });
});

describe('lists and counts inside the caller’s areas', () => {
  type Overview = { id: string; total: number; overdue: number; counts: Record<string, number> };
  const list = async <T>(user: User, url: string) => {
    const res = await apis[user].get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: T[] }>().items;
  };
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

  it.each(['sup.hcm', 'enum.hcm'] as const)('leaves a Hà Nội-only cycle out of the cycle list of %s', async (user) => {
    const ids = (await list<Overview>(user, '/api/cycles?limit=1000')).map((c) => c.id);
    expect(ids).toContain(cycles.both);
    expect(ids).not.toContain(cycles.hanoi);
    expect(ids).not.toContain(cycles.published);
  });

  it.each(['manager', 'auditor', 'sup.hanoi', 'enum.hanoi'] as const)('lists every cycle over Hà Nội to %s', async (user) => {
    const ids = (await list<Overview>(user, '/api/cycles?limit=1000')).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([cycles.hanoi, cycles.both, cycles.published]));
  });

  it.each([
    ['manager', 8, /^(01|79)/],
    ['auditor', 8, /^(01|79)/],
    ['sup.hanoi', 6, /^01/],
    ['enum.hanoi', 6, /^01/],
    ['sup.hcm', 2, /^79/],
    ['enum.hcm', 2, /^79/],
  ] as const)('counts and lists for %s only the %i tasks of the two-city cycle in their areas', async (user, total, areas) => {
    const overview = (await apis[user].get(`/api/cycles/${cycles.both}`)).json<Overview>();
    expect(overview).toMatchObject({ total, overdue: 0 });
    expect(sum(overview.counts)).toBe(total);
    expect((await list<Overview>(user, '/api/cycles?limit=1000')).find((c) => c.id === cycles.both)).toMatchObject({ total, counts: overview.counts });
    const tasks = await list<{ areaCode: string }>(user, `/api/cycles/${cycles.both}/tasks?limit=1000`);
    expect(tasks).toHaveLength(total);
    expect(tasks.every((t) => areas.test(t.areaCode))).toBe(true);
    const progress = await list<{ areaCode: string; total: number }>(user, `/api/cycles/${cycles.both}/progress?level=province`);
    expect(progress.every((row) => areas.test(row.areaCode))).toBe(true);
    expect(progress.reduce((a, row) => a + row.total, 0)).toBe(total);
  });

  it.each([
    ['sup.hcm', '?areaCode=01001'],
    ['sup.hcm', '?enumerator=enum.hanoi'],
    ['sup.hcm', '?status=assigned&areaCode=01'],
    ['enum.hcm', '?enumerator=enum.hanoi'],
    ['enum.hcm', '?areaCode=01001'],
  ] as const)('gives %s no Hà Nội task of the two-city cycle when filtering %s', async (user, query) => {
    expect(await list(user, `/api/cycles/${cycles.both}/tasks${query}`)).toEqual([]);
  });

  it('gives a Hồ Chí Minh City supervisor no Hà Nội row in the progress of the two-city cycle', async () => {
    expect(await list('sup.hcm', `/api/cycles/${cycles.both}/progress?level=commune&parent=01`)).toEqual([]);
    const own = await list<{ areaCode: string; total: number }>('sup.hcm', `/api/cycles/${cycles.both}/progress?level=commune&parent=79`);
    expect(own).toEqual([expect.objectContaining({ areaCode: '79001', total: 2 })]);
  });

  it('streams to each city’s supervisor the changes of their cycles only, counted in their areas', async () => {
    const open = async (user: User) => {
      const res = await system.app.inject({ method: 'GET', url: '/api/live', headers: { authorization: `Bearer ${apis[user].token}` }, payloadAsStream: true });
      expect(res.statusCode).toBe(200);
      const stream = res.stream();
      const seen = { text: '', close: () => stream.destroy() };
      stream.on('data', (chunk) => (seen.text += String(chunk)));
      return seen;
    };
    const events = (text: string) => [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => ({ type: m[1], data: JSON.parse(m[2]!) as Record<string, unknown> }));
    const [hcm, hanoi] = await Promise.all([open('sup.hcm'), open('sup.hanoi')]);
    try {
      // A Hà Nội task in each cycle, then one of Hồ Chí Minh City's: its count arriving means the others have been and gone.
      await created(apis['enum.hanoi'].post(`/api/tasks/${hanoiTask(0)}/submit`, { data: { members: 3 } }), 200);
      await created(apis['enum.hanoi'].post(`/api/tasks/${taskOf(cycles.both, scene.units.hanoi[0]!)}/submit`, { data: { members: 3 } }), 200);
      await created(apis['enum.hcm'].post(`/api/tasks/${taskOf(cycles.both, scene.units.hcm[0]!)}/submit`, { data: { members: 3 } }), 200);
      const inReview = (data: Record<string, unknown>) => (data.counts as Record<string, number> | undefined)?.in_review;
      await eventually(async () => events(hcm.text), (seen) => seen.some((e) => e.type === 'cycle' && e.data.id === cycles.both && inReview(e.data) === 1));
      await eventually(async () => hanoi.text, (text) => text.includes(cycles.hanoi) && text.includes(scene.units.hanoi[0]!));
      expect(hcm.text).not.toContain(cycles.hanoi);
      expect(hcm.text).not.toContain(scene.units.hanoi[0]!);
      for (const { type, data } of events(hcm.text)) {
        if (type === 'cycle') expect(data).toMatchObject({ id: cycles.both, total: 2 });
        else expect(data.areaCode, `${type} ${JSON.stringify(data)}`).toMatch(/^79/);
      }
    } finally {
      hcm.close();
      hanoi.close();
    }
  });
});

describe('writes by the callers allowed to make them, last, each on fixtures of its own', () => {
  for (const [route, row] of Object.entries(ROWS)) {
    const allowed = USERS.filter((caller) => deferred(row, caller));
    if (allowed.length === 0) continue;
    describe(route, () => {
      it.each(allowed)('%s', async (caller) => {
        const req = await row.write!(caller);
        const before = await system.store.headPosition();
        await expectAnswer(await send(caller, req), row.expect[caller]);
        // Some writes finish in their workflow after the answer (publication waits for the tasks to close).
        await eventually(() => writtenSince(system.store, before), (written) => written.length > 0);
      });
    });
  }
});
