import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEMS } from '../domain/problems.js';
import { enProblems } from '../ui/src/i18n/problems.en.js';
import { viProblems } from '../ui/src/i18n/problems.vi.js';
import { launchCycle, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

type Problem = { status: number; detail: string; code: string; params: Record<string, string | number>; errors?: { path: string; message: string; code?: string; params?: Record<string, string | number> }[] };

let system: TestSystem;
let manager: Api;

beforeAll(async () => {
  system = await startTestSystem();
  manager = await system.login('manager');
});

afterAll(async () => {
  await system?.stop();
});

const problemOf = (res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }, status: number): Problem => {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json<Problem>();
};

describe('refusals carry a stable code and its parameters beside the English detail', () => {
  it('names a failed login', async () => {
    const res = await system.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'manager', password: 'not the password' } });
    expect(problemOf(res, 401)).toMatchObject({ code: 'auth.wrong_credentials', params: {}, detail: 'wrong username or password' });
  });

  it('names a reassignment to someone who does not work in the area, and who', async () => {
    const cycle = await launchCycle(manager, { survey: 'LFS', period: '2031-01', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    const tasks = (await manager.get(`/api/cycles/${cycle.id}/tasks?limit=1`)).json<{ items: { id: string }[] }>().items;
    const res = await manager.post(`/api/tasks/${tasks[0]!.id}/reassign`, { enumerator: 'enum.hcm' });
    expect(problemOf(res, 400)).toMatchObject({
      code: 'task.enumerator_not_eligible',
      params: { enumerator: 'enum.hcm' },
      detail: 'enum.hcm is not an active enumerator of this area',
      errors: [{ path: 'body.enumerator', code: 'not_eligible' }],
    });
  });

  it('names what a schema refuses in each field, with its limits', async () => {
    const res = await manager.post('/api/cycles', { survey: 'LFS', period: '', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    const body = problemOf(res, 400);
    expect(body.code).toBe('request_invalid');
    expect(body.errors).toContainEqual(expect.objectContaining({ path: 'body.period', code: expect.stringMatching(/^(too_small|invalid_format)$/) }));
    const unknown = problemOf(await manager.post('/api/cycles', { survey: 'LFS', nonsense: 1 }), 400);
    expect(unknown.errors).toContainEqual(expect.objectContaining({ path: 'body.nonsense', code: 'unknown_field' }));
  });

  it('names a refusal nobody named more closely by its kind', async () => {
    expect(problemOf(await manager.get('/api/no/such/route'), 404)).toMatchObject({ code: 'not_found', params: {} });
    expect(problemOf(await manager.get('/api/cycles/no-such-cycle'), 404)).toMatchObject({ code: 'cycle.not_found', params: { id: 'no-such-cycle' } });
  });
});

describe('the UI words every code', () => {
  it('has Vietnamese and English words for each, with the parameters the code gives and no others', () => {
    for (const code of Object.keys(PROBLEMS) as (keyof typeof PROBLEMS)[]) {
      const key = `problem.${code}` as const;
      const vi = viProblems[key];
      const en = enProblems[key];
      expect(vi, code).toBeTruthy();
      expect(en, code).toBeTruthy();
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(vi), code).toEqual(names(en));
    }
  });
});
