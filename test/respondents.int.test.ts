import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../api/csv.js';
import { codeHash, enrolmentKey, enrolmentStreams } from '../domain/enrolment.js';
import { fresh, inDays, surveyBody, taskOf } from './helpers/scene.js';
import { launchCycle, type Api, type TestSystem, startTestSystem } from './helpers/system.js';

/**
 * Respondents: enterprises answering their own reports. Codes for letters, enrolment with
 * one (once, before it expires, while it is the unit's newest), tasks that go to a unit's
 * respondents, and a respondent that sees only its own units.
 */
const RATE = 40;
let system: TestSystem;
let manager: Api;
const tag = fresh('').toUpperCase();
const survey = `ENT${tag}`;
const unitType = `enterprise_${tag.toLowerCase()}`;
const units = { a: `A${tag}`, b: `B${tag}`, c: `C${tag}`, d: `D${tag}`, hcm: `H${tag}` };
type Row = Record<'unitId' | 'name' | 'areaCode' | 'code' | 'expiresAt', string>;

const anonymous = (method: 'POST' | 'GET', url: string, payload?: unknown) => system.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
const enrol = (code: string, username: string) => anonymous('POST', '/api/auth/enrol', { code, username, password: 'a long password', email: `${username}@example.vn` });
const asRows = (csv: string): Row[] => {
  const [header, ...lines] = parseCsv(csv.trim());
  return lines.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i]!])) as Row);
};
async function codes(caller: Api, body: unknown): Promise<Row[]> {
  const res = await caller.post('/api/units/enrolment-codes', body);
  expect(res.statusCode, res.body).toBe(201);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  return asRows(res.body);
}
const users = async () => (await system.store.readAll({})).filter((e) => e.type === 'UserCreated').length;

beforeAll(async () => {
  system = await startTestSystem({ enrolRateLimit: RATE });
  manager = await system.login('manager');
  expect((await manager.post('/api/surveys', { ...surveyBody(survey, unitType), reviewLevels: ['commune'] })).statusCode).toBe(201);
  const imported = await manager.post('/api/units/import', [
    { id: units.a, type: unitType, areaCode: '01001', name: 'Công ty A' },
    { id: units.b, type: unitType, areaCode: '01001', name: 'Công ty B' },
    { id: units.c, type: unitType, areaCode: '01001', name: 'Công ty C' },
    { id: units.d, type: unitType, areaCode: '01001', name: 'Công ty D' },
    { id: units.hcm, type: unitType, areaCode: '79001', name: 'Công ty HCM' },
  ]);
  expect(imported.json()).toMatchObject({ imported: 5 });
});

afterAll(async () => {
  await system?.stop();
});

describe('enrolment codes', () => {
  it('come as CSV for letters, one per unit, and the log keeps none of them', async () => {
    const rows = await codes(manager, { unitIds: [units.a, units.b] });
    expect(rows.map((r) => [r.unitId, r.name, r.areaCode])).toEqual([
      [units.a, 'Công ty A', '01001'],
      [units.b, 'Công ty B', '01001'],
    ]);
    for (const row of rows) expect(row.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(Date.parse(rows[0]!.expiresAt)).toBeGreaterThan(Date.now() + 80 * 864e5);
    const log = JSON.stringify(await system.store.readAll({}));
    for (const row of rows) {
      expect(log).not.toContain(row.code);
      expect(log).not.toContain(row.code.replaceAll('-', ''));
    }
  });

  it('are given by a supervisor for units of their areas only, and by type and area', async () => {
    const supervisor = await system.login('sup.hcm');
    const refused = await supervisor.post('/api/units/enrolment-codes', { unitIds: [units.a] });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'enrolment.units_invalid', errors: [{ path: 'body.unitIds' }] });
    expect((await supervisor.post('/api/units/enrolment-codes', { unitType, areaCodes: ['01'] })).statusCode).toBe(400);
    const own = await codes(supervisor, { unitType, areaCodes: ['79'] });
    expect(own.map((r) => r.unitId)).toEqual([units.hcm]);
    const enumerator = await system.login('enum.hanoi');
    expect((await enumerator.post('/api/units/enrolment-codes', { unitIds: [units.a] })).statusCode).toBe(403);
  });
});

