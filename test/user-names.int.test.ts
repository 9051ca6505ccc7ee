import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../api/passwords.js';
import { startTestSystem, type Api, type TestSystem } from './helpers/system.js';

type Account = { id: string; username: string; fullName?: string; role: string; areaCodes: string[]; disabled: boolean };
type Problem = { status: number; errors?: { path: string; message: string }[] };

let system: TestSystem;
let manager: Api;

beforeAll(async () => {
  // Accounts need no workflows: no worker.
  system = await startTestSystem({ worker: false });
  manager = await system.login('manager');
});

afterAll(async () => {
  await system?.stop();
});

const send = (method: 'POST' | 'PATCH', url: string, payload: object) =>
  system.app.inject({ method, url, headers: { authorization: `Bearer ${manager.token}` }, payload });
const fresh = (prefix: string) => `${prefix}.${randomBytes(3).toString('hex')}`;
const eventsOf = (id: string) => system.store.readStream(`user-${id}`, { raw: true });
const account = (username: string, extra: object = {}) => ({ username, password: 'long enough', role: 'enumerator', areaCodes: ['01'], ...extra });

async function create(body: object): Promise<Account> {
  const res = await send('POST', '/api/users', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Account>();
}

/** A 400 problem naming `path`; nothing of the account may have been written. */
function expectRefused(res: { statusCode: number; json: <T>() => T }, path: string): void {
  expect(res.statusCode).toBe(400);
  expect(res.json<Problem>().errors?.map((e) => e.path)).toContain(path);
}

describe('the full name of an account', () => {
  it('is kept when the account is created, trimmed, and shown by GET, the list and the login answer', async () => {
    const username = fresh('enum.named');
    const created = await create(account(username, { fullName: '  Nguyễn Thị Lan  ' }));
    expect(created).toEqual({ id: username, username, fullName: 'Nguyễn Thị Lan', role: 'enumerator', areaCodes: ['01'], disabled: false });
    expect((await manager.get(`/api/users/${username}`)).json()).toEqual(created);
    const listed = (await manager.get('/api/users?limit=1000')).json<{ items: Account[] }>().items;
    expect(listed.find((u) => u.id === username)?.fullName).toBe('Nguyễn Thị Lan');
    expect((await eventsOf(username))[0]!.data).toMatchObject({ fullName: 'Nguyễn Thị Lan' });

    const login = await system.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'long enough' } });
    expect(login.json()).toMatchObject({ user: { username, fullName: 'Nguyễn Thị Lan' } });
    const token = login.json<{ token: string }>().token;
    const me = await system.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ username, fullName: 'Nguyễn Thị Lan' });
  });

  it('is set on an account made without one, then changed, each time as one UserChanged of the name alone', async () => {
    const user = await create(account(fresh('enum.later')));
    expect(user).not.toHaveProperty('fullName');

    const set = await send('PATCH', `/api/users/${user.id}`, { fullName: 'Trần Văn Minh' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ ...user, fullName: 'Trần Văn Minh' });
    const changed = await send('PATCH', `/api/users/${user.id}`, { fullName: 'Trần Văn Minh Đức' });
    expect(changed.json()).toMatchObject({ fullName: 'Trần Văn Minh Đức', role: 'enumerator', areaCodes: ['01'] });
    expect((await manager.get(`/api/users/${user.id}`)).json()).toMatchObject({ fullName: 'Trần Văn Minh Đức' });

    // The same name again is no change.
    await send('PATCH', `/api/users/${user.id}`, { fullName: ' Trần Văn Minh Đức ' });
    expect((await eventsOf(user.id)).map((e) => e.data)).toEqual([expect.anything(), { fullName: 'Trần Văn Minh' }, { fullName: 'Trần Văn Minh Đức' }]);
  });

  it.each([
    ['too long', 'a'.repeat(121)],
    ['blank', '   '],
    ['not a string', 42],
    ['on two lines', 'Nguyễn\nLan'],
  ])('refuses a name %s with 400 naming body.fullName, on create and on change, and stores nothing', async (_what, fullName) => {
    const username = fresh('enum.refused');
    expectRefused(await send('POST', '/api/users', account(username, { fullName })), 'body.fullName');
    expect(await eventsOf(username)).toEqual([]);

    const user = await create(account(fresh('enum.kept'), { fullName: 'Lê Thị Hoa' }));
    expectRefused(await send('PATCH', `/api/users/${user.id}`, { fullName }), 'body.fullName');
    expect(await eventsOf(user.id)).toHaveLength(1);
    expect((await manager.get(`/api/users/${user.id}`)).json()).toEqual(user);
  });

  it('takes a name of exactly 120 characters', async () => {
    const fullName = 'Đ'.repeat(120);
    expect((await create(account(fresh('enum.long'), { fullName }))).fullName).toBe(fullName);
  });

  it('is absent, not an error, for an account whose UserCreated was recorded before names existed', async () => {
    const username = fresh('enum.old');
    const metadata = { actor: 'manager', correlationId: 'test', causationId: null, workflowId: null, at: new Date().toISOString() };
    const data = { id: username, username, role: 'enumerator', areaCodes: ['01'], passwordHash: await hashPassword('long enough') };
    const written = await system.store.append(`user-${username}`, [{ type: 'UserCreated', data, metadata }], { expected: 'no_stream' });
    await system.projector.waitFor(written.position);

    const listed = (await manager.get('/api/users?role=enumerator&limit=1000')).json<{ items: Account[] }>().items;
    expect(listed.find((u) => u.id === username)).toEqual({ id: username, username, role: 'enumerator', areaCodes: ['01'], disabled: false });
    const login = await system.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'long enough' } });
    expect(login.statusCode).toBe(200);
    expect(login.json<{ user: object }>().user).not.toHaveProperty('fullName');
  });

  it('names the demo accounts in Vietnamese', async () => {
    const names = Object.fromEntries((await manager.get('/api/users?limit=1000')).json<{ items: Account[] }>().items.map((u) => [u.id, u.fullName]));
    expect(names['enum.hanoi']).toBe('Phạm Quốc Bảo');
    expect(names['sup.hcm']).toBe('Lê Thị Thu Hà');
  });
});
