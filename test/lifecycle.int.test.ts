import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../api/passwords.js';
import { eventually, launchCycle, startTestSystem, type Api, type CycleOverview, type TestSystem } from './helpers/system.js';
import { lfsHousehold } from './helpers/lfs.js';

type Overview = CycleOverview;
type TaskItem = { id: string; status: string; enumerator: string; areaCode: string };

let system: TestSystem;
let manager: Api;
let enumerator: Api;
let supervisor: Api;

beforeAll(async () => {
  system = await startTestSystem();
  [manager, enumerator, supervisor] = await Promise.all([system.login('manager'), system.login('enum.hcm'), system.login('sup.hcm')]);
});

afterAll(async () => {
  await system?.stop();
});

/** A monthly enterprise report: one field, one review level, published by itself. */
const REPORT = {
  code: 'ENT',
  title: { vi: 'Báo cáo doanh nghiệp', en: 'Enterprise report' },
  kind: 'reporting',
  unitType: 'firm',
  fields: [{ id: 'revenue', type: 'decimal', required: true, min: 0, label: { vi: 'Doanh thu', en: 'Revenue' } }],
  checks: [{ id: 'revenue_cap', expression: 'revenue < 1000000.0', severity: 'warn', message: { vi: 'Doanh thu rất lớn', en: 'Very large revenue' } }],
  reviewLevels: ['province'],
  outputs: [{ id: 'revenue', aggregate: 'sum', field: 'revenue', by: 'province' }],
  minCellSize: 1,
};

const overview = async (id: string) => (await manager.get(`/api/cycles/${id}`)).json<Overview>();
const tasksOf = async (api: Api, id: string) => (await api.get(`/api/cycles/${id}/tasks?limit=1000`)).json<{ items: TaskItem[] }>().items;

const launch = (body: Record<string, unknown>) => launchCycle(manager, body);

describe('POST /api/surveys', () => {
  it('takes a valid definition and refuses a bad one field by field', async () => {
    const created = await manager.post('/api/surveys', REPORT);
    expect(created.statusCode, created.body).toBe(201);
    expect((await manager.get('/api/surveys/ENT')).json()).toMatchObject({ id: 'ENT', definition: { code: 'ENT' } });
    expect((await manager.post('/api/surveys', REPORT)).statusCode).toBe(409);

    const bad = await manager.post('/api/surveys', { ...REPORT, code: 'BAD', checks: [{ ...REPORT.checks[0], expression: 'profit > 1' }], extra: 1 });
    expect(bad.statusCode).toBe(400);
    const badCheck = await manager.post('/api/surveys', { ...REPORT, code: 'BAD', checks: [{ ...REPORT.checks[0], expression: 'profit > 1' }] });
    expect(badCheck.statusCode).toBe(400);
    expect(badCheck.json()).toMatchObject({ errors: [{ path: 'body.checks.0.expression' }] });
    expect((await supervisor.post('/api/surveys', { ...REPORT, code: 'SUP' })).statusCode).toBe(403);
  });
});

describe('POST /api/units/import', () => {
  it('keeps the good lines of a JSON frame and names each bad one', async () => {
    const res = await manager.post('/api/units/import', [
      { id: 'E1', type: 'firm', areaCode: '79001', name: 'Công ty A' },
      { id: 'E2', type: 'firm', areaCode: '79002', name: 'Công ty B' },
      { id: 'E3', type: 'firm', areaCode: '99999', name: 'Nowhere' },
      { id: 'bad id!', type: 'firm', areaCode: '79001', name: 'X' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 2, rejected: [{ line: 3, errors: [{ path: 'areaCode' }] }, { line: 4, errors: [{ path: 'id' }] }] });
  });

  it('reads a CSV frame with line numbers counted from the header', async () => {
    const csv = 'id,type,areaCode,name,enumerator\nE4,firm,79003,"Công ty ""C""",enum.hcm\nE5,firm,79003,,\n';
    const res = await manager.post('/api/units/import', csv, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 1, rejected: [{ line: 3, errors: [{ path: 'name' }] }] });
  });
});

describe('a reporting cycle that publishes itself', () => {
  it('closes when every task is final and publishes the tables without a command', async () => {
    const cycle = await launch({ survey: 'ENT', period: '2026-10', areaCodes: ['79'], collectionDeadline: new Date(Date.now() + 864e5).toISOString(), autoPublish: true });
    expect(cycle.total).toBe(3);
    const tasks = await tasksOf(enumerator, cycle.id);
    for (const [i, task] of tasks.entries()) {
      const sent = await enumerator.post(`/api/tasks/${task.id}/submit`, { data: { revenue: 100 * (i + 1) } });
      expect(sent.json()).toMatchObject({ status: 'in_review', reviewLevel: 'province' });
      const approved = await supervisor.post(`/api/tasks/${task.id}/review`, { decision: 'approve', level: 'province' });
      expect(approved.json()).toMatchObject({ status: 'approved' });
    }
    await eventually(() => overview(cycle.id), (c) => c.status === 'published');
    const result = (await manager.get(`/api/cycles/${cycle.id}/results`)).json<{ tables: { rows: { areaCode: string; value: number }[] }[] }>();
    expect(result.tables[0]?.rows).toEqual([{ areaCode: '79', areaName: 'Thành phố Hồ Chí Minh', value: 600, suppressed: false }]);
  });
});

