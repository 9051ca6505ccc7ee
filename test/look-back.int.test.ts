import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchCycle, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

/**
 * Checks that look back: the frame's attributes of a unit as `unit`, and its approved response
 * of the survey's previous cycle as `previous`, in the task workflow's checks, in the task's
 * detail (for the form and the reviewer) and in the frame.
 */
let system: TestSystem;
let manager: Api;
let enumerator: Api;
let supervisor: Api;

const SURVEY = {
  code: 'DN_LB',
  title: { vi: 'Báo cáo tháng của doanh nghiệp', en: 'Monthly enterprise report' },
  kind: 'reporting',
  unitType: 'enterprise',
  items: [
    { id: 'turnover', type: 'decimal', required: true, min: 0, label: { vi: 'Doanh thu (triệu đồng)', en: 'Turnover (million dong)' } },
    { id: 'employees', type: 'integer', required: true, min: 0, label: { vi: 'Số lao động', en: 'Employees' } },
  ],
  checks: [
    { id: 'jump', severity: 'warn', expression: 'previous == null || turnover <= previous.turnover * 3.0', message: { vi: 'Doanh thu tăng hơn ba lần so với kỳ trước', en: 'Turnover more than tripled since last period' } },
    { id: 'small', severity: 'block', expression: "!has(unit.size) || unit.size != 'small' || employees < 50", message: { vi: 'Doanh nghiệp nhỏ có dưới 50 lao động', en: 'A small enterprise has under 50 employees' } },
  ],
  reviewLevels: ['province'],
  outputs: [{ id: 'enterprises', aggregate: 'count', by: 'province' }],
};
const deadline = () => new Date(Date.now() + 864e5).toISOString();
type Detail = { id: string; lookBack: { unit: Record<string, unknown>; previous: Record<string, unknown> | null } };
type Submitted = { status: string; failed: { id: string }[]; warnings: { id: string }[] };

beforeAll(async () => {
  system = await startTestSystem();
  manager = await system.login('manager');
  enumerator = await system.login('enum.hanoi');
  supervisor = await system.login('sup.hanoi');
  expect((await manager.post('/api/surveys', SURVEY)).statusCode).toBe(201);
});

afterAll(async () => {
  await system?.stop();
});

describe('the frame’s attributes', () => {
  it('are imported from JSON and from CSV `attr.` columns, numbers as numbers, and listed with the unit', async () => {
    const json = await manager.post('/api/units/import', [{ id: 'LB-BIG', type: 'enterprise', areaCode: '01001', name: 'Công ty Lớn', enumerator: 'enum.hanoi', attributes: { size: 'large', taxCode: '0101234567' } }]);
    expect(json.json()).toEqual({ imported: 1, rejected: [] });
    const csv = ['id,type,areaCode,name,enumerator,attr.size,attr.turnover2025', 'LB-SMALL,enterprise,01001,Cơ sở Nhỏ,enum.hanoi,small,1250.5', 'LB-NONE,enterprise,01001,Cơ sở Mới,enum.hanoi,,'].join('\n');
    const imported = await manager.post('/api/units/import', csv, { 'content-type': 'text/csv' });
    expect(imported.json()).toEqual({ imported: 2, rejected: [] });
    const units = (await manager.get('/api/frame/units?type=enterprise&q=LB')).json<{ items: { id: string; attributes: Record<string, unknown> }[] }>().items;
    expect(Object.fromEntries(units.map((u) => [u.id, u.attributes]))).toEqual({
      'LB-BIG': { size: 'large', taxCode: '0101234567' },
      'LB-SMALL': { size: 'small', turnover2025: 1250.5 },
      'LB-NONE': {},
    });
  });

  it('refuses attributes that are not scalars under identifiers, naming the line', async () => {
    const res = await manager.post('/api/units/import', [
      { id: 'LB-X1', type: 'enterprise', areaCode: '01001', name: 'X', attributes: { 'bad name': 1 } },
      { id: 'LB-X2', type: 'enterprise', areaCode: '01001', name: 'X', attributes: { nested: { a: 1 } } },
    ]);
    const answer = res.json<{ imported: number; rejected: { line: number; errors: { path: string }[] }[] }>();
    expect(answer.imported).toBe(0);
    expect(answer.rejected.map((r) => [r.line, r.errors[0]?.path.split('.')[0]])).toEqual([[1, 'attributes'], [2, 'attributes']]);
  });
});

describe('checks that see the unit and its previous response', () => {
  let october: string;
  let november: string;

  beforeAll(async () => {
    october = (await launchCycle(manager, { survey: 'DN_LB', period: '2026-10', areaCodes: ['01001'], collectionDeadline: deadline() })).id;
    const big = `${october}.LB-BIG`;
    expect((await enumerator.post(`/api/tasks/${big}/submit`, { data: { turnover: 100, employees: 80 } })).json()).toMatchObject({ status: 'in_review' });
    expect((await supervisor.post(`/api/tasks/${big}/review`, { decision: 'approve', level: 'province', comment: '' })).statusCode).toBe(200);
    // Sent but never approved: not what the next period looks back at.
    expect((await enumerator.post(`/api/tasks/${october}.LB-NONE/submit`, { data: { turnover: 5, employees: 1 } })).json()).toMatchObject({ status: 'in_review' });
    november = (await launchCycle(manager, { survey: 'DN_LB', period: '2026-11', areaCodes: ['01001'], collectionDeadline: deadline() })).id;
  });

  it('show the form and the reviewer what the checks see', async () => {
    const detail = (await enumerator.get(`/api/tasks/${november}.LB-BIG`)).json<Detail>();
    expect(detail.lookBack).toEqual({ unit: { size: 'large', taxCode: '0101234567' }, previous: { turnover: 100, employees: 80 } });
    expect((await supervisor.get(`/api/tasks/${november}.LB-NONE`)).json<Detail>().lookBack).toEqual({ unit: {}, previous: null });
    // The first period has nothing before it.
    expect((await enumerator.get(`/api/tasks/${october}.LB-SMALL`)).json<Detail>().lookBack.previous).toBeNull();
  });

  it('warn when turnover more than triples since the approved previous response', async () => {
    const res = await enumerator.post(`/api/tasks/${november}.LB-BIG/submit`, { data: { turnover: 301, employees: 80 } });
    const answer = res.json<Submitted>();
    expect(answer.status).toBe('in_review');
    expect(answer.warnings.map((w) => w.id)).toEqual(['jump']);
    // Without an approved previous response there is nothing to compare with.
    expect((await enumerator.post(`/api/tasks/${november}.LB-NONE/submit`, { data: { turnover: 900, employees: 1 } })).json<Submitted>().warnings).toEqual([]);
  });

  it('block a small enterprise that reports 50 employees or more', async () => {
    const res = await enumerator.post(`/api/tasks/${november}.LB-SMALL/submit`, { data: { turnover: 10, employees: 60 } });
    expect(res.json<Submitted>()).toMatchObject({ status: 'checks_failed', failed: [{ id: 'small' }] });
  });
});
