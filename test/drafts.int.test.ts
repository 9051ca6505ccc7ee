import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lfsHousehold } from './helpers/lfs.js';
import { launchCycle, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

/** Drafts on the server (eventstore/drafts.ts, api/routes/drafts.ts): the holder's work in progress, across devices and restarts. */
let system: TestSystem;
let enumerator: Api;
let taskId: string;
let dataDir: string;

const login = async () => (await Promise.all(['enum.hanoi', 'enum.hcm', 'sup.hanoi'].map((user) => system.login(user)))) as [Api, Api, Api];
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const draftOf = (id = taskId) => `/api/tasks/${id}/draft`;

beforeAll(async () => {
  system = await startTestSystem();
  dataDir = system.dataDir;
  [enumerator] = await login();
  const manager = await system.login('manager');
  const cycle = await launchCycle(manager, { survey: 'LFS', period: '2026-09', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
  taskId = (await enumerator.get(`/api/cycles/${cycle.id}/tasks?limit=10`)).json<{ items: { id: string }[] }>().items[0]!.id;
});

afterAll(async () => {
  await system?.stop();
});

describe('a task’s draft', () => {
  it('is kept for its holder, the later savedAt winning, and survives a restart', async () => {
    expect((await enumerator.get(draftOf())).json()).toMatchObject({ status: 404, code: 'draft.not_found' });
    const savedAt = at(10);
    const first = await enumerator.put(draftOf(), { data: { members: 2 }, savedAt });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ taskId, data: { members: 2 }, savedAt });
    // Another device saves later; then the first, back online, sends what it saved before that: the later one stays.
    expect((await enumerator.put(draftOf(), { data: { members: 3 }, savedAt: at(2) })).json()).toMatchObject({ data: { members: 3 } });
    const stale = await enumerator.put(draftOf(), { data: { members: 1 }, savedAt: at(5) });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toMatchObject({ data: { members: 3 } });

    await system.close();
    system = await startTestSystem({ dataDir, taskQueue: system.taskQueue });
    [enumerator] = await login();
    expect((await enumerator.get(draftOf())).json()).toMatchObject({ taskId, data: { members: 3 } });
  });

  it('refuses bad input with the field named, and keeps what was stored', async () => {
    const [, otherEnumerator, supervisor] = await login();
    const cases: [Api, string, unknown, number, string | null][] = [
      [enumerator, draftOf(), { data: { members: 4 } }, 400, 'body.savedAt'],
      [enumerator, draftOf(), { data: { members: 4 }, savedAt: 'yesterday' }, 400, 'body.savedAt'],
      [enumerator, draftOf(), { data: { members: 4 }, savedAt: new Date(Date.now() + 3_600_000).toISOString() }, 400, 'body.savedAt'],
      [enumerator, draftOf(), { data: [1, 2], savedAt: at(0) }, 400, 'body.data'],
      [enumerator, draftOf(), { data: { note: 'x'.repeat(600_000) }, savedAt: at(0) }, 413, 'body.data'],
      [enumerator, draftOf(), { data: {}, savedAt: at(0), extra: 1 }, 400, null],
      [enumerator, draftOf('LFS-2026-09.NOSUCH'), { data: {}, savedAt: at(0) }, 404, null],
      [otherEnumerator, draftOf(), { data: {}, savedAt: at(0) }, 404, null],
      [supervisor, draftOf(), { data: {}, savedAt: at(0) }, 403, null],
    ];
    for (const [caller, url, body, status, field] of cases) {
      const res = await caller.put(url, body);
      expect(res.statusCode, `${JSON.stringify(body).slice(0, 80)}: ${res.body.slice(0, 300)}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      if (field) expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(field);
    }
    expect((await otherEnumerator.get(draftOf())).statusCode).toBe(404);
    expect((await enumerator.get(draftOf())).json()).toMatchObject({ data: { members: 3 } });
  });

  it('is gone once a submission is accepted, and the task in review takes none', async () => {
    const submitted = await enumerator.post(`/api/tasks/${taskId}/submit`, { data: lfsHousehold({ members: 3, employed: 1 }) });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'in_review' });
    expect((await enumerator.get(draftOf())).json()).toMatchObject({ status: 404, code: 'draft.not_found' });
    expect((await enumerator.put(draftOf(), { data: { members: 5 }, savedAt: at(0) })).json()).toMatchObject({ status: 409, code: 'draft.not_editable' });
  });
});