describe('steering a cycle', () => {
  it('cancels every open task when a manager cancels the cycle', async () => {
    const cycle = await launch({ survey: 'LFS', period: '2026-12', areaCodes: ['79001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    expect(cycle.total).toBe(5);
    const [first] = await tasksOf(enumerator, cycle.id);
    await enumerator.post(`/api/tasks/${first!.id}/submit`, { data: lfsHousehold({ members: 3, employed: 1, unemployed: 0 }) });
    const res = await manager.post(`/api/cycles/${cycle.id}/cancel`, { reason: 'wrong frame' });
    expect(res.statusCode, res.body).toBe(200);
    // The cycle reads cancelled only once every task has been told.
    const after = await eventually(() => overview(cycle.id), (c) => c.status === 'cancelled');
    expect(after.counts.cancelled).toBe(5);
    // Its overview says why, who asked and when.
    expect(after).toMatchObject({ cancellation: { reason: 'wrong frame', by: 'manager' } });
    expect(Date.parse(after.cancellation!.at)).toBeGreaterThan(Date.now() - 120_000);
    const closing = await manager.post(`/api/cycles/${cycle.id}/close`, {});
    expect(closing.statusCode).toBe(409);
    expect(closing.json()).toMatchObject({ code: 'cycle.is_final', params: { status: 'cancelled' } });
  });

  it('extends the deadline, then closes at the deadline with non-responses', async () => {
    const soon = new Date(Date.now() + 4000).toISOString();
    const cycle = await launch({ survey: 'LFS', period: '2027-01', areaCodes: ['79002'], collectionDeadline: soon });
    const earlier = await manager.post(`/api/cycles/${cycle.id}/deadline`, { collectionDeadline: new Date(Date.now() - 1000).toISOString() });
    expect(earlier.statusCode).toBe(400);
    // Refused by the cycle's workflow: its stable code and parameters reach the client through Temporal.
    const refusal = earlier.json<{ code: string; params: { deadline: string }; errors: { path: string; code: string }[] }>();
    expect(refusal).toMatchObject({ code: 'cycle.deadline_not_later', errors: [{ path: 'collectionDeadline', code: 'not_after' }] });
    expect(Date.parse(refusal.params.deadline)).toBe(Date.parse(soon));
    const later = new Date(Date.now() + 8000).toISOString();
    const extended = await manager.post(`/api/cycles/${cycle.id}/deadline`, { collectionDeadline: later });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({ collectionDeadline: later });
    await new Promise((r) => setTimeout(r, 5000));
    expect((await overview(cycle.id)).status).toBe('collecting');
    const closed = await eventually(() => overview(cycle.id), (c) => c.status === 'closed' && c.counts.non_response === 5, 20_000);
    expect(closed.counts.assigned).toBe(0);
    const events = (await manager.get(`/api/audit/streams/cycle-${cycle.id}`)).json<{ events: { type: string; data: { reason?: string } }[] }>().events;
    expect(events.find((e) => e.type === 'CollectionClosed')?.data.reason).toBe('deadline');
  });

  it('reassigns a task to another enumerator of the area, keeping its history', async () => {
    // A second enumerator in Hồ Chí Minh City (the accounts routes come later; the event is what they will write).
    const written = await system.store.append(
      'user-enum.hcm2',
      [{ type: 'UserCreated', data: { id: 'enum.hcm2', username: 'enum.hcm2', role: 'enumerator', areaCodes: ['79'], passwordHash: await hashPassword('demo') }, metadata: { actor: 'manager', correlationId: 'test', causationId: null, workflowId: null, at: new Date().toISOString() } }],
      { expected: 'no_stream' },
    );
    await system.projector.waitFor(written.position);
    const cycle = await launch({ survey: 'LFS', period: '2027-02', areaCodes: ['79003'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    const [task] = await tasksOf(enumerator, cycle.id);
    expect((await supervisor.post(`/api/tasks/${task!.id}/reassign`, { enumerator: 'enum.hanoi' })).statusCode).toBe(400);
    expect((await supervisor.post(`/api/tasks/${task!.id}/reassign`, { enumerator: 'enum.hcm' })).statusCode).toBe(409);
    const moved = await supervisor.post(`/api/tasks/${task!.id}/reassign`, { enumerator: 'enum.hcm2' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ enumerator: 'enum.hcm2', status: 'assigned' });
    expect((await enumerator.get(`/api/tasks/${task!.id}`)).statusCode).toBe(404);
    const newcomer = await system.login('enum.hcm2');
    expect((await newcomer.post(`/api/tasks/${task!.id}/submit`, { data: lfsHousehold({ members: 2, employed: 1, unemployed: 0 }) })).json()).toMatchObject({ status: 'in_review' });
    const history = (await manager.get(`/api/audit/streams/task-${task!.id}`)).json<{ events: { type: string }[] }>().events.map((e) => e.type);
    expect(history).toEqual(['TaskAssigned', 'TaskReassigned', 'ResponseSubmitted', 'ChecksPassed']);
  });
});
