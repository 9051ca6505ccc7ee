import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followLive, type Sse } from './helpers/sse.js';
import { type Api, type CycleOverview, launchCycle, listen, startTestSystem, type TestSystem } from './helpers/system.js';
import { lfsHousehold } from './helpers/lfs.js';

let system: TestSystem;
let base: string;
let manager: Api;
let enumerator: Api;
let cycle: CycleOverview;

beforeAll(async () => {
  system = await startTestSystem();
  base = await listen(system);
  [manager, enumerator] = await Promise.all([system.login('manager'), system.login('enum.hanoi')]);
  cycle = await launchCycle(manager, { survey: 'LFS', period: '2026-09', areaCodes: ['01', '79'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
});

afterAll(async () => {
  await system?.stop();
});

/** Follows `/api/live` over real HTTP as `token`. */
const follow = (token: string, query: string): Promise<Sse> => followLive(base, token, query);

const until = async (check: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
};

describe('GET /api/live', () => {
  it('pushes the changed task and its cycle to those who may see them, and nothing to those who may not', async () => {
    const tokenOf = async (username: string) => (await system.login(username)).token;
    const hanoi = await follow(await tokenOf('sup.hanoi'), `?cycleId=${cycle.id}`);
    const hcm = await follow(await tokenOf('sup.hcm'), `?cycleId=${cycle.id}`);
    const everything = await follow(await tokenOf('auditor'), '');
    try {
      const [task] = (await enumerator.get(`/api/cycles/${cycle.id}/tasks?limit=1`)).json<{ items: { id: string; areaCode: string }[] }>().items;
      expect(task!.areaCode.startsWith('01')).toBe(true);
      const submitted = Date.now();
      expect((await enumerator.post(`/api/tasks/${task!.id}/submit`, { data: lfsHousehold({ members: 4, employed: 2, unemployed: 1 }) })).statusCode).toBe(200);

      const sawTask = (sse: Sse) => sse.events.some((e) => e.event === 'task' && (e.data as { id: string; status: string }).id === task!.id && (e.data as { status: string }).status === 'in_review');
      expect(await until(() => sawTask(hanoi) && sawTask(everything))).toBe(true);
      // Delivered within the flush interval and the projector's poll, not at some later refresh.
      expect(Date.now() - submitted).toBeLessThan(5000);
      const overview = hanoi.events.filter((e) => e.event === 'cycle').at(-1)?.data as { id: string; counts: Record<string, number>; total: number };
      expect(overview).toMatchObject({ id: cycle.id, total: 20 });
      expect(overview.counts.in_review).toBe(1);

      // Hồ Chí Minh City's supervisor sees the cycle's counts in their areas, never the Hà Nội task.
      await new Promise((r) => setTimeout(r, 500));
      expect(hcm.events.some((e) => e.event === 'task')).toBe(false);
      const hcmOverview = hcm.events.filter((e) => e.event === 'cycle').at(-1)?.data as { counts: Record<string, number> } | undefined;
      if (hcmOverview) expect(hcmOverview.counts.in_review).toBe(0);
    } finally {
      for (const sse of [hanoi, hcm, everything]) sse.close();
    }
  });

  it('refuses a cycle outside the caller’s areas and a caller without a token', async () => {
    const hanoiOnly = await launchCycle(manager, { survey: 'LFS', period: '2026-08', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    const hcm = await system.login('sup.hcm');
    expect((await fetch(`${base}/api/live?cycleId=${hanoiOnly.id}`, { headers: { authorization: `Bearer ${hcm.token}` } })).status).toBe(404);
    expect((await fetch(`${base}/api/live`)).status).toBe(401);
  });
});
