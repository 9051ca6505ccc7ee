import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './helpers/http.js';
import { buildScene, fresh, taskOf, type Scene } from './helpers/scene.js';
import { eventually, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

type Tally = { cycleId: string; enumerator: string | null; total: number; overdue: number; counts: Record<string, number> };
type Enumerators = { items: { username: string; areaCodes: string[] }[]; nextCursor: string | null };

let system: TestSystem;
let scene: Scene;
let manager: Api;
let supHanoi: Api;
let supHcm: Api;
let enumHanoi: Api;
/** A cycle over both cities: five Hà Nội tasks in 01001 and one in 01002 for enum.hanoi, two in 79001 for enum.hcm. */
let cycleId = '';

beforeAll(async () => {
  system = await startTestSystem();
  [manager, supHanoi, supHcm, enumHanoi] = await Promise.all([system.login('manager'), system.login('sup.hanoi'), system.login('sup.hcm'), system.login('enum.hanoi')]);
  scene = await buildScene(system, manager);
  cycleId = await scene.launch(['01', '79']);
  // One task moves to the second enumerator, one goes into review.
  const moved = await manager.post(`/api/tasks/${taskOf(cycleId, scene.units.hanoi[0]!)}/reassign`, { enumerator: scene.enumerator2 });
  expect(moved.statusCode, moved.body).toBe(200);
  const sent = await enumHanoi.post(`/api/tasks/${taskOf(cycleId, scene.units.hanoi[1]!)}/submit`, { data: { members: 3 } });
  expect(sent.statusCode, sent.body).toBe(200);
});

afterAll(async () => {
  await scene?.cleanUp();
  await system?.stop();
});

const counts = async (api: Api, query = '') => {
  const res = await api.get(`/api/cycles/${cycleId}/counts${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Tally>();
};

describe('GET /api/cycles/:id/counts', () => {
  it('counts one enumerator’s tasks by status, as the task list filtered by them holds them', async () => {
    const tally = await eventually(() => counts(supHanoi, '?enumerator=enum.hanoi'), (t) => t.counts.in_review === 1);
    expect(tally).toEqual({ cycleId, enumerator: 'enum.hanoi', total: 5, overdue: 0, counts: expect.objectContaining({ assigned: 4, in_review: 1, approved: 0 }) });
    const listed = (await supHanoi.get(`/api/cycles/${cycleId}/tasks?enumerator=enum.hanoi&limit=1000`)).json<{ items: { status: string }[] }>().items;
    expect(listed).toHaveLength(tally.total);
    expect(await counts(manager, `?enumerator=${scene.enumerator2}`)).toMatchObject({ enumerator: scene.enumerator2, total: 1, counts: { assigned: 1, in_review: 0 } });
  });

  it('without an enumerator counts every task the caller sees, as the cycle’s overview does', async () => {
    const overview = (await supHanoi.get(`/api/cycles/${cycleId}`)).json<{ total: number; counts: Record<string, number> }>();
    expect(await counts(supHanoi)).toMatchObject({ enumerator: null, total: overview.total, counts: overview.counts });
    expect(overview.total).toBe(6);
  });

  it('counts only inside the caller’s areas', async () => {
    expect(await counts(supHcm, '?enumerator=enum.hanoi')).toMatchObject({ total: 0, counts: { assigned: 0, in_review: 0 } });
    expect(await counts(supHcm, '?enumerator=enum.hcm')).toMatchObject({ total: 2, counts: { assigned: 2 } });
  });

  it('gives an enumerator their own counts, and none of anyone else’s', async () => {
    expect(await counts(enumHanoi)).toMatchObject({ enumerator: 'enum.hanoi', total: 5 });
    expect(await counts(enumHanoi, `?enumerator=${scene.enumerator2}`)).toMatchObject({ enumerator: scene.enumerator2, total: 0 });
  });

  it.each([
    ['an empty enumerator', '?enumerator=', 'querystring.enumerator'],
    ['an overlong enumerator', `?enumerator=${'e'.repeat(41)}`, 'querystring.enumerator'],
  ])('refuses %s with a 400 naming it', async (_what, query, path) => {
    expectProblem(await supHanoi.get(`/api/cycles/${cycleId}/counts${query}`), 400, path);
  });

  it('refuses a parameter it does not take', async () => {
    expectProblem(await supHanoi.get(`/api/cycles/${cycleId}/counts?status=assigned`), 400);
  });

  it('answers 404 for an unknown cycle', async () => {
    expectProblem(await supHanoi.get('/api/cycles/LFS-2026-11-000000/counts?enumerator=enum.hanoi'), 404);
  });
});

describe('GET /api/enumerators?containing=', () => {
  const usernames = async (api: Api, query: string) => {
    const res = await api.get(`/api/enumerators${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Enumerators>().items.map((i) => i.username);
  };
  const account = async (username: string, areaCodes: string[], disabled = false) => {
    const res = await manager.post('/api/users', { username, password: 'a long password', role: 'enumerator', areaCodes });
    expect(res.statusCode, res.body).toBe(201);
    if (disabled) expect((await system.app.inject({ method: 'PATCH', url: `/api/users/${username}`, headers: { authorization: `Bearer ${manager.token}` }, payload: { disabled: true } })).statusCode).toBe(200);
  };

  it('lists the active enumerators a task of that area may go to, wherever they already work', async () => {
    const [commune, neighbour, gone] = [fresh('enum.c'), fresh('enum.n'), fresh('enum.g')];
    await account(commune, ['01001']);
    await account(neighbour, ['01002']);
    await account(gone, ['01001'], true);
    const found = await usernames(supHanoi, '?containing=01001&limit=1000');
    expect(found).toEqual(expect.arrayContaining(['enum.hanoi', scene.enumerator2, commune]));
    expect(found).not.toContain(neighbour);
    expect(found).not.toContain(gone);
    expect(found).not.toContain('enum.hcm');
    // The same rule the reassignment holds to: the commune's own enumerator is taken, the neighbour refused.
    const task = taskOf(cycleId, scene.units.hanoi[2]!);
    expectProblem(await supHanoi.post(`/api/tasks/${task}/reassign`, { enumerator: neighbour }), 400, 'body.enumerator');
    expect((await supHanoi.post(`/api/tasks/${task}/reassign`, { enumerator: commune })).statusCode).toBe(200);
  });

  it('stays inside the caller’s areas', async () => {
    expect(await usernames(supHcm, '?containing=01001&limit=1000')).toEqual([]);
  });

  it('refuses an unknown area with a 400 naming the parameter', async () => {
    expectProblem(await supHanoi.get('/api/enumerators?containing=99999'), 400, 'querystring.containing');
  });
});
