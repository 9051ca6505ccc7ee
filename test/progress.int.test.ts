import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGeography } from '../domain/geography/geography.js';
import type { RecordedEvent } from '../eventstore/port.js';
import { openReadDb } from '../projections/projector.js';
import { tasksModel } from '../projections/tasks/model.js';
import { progressByArea } from '../projections/tasks/queries.js';
import { launchCycle, startTestSystem, type Api, type CycleOverview, type TestSystem } from './helpers/system.js';
import { lfsHousehold, withSecondHead } from './helpers/lfs.js';

type AreaProgress = { areaCode: string; areaName: string; total: number; overdue: number; counts: Record<string, number> };
type Progress = { cycleId: string; level: string; parent: string | null; items: AreaProgress[] };
type TaskItem = { id: string; areaCode: string };

let system: TestSystem;
let manager: Api;
let supHanoi: Api;
let supHcm: Api;
let enumHanoi: Api;
let auditor: Api;
let cycle: CycleOverview;
let hanoiOnly: CycleOverview;
/** The Hà Nội tasks sent to review and to checks_failed. */
let reviewed: TaskItem;
let failed: TaskItem;

const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const good = lfsHousehold({ members: 4, employed: 2, unemployed: 1, income: 20 });

beforeAll(async () => {
  system = await startTestSystem();
  [manager, supHanoi, supHcm, enumHanoi, auditor] = await Promise.all([
    system.login('manager'),
    system.login('sup.hanoi'),
    system.login('sup.hcm'),
    system.login('enum.hanoi'),
    system.login('auditor'),
  ]);
  // The demo frame: five households in each of four communes of Hà Nội (01) and of Hồ Chí Minh City (79).
  cycle = await launchCycle(manager, { survey: 'LFS', period: '2026-11', areaCodes: ['01', '79'], collectionDeadline: inAMonth() });
  hanoiOnly = await launchCycle(manager, { survey: 'LFS', period: '2026-10', areaCodes: ['01001'], collectionDeadline: inAMonth() });
  const tasks = (await enumHanoi.get(`/api/cycles/${cycle.id}/tasks?limit=1000`)).json<{ items: TaskItem[] }>().items;
  reviewed = tasks.find((t) => t.areaCode === '01002')!;
  failed = tasks.find((t) => t.areaCode === '01003')!;
  const submit = (task: TaskItem, data: object) => enumHanoi.post(`/api/tasks/${task.id}/submit`, { data });
  expect((await submit(reviewed, good)).json()).toMatchObject({ status: 'in_review' });
  expect((await submit(failed, withSecondHead(good))).json()).toMatchObject({ status: 'checks_failed' });
});

afterAll(async () => {
  await system?.stop();
});