describe('enrolling', () => {
  let a: Row;
  let respondent: Api;

  beforeAll(async () => {
    a = (await codes(manager, { unitIds: [units.a] }))[0]!;
  });

  it('makes a respondent bound to the unit and signs it in, the code typed in any case and without dashes', async () => {
    const username = fresh('cty.a.');
    const res = await enrol(a.code.toLowerCase().replaceAll('-', ' '), username);
    expect(res.statusCode, res.body).toBe(201);
    const signedIn = res.json<{ token: string; user: Record<string, unknown> }>();
    expect(signedIn.user).toMatchObject({ username, role: 'respondent', unitIds: [units.a], areaCodes: [] });
    respondent = await system.login(username, 'a long password');
    expect((await respondent.get('/api/me')).json()).toMatchObject({ username, role: 'respondent', unitIds: [units.a], email: `${username}@example.vn` });
    const [created] = await system.store.readStream(`user-${username}`);
    expect(created?.data).toMatchObject({ role: 'respondent', unitIds: [units.a], enrolledWith: codeHash(enrolmentKey(system.app.deps.authSecret), a.code) });
  });

  it('refuses a used, a wrong and an expired code alike, making nothing', async () => {
    const key = enrolmentKey(system.app.deps.authSecret);
    const expired = 'ZZZZ-ZZZZ-ZZZ1';
    await system.store.append(
      enrolmentStreams.batch(fresh('expired-')),
      [{ type: 'EnrolmentCodesIssued', data: { batchId: 'expired', by: 'manager', expiresAt: inDays(-1), codes: [{ unitId: units.c, hash: codeHash(key, expired) }] }, metadata: { actor: 'manager', correlationId: 'test', causationId: null, workflowId: null, at: inDays(-30) } }],
      { expected: 'no_stream' },
    );
    const before = await users();
    const answers = await Promise.all([enrol(a.code, fresh('again.')), enrol('7KQ2-M9XD-4TRV', fresh('wrong.')), enrol(expired, fresh('late.'))]);
    const shown = answers.map((res) => {
      expect(res.statusCode, res.body).toBe(400);
      const { code, detail, errors } = res.json<{ code: string; detail: string; errors: unknown }>();
      return { code, detail, errors };
    });
    expect(shown[0]).toMatchObject({ code: 'enrolment.code_invalid', errors: [{ path: 'body.code' }] });
    expect(shown[1]).toEqual(shown[0]);
    expect(shown[2]).toEqual(shown[0]);
    expect(await users()).toBe(before);
  });

  it('refuses the code of a letter sent again, and takes the new one', async () => {
    const [first] = await codes(manager, { unitIds: [units.b] });
    const [second] = await codes(manager, { unitIds: [units.b] });
    expect((await enrol(first!.code, fresh('old.'))).statusCode).toBe(400);
    expect((await enrol(second!.code, fresh('cty.b.'))).statusCode).toBe(201);
  });

  it('refuses a taken username without using the code up', async () => {
    const [c] = await codes(manager, { unitIds: [units.c] });
    const taken = await enrol(c!.code, 'manager');
    expect(taken.statusCode, taken.body).toBe(409);
    expect((await enrol(c!.code, fresh('cty.c.'))).statusCode).toBe(201);
  });

  describe('then, in a cycle', () => {
    let cycleId: string;

    beforeAll(async () => {
      cycleId = (await launchCycle(manager, { survey, period: '2026-11', areaCodes: ['01001'], collectionDeadline: inDays(20) })).id;
    });

    it('its unit’s task goes to its respondents, and a unit without one to an enumerator', async () => {
      const tasks = (await manager.get(`/api/cycles/${cycleId}/tasks?limit=10`)).json<{ items: { unitId: string; enumerator: string }[] }>().items;
      const byUnit = Object.fromEntries(tasks.map((t) => [t.unitId, t.enumerator]));
      expect(byUnit[units.a]).toBe('');
      expect(byUnit[units.b]).toBe('');
      expect(byUnit[units.c]).toBe('');
      // Nobody enrolled for D: an enumerator of its commune collects it.
      expect(byUnit[units.d]).toMatch(/^enum\./);
      expect(tasks).toHaveLength(4);
    });

    it('lists what is due, saves a draft, submits with a receipt and lists it sent', async () => {
      const mine = taskOf(cycleId, units.a);
      const due = (await respondent.get('/api/my/reports')).json<{ items: Record<string, unknown>[] }>().items;
      expect(due).toEqual([expect.objectContaining({ id: mine, surveyId: survey, period: '2026-11', unitName: 'Công ty A', status: 'assigned', due: true, receipt: null })]);
      expect((await respondent.put(`/api/tasks/${mine}/draft`, { data: { members: 2 }, savedAt: new Date().toISOString() })).statusCode).toBe(200);
      expect((await respondent.get(`/api/tasks/${mine}/draft`)).json()).toMatchObject({ data: { members: 2 } });
      // The list says a draft waits, so the portal offers to continue it.
      expect((await respondent.get('/api/my/reports')).json<{ items: Record<string, unknown>[] }>().items[0]).toMatchObject({ id: mine, draftSavedAt: expect.any(String) });
      const submitted = await respondent.post(`/api/tasks/${mine}/submit`, { data: { members: 3 } }, { 'idempotency-key': fresh('resp-submit-') });
      expect(submitted.statusCode, submitted.body).toBe(200);
      const { receipt } = submitted.json<{ receipt: { id: string } }>();
      expect(receipt.id).toMatch(/^\d+-/);
      const sent = (await respondent.get('/api/my/reports')).json<{ items: Record<string, unknown>[] }>().items;
      expect(sent).toEqual([expect.objectContaining({ id: mine, status: 'in_review', due: false, receipt: expect.objectContaining({ id: receipt.id }), draftSavedAt: null })]);
      const events = await system.store.readStream(`task-${mine}`);
      const me = (await respondent.get('/api/me')).json<{ username: string }>().username;
      expect(events.find((e) => e.type === 'ResponseSubmitted')?.data).toMatchObject({ by: me });
    });

    it('sees another unit’s task as one that does not exist, and no list of the office', async () => {
      const other = taskOf(cycleId, units.b);
      const [hidden, unknown] = await Promise.all([respondent.get(`/api/tasks/${other}`), respondent.get(`/api/tasks/${cycleId}.NOSUCH`)]);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.body.replaceAll(other, '?')).toBe(unknown.body.replaceAll(`${cycleId}.NOSUCH`, '?'));
      expect((await respondent.post(`/api/tasks/${other}/submit`, { data: { members: 3 } })).statusCode).toBe(404);
      expect((await respondent.put(`/api/tasks/${other}/draft`, { data: {}, savedAt: new Date().toISOString() })).statusCode).toBe(404);
      for (const url of ['/api/cycles', `/api/cycles/${cycleId}`, `/api/cycles/${cycleId}/tasks`, '/api/surveys', '/api/areas', '/api/users', '/api/frame/units']) {
        expect((await respondent.get(url)).statusCode, url).toBe(403);
      }
      expect((await respondent.get(`/api/surveys/${survey}`)).statusCode).toBe(200);
      expect((await respondent.get(`/api/surveys/${survey}/versions/1`)).statusCode).toBe(200);
      expect((await respondent.get('/api/surveys/LFS')).statusCode).toBe(404);
      expect((await respondent.get('/api/surveys/LFS/versions/1')).statusCode).toBe(404);
    });
  });
});

describe('brute force on enrolment', () => {
  it('is stopped by the rate limit, with nothing made', async () => {
    const before = await users();
    const statuses: number[] = [];
    for (let i = 0; i < RATE + 5 && !statuses.includes(429); i++) statuses.push((await enrol(`AAAA-BBBB-${String(i).padStart(4, '0')}`, fresh('guess.'))).statusCode);
    expect(statuses).toContain(429);
    expect(new Set(statuses)).toEqual(new Set([400, 429]));
    expect(await users()).toBe(before);
  });
});
