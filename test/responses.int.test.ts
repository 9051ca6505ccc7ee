import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../api/csv.js';
import { launchCycle, startTestSystem, type Api, type CycleOverview, type TestSystem } from './helpers/system.js';
import { lfsHousehold } from './helpers/lfs.js';

let system: TestSystem;
let manager: Api;
let auditor: Api;
let cycle: CycleOverview;
let approved: string[];

beforeAll(async () => {
  system = await startTestSystem();
  const [supervisor, enumerator] = await Promise.all([system.login('sup.hanoi'), system.login('enum.hanoi')]);
  [manager, auditor] = await Promise.all([system.login('manager'), system.login('auditor')]);
  cycle = await launchCycle(manager, { survey: 'LFS', period: '2026-10', areaCodes: ['01', '79'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
  const mine = (await enumerator.get(`/api/cycles/${cycle.id}/tasks?limit=3`)).json<{ items: { id: string }[] }>().items.map((t) => t.id);
  for (const [i, id] of mine.entries()) {
    expect((await enumerator.post(`/api/tasks/${id}/submit`, { data: lfsHousehold({ members: 3 + i, employed: 1, unemployed: 1 }) })).statusCode).toBe(200);
    if (i === 2) continue; // one stays in review
    for (const level of ['commune', 'province']) expect((await supervisor.post(`/api/tasks/${id}/review`, { decision: 'approve', level })).statusCode).toBe(200);
  }
  approved = mine.slice(0, 2);
});

afterAll(async () => {
  await system?.stop();
});

describe('the microdata of a cycle', () => {
  it('streams the approved responses as CSV, a column per survey field', async () => {
    const res = await manager.get(`/api/cycles/${cycle.id}/responses`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(res.body.trimEnd());
    expect(header!.slice(0, 7)).toEqual(['taskId', 'unitId', 'areaCode', 'communeCode', 'provinceCode', 'enumerator', 'status']);
    expect(header).toEqual(expect.arrayContaining(['members', 'employed', 'unemployed']));
    expect(rows.map((r) => r[0]).sort()).toEqual([...approved].sort());
    const members = header!.indexOf('members');
    expect(rows.map((r) => r[members]).sort()).toEqual(['3', '4']);
    expect(rows.every((r) => r[6] === 'approved' && r[4] === '01')).toBe(true);
  });

  it('gives every task with status=all, and NDJSON on request, to auditors too', async () => {
    const all = await auditor.get(`/api/cycles/${cycle.id}/responses?status=all&format=ndjson`);
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = all.body.trimEnd().split('\n').map((l) => JSON.parse(l) as { taskId: string; status: string; response: Record<string, unknown> | null });
    expect(lines).toHaveLength(cycle.total);
    expect(lines.filter((l) => l.response !== null)).toHaveLength(3);
    expect(lines.find((l) => l.status === 'in_review')?.response).toMatchObject({ members: 5 });
    expect(lines.map((l) => l.taskId)).toEqual([...lines.map((l) => l.taskId)].sort());
    // Household microdata read by an auditor is in the audit trail like every other auditor read.
    const trail = await system.store.readStream('audit-reads-auditor');
    expect(trail.map((e) => e.data)).toContainEqual({ method: 'GET', url: `/api/cycles/${cycle.id}/responses?status=all&format=ndjson`, status: 200 });
  });

  it('is refused to supervisors and enumerators, hidden for unknown cycles, and checks its query', async () => {
    const [supervisor, enumerator] = await Promise.all([system.login('sup.hanoi'), system.login('enum.hanoi')]);
    expect((await supervisor.get(`/api/cycles/${cycle.id}/responses`)).statusCode).toBe(403);
    expect((await enumerator.get(`/api/cycles/${cycle.id}/responses`)).statusCode).toBe(403);
    expect((await manager.get('/api/cycles/NOPE-1/responses')).statusCode).toBe(404);
    const bad = await manager.get(`/api/cycles/${cycle.id}/responses?status=done`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toContain('status');
  });
});
