import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lfsHousehold, withSecondHead } from './helpers/lfs.js';
import { launchCycle, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

/**
 * Reporting rates (api/routes/reporting.ts): by area and period, with the units each cycle was
 * launched for as the denominator, over the caller's areas, as JSON and CSV.
 */
type Rate = { areaCode: string; areaName: string; period: string; expected: number; received: number; onTime: number; late: number; approved: number; rate: number | null; onTimeRate: number | null };
type Rates = { survey: string; level: string; parent: string | null; periods: string[]; items: Rate[] };

let system: TestSystem;
let manager: Api;
let supHanoi: Api;
let supHcm: Api;
let enumHanoi: Api;
/** Units per commune, as the frame held them at launch. */
const expected = { '01001': 0, '79001': 0 };
const deadline = () => new Date(Date.now() + 864e5).toISOString();
const rates = async (api: Api, query = '') => api.get(`/api/surveys/LFS/reporting-rates${query}`);
const cell = (answer: Rates, areaCode: string, period: string) => answer.items.find((item) => item.areaCode === areaCode && item.period === period);

beforeAll(async () => {
  system = await startTestSystem();
  [manager, supHanoi, supHcm, enumHanoi] = (await Promise.all(['manager', 'sup.hanoi', 'sup.hcm', 'enum.hanoi'].map((user) => system.login(user)))) as [Api, Api, Api, Api];
  // Two periods: the first over a Hà Nội and a Hồ Chí Minh City commune, the second over Hà Nội only.
  const first = await launchCycle(manager, { survey: 'LFS', period: '2026-07', areaCodes: ['01001', '79001'], collectionDeadline: deadline() });
  await launchCycle(manager, { survey: 'LFS', period: '2026-08', areaCodes: ['01001'], collectionDeadline: deadline() });
  const tasks = (await manager.get(`/api/cycles/${first.id}/tasks?limit=1000`)).json<{ items: { id: string; areaCode: string }[] }>().items;
  for (const code of Object.keys(expected) as (keyof typeof expected)[]) expected[code] = tasks.filter((t) => t.areaCode === code).length;
  const hanoi = tasks.filter((t) => t.areaCode === '01001');
  const answers = lfsHousehold({ members: 3, employed: 1 });
  // Two received (one of them sent twice), one whose checks failed: not received.
  for (const [i, data] of [answers, answers, withSecondHead(answers)].entries()) {
    const res = await enumHanoi.post(`/api/tasks/${hanoi[i]!.id}/submit`, { data });
    expect(res.statusCode, res.body).toBe(200);
  }
  // Sent again after a rejection: still one response received.
  const reject = await supHanoi.post(`/api/tasks/${hanoi[1]!.id}/review`, { decision: 'reject', level: 'commune', comment: 'Kiểm tra lại' });
  expect(reject.statusCode, reject.body).toBe(200);
  expect((await enumHanoi.post(`/api/tasks/${hanoi[1]!.id}/submit`, { data: answers })).statusCode).toBe(200);
  // Approved at both levels by the province's supervisor.
  for (const level of ['commune', 'province']) {
    const res = await supHanoi.post(`/api/tasks/${hanoi[0]!.id}/review`, { decision: 'approve', level, comment: '' });
    expect(res.statusCode, res.body).toBe(200);
  }
});

afterAll(async () => {
  await system?.stop();
});

describe('GET /api/surveys/:id/reporting-rates', () => {
  it('counts by province and period: expected from the launch, received once each, on time, approved', async () => {
    const res = await rates(manager, '?from=2026-07&to=2026-08');
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json<Rates>();
    expect(answer).toMatchObject({ survey: 'LFS', level: 'province', parent: null, periods: ['2026-07', '2026-08'] });
    const n = expected['01001'];
    expect(cell(answer, '01', '2026-07')).toEqual({ areaCode: '01', areaName: 'Thành phố Hà Nội', period: '2026-07', expected: n, received: 2, onTime: 2, late: 0, approved: 1, rate: 2 / n, onTimeRate: 2 / n });
    expect(cell(answer, '79', '2026-07')).toMatchObject({ expected: expected['79001'], received: 0, rate: 0 });
    expect(cell(answer, '01', '2026-08')).toMatchObject({ expected: n, received: 0, approved: 0 });
    // Hồ Chí Minh City was not in the second period: no row, not a zero.
    expect(cell(answer, '79', '2026-08')).toBeUndefined();
  });

  it('keeps to the periods asked for, and drills down to the communes of a province', async () => {
    expect((await rates(manager, '?from=2026-08')).json<Rates>().periods).toEqual(['2026-08']);
    const communes = (await rates(manager, '?level=commune&parent=01&to=2026-07')).json<Rates>();
    expect(communes.items.map((item) => [item.areaCode, item.period, item.received])).toEqual([['01001', '2026-07', 2]]);
  });

  it('counts over the caller’s areas only', async () => {
    const hanoi = (await rates(supHanoi)).json<Rates>();
    expect(new Set(hanoi.items.map((item) => item.areaCode))).toEqual(new Set(['01']));
    const hcm = (await rates(supHcm)).json<Rates>();
    expect(hcm.items.map((item) => [item.areaCode, item.period])).toEqual([['79', '2026-07']]);
    expect((await rates(enumHanoi)).statusCode).toBe(403);
  });

  it('downloads the same as CSV', async () => {
    const res = await manager.get('/api/surveys/LFS/reporting-rates.csv?to=2026-07');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = res.body.trim().split('\n');
    expect(header).toBe('areaCode,areaName,period,expected,received,onTime,late,approved,rate,onTimeRate');
    expect(lines).toContain(`01,Thành phố Hà Nội,2026-07,${expected['01001']},2,2,0,1,${2 / expected['01001']},${2 / expected['01001']}`);
  });

  it('answers 404 for an unknown survey and 400 naming a bad query field', async () => {
    expect((await manager.get('/api/surveys/NOPE/reporting-rates')).statusCode).toBe(404);
    for (const [query, path] of [
      ['?level=district', 'querystring.level'],
      ['?from=2026 07', 'querystring.from'],
      ['?parent=01', 'querystring.parent'],
      ['?level=commune&parent=01001', 'querystring.parent'],
    ] as const) {
      const res = await rates(manager, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path), query).toContain(path);
    }
  });
});
