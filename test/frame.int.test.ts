import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countUnits } from '../projections/frame/model.js';
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