async function progress(api: Api, query: string, cycleId = cycle.id): Promise<Progress> {
  const res = await api.get(`/api/cycles/${cycleId}/progress${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Progress>();
}
const codes = (p: Progress) => p.items.map((i) => i.areaCode);
const zero = { assigned: 0, checks_failed: 0, in_review: 0, rejected: 0, approved: 0, non_response: 0, cancelled: 0 };

describe('GET /api/cycles/:id/progress', () => {
  it('counts tasks by status per province, with names, overdue and totals', async () => {
    expect(cycle.total).toBe(40);
    const p = await progress(manager, '?level=province');
    expect(p).toMatchObject({ cycleId: cycle.id, level: 'province', parent: null });
    expect(p.items).toEqual([
      { areaCode: '01', areaName: 'Thành phố Hà Nội', total: 20, overdue: 0, counts: { ...zero, assigned: 18, in_review: 1, checks_failed: 1 } },
      { areaCode: '79', areaName: 'Thành phố Hồ Chí Minh', total: 20, overdue: 0, counts: { ...zero, assigned: 20 } },
    ]);
  });

  it('counts per commune of one province when given its code as parent', async () => {
    const p = await progress(manager, '?level=commune&parent=01');
    expect(p.parent).toBe('01');
    expect(codes(p)).toEqual(['01001', '01002', '01003', '01004']);
    const byCode = new Map(p.items.map((i) => [i.areaCode, i]));
    expect(byCode.get('01001')).toEqual({ areaCode: '01001', areaName: demoGeography().get('01001')!.name, total: 5, overdue: 0, counts: { ...zero, assigned: 5 } });
    expect(byCode.get('01002')!.counts).toEqual({ ...zero, assigned: 4, in_review: 1 });
    expect(byCode.get('01003')!.counts).toEqual({ ...zero, assigned: 4, checks_failed: 1 });
    expect(byCode.get('01004')!.counts).toEqual({ ...zero, assigned: 5 });
  });

  it('counts every commune of the cycle without a parent, and the default level is province', async () => {
    const communes = await progress(manager, '?level=commune');
    expect(codes(communes)).toEqual(['01001', '01002', '01003', '01004', '79001', '79002', '79003', '79004']);
    expect(communes.items.reduce((a, i) => a + i.total, 0)).toBe(40);
    expect(codes(await progress(manager, ''))).toEqual(['01', '79']);
    expect(codes(await progress(manager, '?level=province&parent=VN'))).toEqual(['01', '79']);
  });

  it('shows a supervisor only the rows of their areas', async () => {
    const provinces = await progress(supHanoi, '?level=province');
    expect(codes(provinces)).toEqual(['01']);
    expect(provinces.items[0]!.total).toBe(20);
    expect(codes(await progress(supHanoi, '?level=commune'))).toEqual(['01001', '01002', '01003', '01004']);
    expect((await progress(supHanoi, '?level=commune&parent=79')).items).toEqual([]);
    expect(codes(await progress(supHcm, '?level=commune'))).toEqual(['79001', '79002', '79003', '79004']);
  });

  it('shows an enumerator only their areas, and an auditor everything', async () => {
    expect(codes(await progress(enumHanoi, '?level=province'))).toEqual(['01']);
    expect(codes(await progress(auditor, '?level=province'))).toEqual(['01', '79']);
  });

  it('answers 404 for a cycle outside the caller’s areas and for an unknown cycle', async () => {
    expect(codes(await progress(supHanoi, '?level=commune', hanoiOnly.id))).toEqual(['01001']);
    for (const [api, id] of [[supHcm, hanoiOnly.id], [manager, 'LFS-1999-12-000000']] as const) {
      const res = await api.get(`/api/cycles/${id}/progress?level=province`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it.each([
    ['an unknown level', '?level=district', 'querystring.level'],
    ['a parent that is not above the level', '?level=commune&parent=01001', 'querystring.parent'],
    ['an unknown parameter', '?level=province&status=assigned', 'querystring.status'],
  ])('refuses %s with 400 naming it', async (_what, query, path) => {
    const res = await manager.get(`/api/cycles/${cycle.id}/progress${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(path);
  });

  it('answers 404 for a parent that is no area', async () => {
    const res = await manager.get(`/api/cycles/${cycle.id}/progress?level=commune&parent=99`);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ detail: string }>().detail).toBe('no area 99');
  });

  it('answers 401 without a token', async () => {
    const res = await system.app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/progress` });
    expect(res.statusCode).toBe(401);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await system.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { tags: string[]; security: unknown[] }>> }>();
    const get = doc.paths['/api/cycles/{id}/progress']?.get;
    expect(get?.tags).toEqual(['cycles']);
    expect(get?.security).toEqual([{ bearer: [] }]);
  });
});

describe('progressByArea over the tasks read model', () => {
  // Overdue needs a due date to pass, which a live cycle would take too long for: the events are applied directly.
  const geography = demoGeography();
  let position = 0;
  const event = (taskId: string, type: string, data: unknown): RecordedEvent => ({
    id: `e${++position}`,
    stream: `task-${taskId}`,
    revision: 0,
    position,
    type,
    data,
    metadata: { actor: 'system', correlationId: 'test', causationId: null, workflowId: null, at: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
  });
  const assigned = (unitId: string, areaCode: string) =>
    event(`C.${unitId}`, 'TaskAssigned', { taskId: `C.${unitId}`, cycleId: 'C', surveyId: 'LFS', unitId, areaCode, enumerator: 'enum.hanoi', reviewLevels: ['commune'], dueAt: '2026-01-01T00:00:00.000Z' });

  it('counts an overdue task until it becomes final', () => {
    const model = tasksModel(geography);
    const db = openReadDb(':memory:', [model]);
    const apply = (e: RecordedEvent) => {
      model.apply(db, e, { cycles: new Set(), tasks: new Set() });
      model.flush?.(db);
    };
    [assigned('A', '01001'), assigned('B', '01001'), assigned('C', '01002')].forEach(apply);
    apply(event('C.A', 'TaskOverdue', { enumerator: 'enum.hanoi', dueAt: '2026-01-01T00:00:00.000Z', alerted: [] }));
    expect(progressByArea(db, 'C', 'commune', null).map((a) => [a.areaCode, a.overdue, a.total])).toEqual([
      ['01001', 1, 2],
      ['01002', 0, 1],
    ]);
    expect(progressByArea(db, 'C', 'province', null)).toEqual([{ areaCode: '01', overdue: 1, total: 3, counts: { ...zero, assigned: 3 } }]);
    apply(event('C.A', 'TaskCancelled', { reason: 'test' }));
    expect(progressByArea(db, 'C', 'province', null)[0]).toMatchObject({ overdue: 0, total: 3, counts: { assigned: 2, cancelled: 1 } });
    expect(progressByArea(db, 'C', 'province', ['79'])).toEqual([]);
  });
});

describe('GET /api/cycles/:id/timeline', () => {
  type Timeline = { cycleId: string; bucket: string; points: { at: string; submitted: number; approved: number; rejected: number }[] };
  const timeline = async (api: Api, query = '') => {
    const res = await api.get(`/api/cycles/${cycle.id}/timeline${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Timeline>();
  };
  const sum = (t: Timeline, kind: 'submitted' | 'approved' | 'rejected') => t.points.reduce((a, p) => a + p[kind], 0);

  it('counts submissions per hour and per day, within the caller’s areas', async () => {
    const byHour = await timeline(manager);
    expect(byHour.bucket).toBe('hour');
    expect(sum(byHour, 'submitted')).toBe(2);
    expect(byHour.points.every((p) => /^\d{4}-\d\d-\d\dT\d\d:00:00Z$/.test(p.at))).toBe(true);
    const byDay = await timeline(manager, '?bucket=day');
    expect(byDay.points.every((p) => /^\d{4}-\d\d-\d\dT00:00:00Z$/.test(p.at))).toBe(true);
    expect(sum(byDay, 'submitted')).toBe(2);
    expect(sum(await timeline(supHanoi), 'submitted')).toBe(2);
    expect((await timeline(supHcm)).points).toEqual([]);
  });

  it('counts approvals and rejections as reviews happen', async () => {
    expect((await supHanoi.post(`/api/tasks/${reviewed.id}/review`, { decision: 'reject', level: 'commune', comment: 'Kiểm tra lại' })).statusCode).toBe(200);
    const after = await timeline(auditor);
    expect([sum(after, 'submitted'), sum(after, 'approved'), sum(after, 'rejected')]).toEqual([2, 0, 1]);
  });

  it('checks its query and hides cycles outside the caller’s areas', async () => {
    expect((await manager.get(`/api/cycles/${cycle.id}/timeline?bucket=week`)).statusCode).toBe(400);
    expect((await supHcm.get(`/api/cycles/${hanoiOnly.id}/timeline`)).statusCode).toBe(404);
  });
});

describe('GET /api/areas/:code and the survey of a task', () => {
  it('names an area with its ancestry from the country down, and 404s an unknown code', async () => {
    const res = await supHanoi.get('/api/areas/01002');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: '01002', level: 'commune', parent: '01', ancestry: [{ code: 'VN' }, { code: '01', name: 'Thành phố Hà Nội', level: 'province' }] });
    expect((await supHanoi.get('/api/areas/99999')).statusCode).toBe(404);
  });

  it('tells where the Temporal web UI is (none for a system started without one)', async () => {
    expect((await supHanoi.get('/api/links')).json()).toEqual({ temporalUi: null, namespace: 'default' });
  });

  it('gives the survey of a task in its detail', async () => {
    expect((await enumHanoi.get(`/api/tasks/${reviewed.id}`)).json()).toMatchObject({ id: reviewed.id, cycleId: cycle.id, surveyId: 'LFS' });
  });
});
