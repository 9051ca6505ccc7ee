import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchCycle, startTestSystem, type Api, type CycleOverview, type TestSystem } from './helpers/system.js';

/**
 * Two periods of one survey published on the real system: what the first hid for itself
 * stays hidden in the second (domain/disclosure/history.ts), and the auditor reproduces both.
 */
let system: TestSystem;
let manager: Api;
let enumerator: Api;
let supervisor: Api;
let auditor: Api;

beforeAll(async () => {
  system = await startTestSystem();
  [manager, enumerator, supervisor, auditor] = await Promise.all([system.login('manager'), system.login('enum.hcm'), system.login('sup.hcm'), system.login('auditor')]);
});

afterAll(async () => {
  await system?.stop();
});

const label = (vi: string, en: string) => ({ vi, en });
const SHOPS = {
  code: 'SHOP',
  title: label('Khảo sát cửa hàng', 'Shop survey'),
  kind: 'sample_survey',
  unitType: 'shop',
  fields: [{ id: 'staff', type: 'integer', required: true, min: 0, label: label('Số lao động', 'Staff') }],
  reviewLevels: ['province'],
  outputs: [
    { id: 'shops', aggregate: 'count', by: 'province' },
    { id: 'shops_by_commune', aggregate: 'count', by: 'commune' },
  ],
  minCellSize: 3,
};
// Three shops in each of three communes of Hồ Chí Minh.
const COMMUNES = ['79001', '79002', '79003'];

type Row = { areaCode: string; value: number | null; suppressed: boolean };
type Audited = { table: string; areaCode: string; reason: string; value: number; min: number; max: number | null; protection: number };

/** Launches a period, approves the tasks `answered` picks, closes collection if any is left and waits for the publication. */
async function publishPeriod(period: string, answered: (areaCode: string, index: number) => boolean): Promise<string> {
  const cycle: CycleOverview = await launchCycle(manager, { survey: 'SHOP', period, areaCodes: ['79'], collectionDeadline: new Date(Date.now() + 864e5).toISOString(), autoPublish: true });
  const tasks = (await enumerator.get(`/api/cycles/${cycle.id}/tasks?limit=100`)).json<{ items: { id: string; areaCode: string }[] }>().items;
  const seen = new Map<string, number>();
  let open = 0;
  for (const task of tasks) {
    const index = seen.get(task.areaCode) ?? 0;
    seen.set(task.areaCode, index + 1);
    if (!answered(task.areaCode, index)) {
      open += 1;
      continue;
    }
    expect((await enumerator.post(`/api/tasks/${task.id}/submit`, { data: { staff: 2 } })).statusCode).toBe(200);
    expect((await supervisor.post(`/api/tasks/${task.id}/review`, { decision: 'approve', level: 'province' })).json()).toMatchObject({ status: 'approved' });
  }
  // With every task final the cycle closes itself; otherwise the manager closes it.
  if (open > 0) expect((await manager.post(`/api/cycles/${cycle.id}/close`, {})).statusCode).toBeLessThan(300);
  await eventually(async () => (await manager.get(`/api/cycles/${cycle.id}`)).json<CycleOverview>(), (c) => c.status === 'published');
  return cycle.id;
}

const communeRows = async (cycleId: string) =>
  (await manager.get(`/api/cycles/${cycleId}/results`)).json<{ tables: { id: string; rows: Row[] }[] }>().tables.find((t) => t.id === 'shops_by_commune')!.rows;
const auditOf = async (cycleId: string) => {
  const published = (await system.store.readStream(`cycle-${cycleId}`)).find((e) => e.type === 'ResultsPublished')!;
  return (published.data as { disclosurePolicy: number; audit: Audited[] });
};

describe('the next period of a survey', () => {
  it('hides again what the previous period hid for itself, protects it, and reproduces', async () => {
    expect((await manager.post('/api/surveys', SHOPS)).statusCode).toBe(201);
    const units = COMMUNES.flatMap((areaCode) => [1, 2, 3].map((n) => ({ id: `S${areaCode}${n}`, type: 'shop', areaCode, name: `Cửa hàng ${areaCode}-${n}`, enumerator: 'enum.hcm' })));
    expect((await manager.post('/api/units/import', units)).json()).toMatchObject({ imported: 9 });

    // October: one shop of the first commune answers, every shop of the others.
    const october = await publishPeriod('2026-10', (areaCode, index) => areaCode !== '79001' || index === 0);
    const octoberAudit = await auditOf(october);
    expect(octoberAudit.audit.find((c) => c.areaCode === '79001')).toMatchObject({ reason: 'primary', value: 1, protection: 3 });

    // November: all three answer. 3 is not small, but beside October's hidden 1 it stays hidden, as a primary cell would.
    const november = await publishPeriod('2026-11', () => true);
    expect((await communeRows(november)).find((r) => r.areaCode === '79001')).toEqual(expect.objectContaining({ value: null, suppressed: true }));
    const { disclosurePolicy, audit } = await auditOf(november);
    expect(disclosurePolicy).toBe(4);
    const carried = audit.find((c) => c.areaCode === '79001')!;
    expect(carried).toMatchObject({ table: 'shops_by_commune', reason: 'carried', value: 3, protection: 3, min: 0 });
    expect(carried.max === null || carried.max >= 6).toBe(true);
    // And a second cell hides it from Hồ Chí Minh's 9 less the other two communes.
    expect(audit.filter((c) => c.reason === 'secondary')).toHaveLength(1);

    for (const id of [october, november]) {
      const reproduced = await auditor.get(`/api/cycles/${id}/results/reproduce`);
      expect(reproduced.statusCode, reproduced.body).toBe(200);
      expect(reproduced.json()).toMatchObject({ identical: true });
      if (id !== november) continue;
      // The auditor sees the recorded audit, checked: November's carried cell stays protected, as does every other.
      const { disclosure } = reproduced.json<{ disclosure: { policy: number; cells: (Audited & { protected: boolean })[] } }>();
      expect(disclosure.policy).toBe(4);
      expect(disclosure.cells.find((c) => c.areaCode === '79001')).toMatchObject({ table: 'shops_by_commune', reason: 'carried', protected: true });
      expect(disclosure.cells.every((c) => c.protected)).toBe(true);
    }
  });
});
