import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countUnits } from '../projections/frame/model.js';
import { expectProblem } from './helpers/http.js';
import { startTestSystem, type Api, type TestSystem } from './helpers/system.js';

let system: TestSystem;
let manager: Api;

beforeAll(async () => {
  system = await startTestSystem({ worker: false });
  manager = await system.login('manager');
});

afterAll(async () => {
  await system?.stop();
});

type Imported = { imported: number; rejected: { line: number; errors: { path: string; message: string }[] }[] };
const units = () => countUnits(system.projector.db);

describe('frame import at census scale', () => {
  it('takes 100,000 CSV lines in one request, keeps the good ones and names each bad line with its reason', async () => {
    const before = units();
    const lines = ['id,type,areaCode,name,enumerator'];
    for (let i = 0; i < 100_000; i++) lines.push(`F${String(i).padStart(6, '0')},household,01${String((i % 126) + 1).padStart(3, '0')},"Hộ ${i}, thôn ${i % 50}",`);
    // Three bad lines among them: an unknown area, a missing id, an unknown enumerator (file lines count the header).
    lines[1001] = 'F9000001,household,99999,Hộ lạ,';
    lines[50_001] = ',household,01001,Không mã,';
    lines[99_999] = 'F9000003,household,01001,Hộ,nobody';
    const res = await manager.post('/api/units/import', lines.join('\n'), { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const body = res.json<Imported>();
    expect(body.imported).toBe(99_997);
    expect(body.rejected.map((r) => [r.line, r.errors.map((e) => e.path)])).toEqual([
      [1002, ['areaCode']],
      [50_002, ['id']],
      [100_000, ['enumerator']],
    ]);
    await system.projector.settle();
    expect(units() - before).toBe(99_997);
  });

  it('refuses more than 100,000 lines as a whole, storing nothing', async () => {
    const before = await system.store.headPosition();
    const records = Array.from({ length: 100_001 }, (_, i) => ({ id: `G${i}`, type: 'household', areaCode: '01001', name: `Hộ ${i}` }));
    const res = await manager.post('/api/units/import', records);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await system.store.headPosition()).toBe(before);
  });
});

type FrameUnit = { id: string; type: string; name: string; address: string | null; areaCode: string; areaName: string | null; enumerator: string | null };
type UnitPage = { items: FrameUnit[]; nextCursor: string | null };

describe('POST /api/units/import with addresses', () => {
  it('keeps an address given in the CSV or JSON, leaves it out when the cell is empty, and names an address too long', async () => {
    const csv = ['id,type,areaCode,name,address,enumerator', 'AD1,addr_csv,01001,Hộ Lê Văn Tám,"Số 5, Thôn 3, Xã Hà Nội 1",', 'AD2,addr_csv,01001,Hộ không địa chỉ,,enum.hanoi'].join('\n');
    const fromCsv = await manager.post('/api/units/import', csv, { 'content-type': 'text/csv' });
    expect(fromCsv.json<Imported>()).toEqual({ imported: 2, rejected: [] });
    const fromJson = await manager.post('/api/units/import', [
      { id: 'AD3', type: 'addr_csv', areaCode: '79001', name: 'Công ty Hòa Bình', address: 'Thôn 9, Xã Hồ Chí Minh 1' },
      { id: 'AD4', type: 'addr_csv', areaCode: '79001', name: 'Địa chỉ quá dài', address: 'x'.repeat(501) },
    ]);
    expect(fromJson.json<Imported>().rejected).toEqual([{ line: 2, errors: [{ path: 'address', message: expect.any(String), code: 'too_big', params: { maximum: 500, origin: 'string' } }] }]);
    await system.projector.settle();
    const listed = (await manager.get('/api/frame/units?type=addr_csv')).json<UnitPage>().items;
    expect(listed).toEqual([
      { id: 'AD1', type: 'addr_csv', name: 'Hộ Lê Văn Tám', address: 'Số 5, Thôn 3, Xã Hà Nội 1', areaCode: '01001', areaName: 'Xã Hà Nội 1', enumerator: null, attributes: {} },
      { id: 'AD2', type: 'addr_csv', name: 'Hộ không địa chỉ', address: null, areaCode: '01001', areaName: 'Xã Hà Nội 1', enumerator: 'enum.hanoi', attributes: {} },
      { id: 'AD3', type: 'addr_csv', name: 'Công ty Hòa Bình', address: 'Thôn 9, Xã Hồ Chí Minh 1', areaCode: '79001', areaName: 'Xã Hồ Chí Minh 1', enumerator: null, attributes: {} },
    ]);
  });

  it('still takes a CSV without the address column', async () => {
    const res = await manager.post('/api/units/import', 'id,type,areaCode,name\nNA1,addr_none,01002,Hộ cũ', { 'content-type': 'text/csv' });
    expect(res.json<Imported>()).toEqual({ imported: 1, rejected: [] });
    await system.projector.settle();
    expect((await manager.get('/api/frame/units?type=addr_none')).json<UnitPage>().items.map((u) => [u.id, u.address])).toEqual([['NA1', null]]);
  });
});

describe('GET /api/frame/units', () => {
  const type = 'frame_page';
  const ids = (page: UnitPage) => page.items.map((u) => u.id);
  const get = async (query: string) => {
    const res = await manager.get(`/api/frame/units?type=${type}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<UnitPage>();
  };

  beforeAll(async () => {
    const res = await manager.post('/api/units/import', [
      { id: 'FP01', type, areaCode: '01001', name: 'Hộ Nguyễn Văn Ánh', address: 'Thôn Đông, Xã Hà Nội 1' },
      { id: 'FP02', type, areaCode: '01002', name: 'Hộ Trần Thị Bích', address: 'Thôn 3, Xã Hà Nội 2' },
      { id: 'FP03', type, areaCode: '01002', name: 'Hộ 100% nông nghiệp' },
      { id: 'FP04', type, areaCode: '79001', name: 'Hộ Lê Văn Đức', address: 'Thôn 3, Xã Hồ Chí Minh 1' },
      { id: 'FP05', type, areaCode: '79002', name: 'Hộ Phạm Minh', enumerator: 'enum.hcm' },
    ]);
    expect(res.json<Imported>().imported).toBe(5);
    await system.projector.settle();
  });

  it('lists the units of a type in id order with their area names, a page at a time', async () => {
    const first = await get('limit=2');
    expect(ids(first)).toEqual(['FP01', 'FP02']);
    expect(first.items[0]).toMatchObject({ name: 'Hộ Nguyễn Văn Ánh', areaName: 'Xã Hà Nội 1' });
    const second = await get(`limit=2&cursor=${first.nextCursor}`);
    expect(ids(second)).toEqual(['FP03', 'FP04']);
    const last = await get(`limit=2&cursor=${second.nextCursor}`);
    expect(ids(last)).toEqual(['FP05']);
    expect(last.nextCursor).toBeNull();
  });

  it('takes a province with all its communes, or one commune', async () => {
    expect(ids(await get('areaCode=01'))).toEqual(['FP01', 'FP02', 'FP03']);
    expect(ids(await get('areaCode=79002'))).toEqual(['FP05']);
    expect(ids(await get('areaCode=VN'))).toHaveLength(5);
  });

  it('finds words in the id, name or address, with or without diacritics and in any case', async () => {
    expect(ids(await get('q=thon%203'))).toEqual(['FP02', 'FP04']);
    expect(ids(await get(`q=${encodeURIComponent('ĐỨC')}`))).toEqual(['FP04']);
    expect(ids(await get('q=duc'))).toEqual(['FP04']);
    expect(ids(await get('q=fp05'))).toEqual(['FP05']);
    expect(ids(await get(`q=${encodeURIComponent('3 hồ chí')}`))).toEqual(['FP04']);
    // A % typed is a percent sign, not a wildcard.
    expect(ids(await get('q=100%25'))).toEqual(['FP03']);
    expect(ids(await get('q=%25'))).toEqual(['FP03']);
    expect(ids(await get('q=thon%203&areaCode=79'))).toEqual(['FP04']);
  });

  it('lists the frame’s unit types with their counts', async () => {
    const res = await manager.get('/api/frame/types');
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: { type: string; units: number }[] }>().items).toContainEqual({ type, units: 5 });
  });

  it('refuses bad query input with a 400 naming the field', async () => {
    expectProblem(await manager.get('/api/frame/units?areaCode=99999'), 400, 'querystring.areaCode');
    expectProblem(await manager.get('/api/frame/units?type=not%20a%20type'), 400, 'querystring.type');
    expectProblem(await manager.get('/api/frame/units?limit=0'), 400, 'querystring.limit');
    expectProblem(await manager.get('/api/frame/units?limit=ten'), 400, 'querystring.limit');
    expectProblem(await manager.get(`/api/frame/units?q=${'x'.repeat(201)}`), 400, 'querystring.q');
    expectProblem(await manager.get('/api/frame/units?cursor=not-a-cursor'), 400, 'querystring.cursor');
    expectProblem(await manager.get('/api/frame/units?sort=name'), 400);
  });

  it('is for managers only, and shows a manager only the units of their areas', async () => {
    const supervisor = await system.login('sup.hanoi');
    expectProblem(await supervisor.get('/api/frame/units'), 403);
    const created = await manager.post('/api/users', { username: 'manager.hcm', password: 'a long password', role: 'manager', areaCodes: ['79'] });
    expect(created.statusCode, created.body).toBe(201);
    await system.projector.settle();
    const scoped = await system.login('manager.hcm', 'a long password');
    const res = await scoped.get(`/api/frame/units?type=${type}`);
    expect(ids(res.json<UnitPage>())).toEqual(['FP04', 'FP05']);
    expect((await scoped.get(`/api/frame/units?type=${type}&areaCode=01`)).json<UnitPage>().items).toEqual([]);
  });
});
