import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.js';
import { startTestSystem, type TestSystem } from './helpers/system.js';

const LIMIT = 3;

let system: TestSystem;
/** An app over the system's dependencies with a write limit small enough to reach. */
let app: FastifyInstance;

beforeAll(async () => {
  system = await startTestSystem({ worker: false });
  app = await buildApp({ ...system.app.deps, writeRateLimit: LIMIT });
});

afterAll(async () => {
  await app?.close();
  await system?.stop();
});

async function login(username: string, password = 'demo'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ token: string }>().token;
}

const createUser = (token: string, username: string, role = 'enumerator') =>
  app.inject({ method: 'POST', url: '/api/users', headers: { authorization: `Bearer ${token}` }, payload: { username, password: 'long-enough-1', role, areaCodes: ['01'] } });

describe('writes under /api/', () => {
  it('are limited per user: the write over the limit is a 429 problem with Retry-After and stores nothing', async () => {
    const manager = await login('manager');
    expect((await createUser(manager, 'rl.manager2', 'manager')).statusCode).toBe(201);
    for (let i = 1; i < LIMIT; i++) expect((await createUser(manager, `rl.user${i}`)).statusCode).toBe(201);

    const head = await system.store.headPosition();
    const refused = await createUser(manager, 'rl.refused');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ type: 'https://survey-ops.dev/problems/429', title: 'Too many requests', status: 429, detail: expect.any(String) });
    expect(await system.store.headPosition()).toBe(head);
    expect(await system.store.readStream('user-rl.refused')).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/users/rl.refused', headers: { authorization: `Bearer ${manager}` } })).statusCode).toBe(404);

    // One budget for all write routes, not one per route.
    const patch = await app.inject({ method: 'PATCH', url: '/api/users/rl.user1', headers: { authorization: `Bearer ${manager}` }, payload: { disabled: true } });
    expect(patch.statusCode).toBe(429);
    expect((await system.store.readStream('user-rl.user1')).map((e) => e.type)).toEqual(['UserCreated']);

    // Reads are not limited, nor is another user's budget touched (every request here comes from one address).
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: { authorization: `Bearer ${manager}` } })).statusCode).toBe(200);
    const other = await login('rl.manager2', 'long-enough-1');
    expect((await createUser(other, 'rl.other')).statusCode).toBe(201);
  });

  it('leave login to its own limit', async () => {
    // Logins come without a user, from one address: were they counted as writes, the fourth would be refused.
    for (let i = 0; i < LIMIT + 2; i++) await login('sup.hanoi');
  });
});
