import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type Api, type TestSystem } from './helpers/system.js';

type Account = { id: string; username: string; role: string; areaCodes: string[]; disabled: boolean };
type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };

let system: TestSystem;
let manager: Api;
let supervisor: Api;
let enumerator: Api;
let auditor: Api;

beforeAll(async () => {
  // Accounts need no workflows: no worker.
  system = await startTestSystem({ worker: false });
  [manager, supervisor, enumerator, auditor] = await Promise.all([system.login('manager'), system.login('sup.hanoi'), system.login('enum.hanoi'), system.login('auditor')]);
});

afterAll(async () => {
  await system?.stop();
});

/** Any method, with or without a token (the shared helper has no PATCH). */
const send = (token: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  system.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload } : {}) });
const login = (username: string, password: string) => system.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const fresh = (prefix: string) => `${prefix}.${randomBytes(3).toString('hex')}`;
const eventsOf = (id: string) => system.store.readStream(`user-${id}`, { raw: true });

async function create(body: Record<string, unknown>): Promise<Account> {
  const res = await send(manager.token, 'POST', '/api/users', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Account>();
}

function expectStatus(res: { statusCode: number; headers: Record<string, unknown> }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
}

/** A 4xx problem naming `path` among its field errors. */
function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }, status: number, path: string): Problem {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json<Problem>();
  expect(body.status).toBe(status);
  expect(body.errors?.map((e) => e.path)).toContain(path);
  return body;
}

describe('who may manage accounts', () => {
  const routes = [
    ['GET', '/api/users', undefined],
    ['GET', '/api/users/enum.hanoi', undefined],
    ['POST', '/api/users', { username: 'never.made', password: 'long enough', role: 'enumerator', areaCodes: ['01'] }],
    ['PATCH', '/api/users/enum.hanoi', { disabled: true }],
  ] as const;

  it.each(routes)('%s %s: supervisors, enumerators and auditors get 403', async (method, url, body) => {
    for (const api of [supervisor, enumerator, auditor]) expectStatus(await send(api.token, method, url, body), 403);
  });

  it.each(routes)('%s %s: no token gets 401', async (method, url, body) => {
    expectStatus(await send(null, method, url, body), 401);
  });

  it('none of those refused requests changed anything', async () => {
    expect(await eventsOf('never.made')).toEqual([]);
    expect((await eventsOf('enum.hanoi')).map((e) => e.type)).toEqual(['UserCreated']);
    expect((await login('enum.hanoi', 'demo')).statusCode).toBe(200);
  });
});

describe('GET /api/users', () => {
  it('lists the accounts with their roles and areas, never a password hash', async () => {
    const res = await manager.get('/api/users');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: Account[] }>().items;
    expect(items).toEqual(expect.arrayContaining([{ id: 'sup.hanoi', username: 'sup.hanoi', fullName: 'Trần Văn Đức', role: 'supervisor', areaCodes: ['01'], disabled: false }]));
    expect(items.map((u) => u.username)).toEqual(expect.arrayContaining(['manager', 'sup.hanoi', 'sup.hcm', 'enum.hanoi', 'enum.hcm', 'auditor']));
    expect(res.body).not.toMatch(/scrypt|passwordHash|password_hash/);
  });

  it('pages with limit and an opaque cursor, each account once', async () => {
    const all = (await manager.get('/api/users?limit=1000')).json<{ items: Account[] }>().items.map((u) => u.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await manager.get(`/api/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json<{ items: Account[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(2);
  });

  it('filters by role and by area (accounts working in, above or below it)', async () => {
    const supervisors = (await manager.get('/api/users?role=supervisor&limit=1000')).json<{ items: Account[] }>().items;
    expect(supervisors.length).toBeGreaterThan(0);
    expect(supervisors.every((u) => u.role === 'supervisor')).toBe(true);

    const commune = await create({ username: fresh('enum.commune'), password: 'commune-pass', role: 'enumerator', areaCodes: ['79001'] });
    const inHcm = (await manager.get('/api/users?areaCode=79&limit=1000')).json<{ items: Account[] }>().items.map((u) => u.id);
    expect(inHcm).toEqual(expect.arrayContaining(['sup.hcm', 'enum.hcm', 'manager', commune.id]));
    expect(inHcm).not.toContain('sup.hanoi');
    const hcmEnumerators = (await manager.get('/api/users?areaCode=79&role=enumerator&limit=1000')).json<{ items: Account[] }>().items.map((u) => u.id);
    expect(hcmEnumerators.sort()).toEqual(['enum.hcm', commune.id].sort());
  });
});

describe('the accounts routes in the OpenAPI document', () => {
  it('documents each with its tag and bearer security', async () => {
    const doc = (await system.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { tags: string[]; security: unknown[] }>> }>();
    for (const [path, method] of [['/api/users', 'get'], ['/api/users', 'post'], ['/api/users/{id}', 'get'], ['/api/users/{id}', 'patch']] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toMatchObject({ tags: ['users'], security: [{ bearer: [] }] });
    }
  });
});

describe('GET /api/users/:id', () => {
  it('shows one account', async () => {
    const res = await manager.get('/api/users/enum.hcm');
    expect(res.json()).toEqual({ id: 'enum.hcm', username: 'enum.hcm', fullName: 'Võ Thị Ngọc Ánh', role: 'enumerator', areaCodes: ['79'], disabled: false });
  });

  it('answers 404 for an unknown account', async () => {
    expectStatus(await manager.get('/api/users/nobody.here'), 404);
  });
});

describe('POST /api/users', () => {
  it('creates an account that can log in, as an event in its own stream, and answers what a GET then shows', async () => {
    const username = fresh('enum.new');
    const password = `secret-${randomBytes(6).toString('hex')}`;
    const created = await create({ username, password, role: 'enumerator', areaCodes: ['01001', '01002', '01001'] });
    expect(created).toEqual({ id: username, username, role: 'enumerator', areaCodes: ['01001', '01002'], disabled: false });
    expect((await manager.get(`/api/users/${username}`)).json()).toEqual(created);

    const events = await eventsOf(username);
    expect(events.map((e) => e.type)).toEqual(['UserCreated']);
    expect(events[0]!.metadata.actor).toBe('manager');
    expect((events[0]!.data as { passwordHash: string }).passwordHash).toMatch(/^scrypt\$/);

    const loggedIn = await login(username, password);
    expect(loggedIn.statusCode, loggedIn.body).toBe(200);
    expect(loggedIn.json()).toMatchObject({ user: { username, role: 'enumerator', areaCodes: ['01001', '01002'] } });
  });

  it('keeps the password nowhere in plain text: not in the log, not in the read models, not in any answer', async () => {
    const username = fresh('plain.check');
    const password = `plain-${randomBytes(8).toString('hex')}`;
    const res = await send(manager.token, 'POST', '/api/users', { username, password, role: 'auditor', areaCodes: [] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.body).not.toContain(password);
    expect(res.body).not.toMatch(/scrypt|passwordHash/);
    const log = JSON.stringify(await system.store.readAll({ raw: true, maxCount: 100_000 }));
    expect(log).toContain(username);
    expect(log).not.toContain(password);
    const rows = JSON.stringify(system.projector.db.prepare('SELECT * FROM users').all());
    expect(rows).toContain(username);
    expect(rows).not.toContain(password);
  });

  const valid = { password: 'long enough', role: 'enumerator', areaCodes: ['01'] };
  it.each([
    ['a username with capitals and spaces', { ...valid, username: 'Bad Name' }, 'body.username', /lower-case/],
    ['a password shorter than 8', { ...valid, password: 'short' }, 'body.password', /at least 8 characters/],
    ['an area not in the geography', { ...valid, areaCodes: ['01', '99999'] }, 'body.areaCodes', /99999/],
    ['an enumerator without areas', { ...valid, areaCodes: [] }, 'body.areaCodes', /at least one area/],
    ['a supervisor without areas', { ...valid, role: 'supervisor', areaCodes: [] }, 'body.areaCodes', /at least one area/],
    ['an unknown role', { ...valid, role: 'admin' }, 'body.role', /./],
    ['a missing password', { role: 'enumerator', areaCodes: ['01'] }, 'body.password', /./],
    ['an email that is not an address', { ...valid, email: 'lan at example.vn' }, 'body.email', /email address/],
    ['a language the messages are not written in', { ...valid, language: 'fr' }, 'body.language', /./],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_what, body, path, message) => {
    const username = 'username' in body ? body.username : fresh('refused');
    const res = await send(manager.token, 'POST', '/api/users', { ...body, username });
    const problem = expectProblem(res, 400, path);
    expect(problem.errors?.find((e) => e.path === path)?.message).toMatch(message);
    expect(await eventsOf(username)).toEqual([]);
  });

  it('refuses unknown fields with 400 and stores nothing', async () => {
    const username = fresh('extra');
    const res = await send(manager.token, 'POST', '/api/users', { ...valid, username, isAdmin: true });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().detail).toContain('isAdmin');
    expect(await eventsOf(username)).toEqual([]);
  });

  it('refuses a taken username with 409 naming the field, leaving the account as it was', async () => {
    const res = await send(manager.token, 'POST', '/api/users', { ...valid, username: 'sup.hanoi', role: 'manager', areaCodes: ['VN'] });
    expectProblem(res, 409, 'body.username');
    expect((await manager.get('/api/users/sup.hanoi')).json()).toMatchObject({ role: 'supervisor', areaCodes: ['01'] });
    expect((await eventsOf('sup.hanoi')).map((e) => e.type)).toEqual(['UserCreated']);
  });

  it('gives a username to only one of two requests racing for it', async () => {
    const username = fresh('race');
    const body = { ...valid, username };
    const statuses = (await Promise.all([send(manager.token, 'POST', '/api/users', body), send(manager.token, 'POST', '/api/users', body)])).map((r) => r.statusCode);
    expect(statuses.sort()).toEqual([201, 409]);
    expect(await eventsOf(username)).toHaveLength(1);
  });
});

describe('PATCH /api/users/:id', () => {
  const patch = (id: string, body: object, token = manager.token) => send(token, 'PATCH', `/api/users/${id}`, body);

  it('changes role and areas with one UserChanged event of what changed, and a GET agrees at once', async () => {
    const user = await create({ username: fresh('promoted'), password: 'long enough', role: 'enumerator', areaCodes: ['01'] });
    const res = await patch(user.id, { role: 'supervisor', areaCodes: ['79', '79'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...user, role: 'supervisor', areaCodes: ['79'] });
    expect((await manager.get(`/api/users/${user.id}`)).json()).toEqual(res.json());
    const events = await eventsOf(user.id);
    expect(events.map((e) => e.type)).toEqual(['UserCreated', 'UserChanged']);
    expect(events[1]!.data).toEqual({ role: 'supervisor', areaCodes: ['79'] });
    expect(events[1]!.metadata.actor).toBe('manager');
  });

  it('keeps an email address and a language, changes them, removes the address with null', async () => {
    const user = await create({ username: fresh('mailed'), password: 'long enough', role: 'enumerator', areaCodes: ['01'], email: 'lan@example.vn', language: 'en' });
    expect(user).toMatchObject({ email: 'lan@example.vn', language: 'en' });
    const changed = await patch(user.id, { email: 'lan.nguyen@example.vn', language: 'vi' });
    expect(changed.json()).toEqual({ ...user, email: 'lan.nguyen@example.vn', language: 'vi' });
    const removed = await patch(user.id, { email: null });
    expect(removed.statusCode, removed.body).toBe(200);
    const withoutEmail: Record<string, unknown> = { ...user, language: 'vi' };
    delete withoutEmail.email;
    expect(removed.json()).toEqual(withoutEmail);
    expect((await manager.get(`/api/users/${user.id}`)).json()).toEqual(withoutEmail);
    // Asking again for what is so records nothing.
    await patch(user.id, { email: null, language: 'vi' });
    const events = await eventsOf(user.id);
    expect(events.map((e) => e.data)).toMatchObject([{ email: 'lan@example.vn', language: 'en' }, { email: 'lan.nguyen@example.vn', language: 'vi' }, { email: null }]);
  });

  it('records nothing when nothing changes', async () => {
    const user = await create({ username: fresh('same'), password: 'long enough', role: 'enumerator', areaCodes: ['01'] });
    const res = await patch(user.id, { role: 'enumerator', areaCodes: ['01'], disabled: false });
    expect(res.json()).toEqual(user);
    expect(await eventsOf(user.id)).toHaveLength(1);
  });

  it.each([
    ['an enumerator losing every area', { areaCodes: [] }, 'body.areaCodes', /at least one area/],
    ['an area not in the geography', { areaCodes: ['0'] }, 'body.areaCodes', /unknown area/],
    ['a password shorter than 8', { password: '1234567' }, 'body.password', /at least 8 characters/],
    ['a disabled flag that is not a boolean', { disabled: 'yes' }, 'body.disabled', /./],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_what, body, path, message) => {
    const user = await create({ username: fresh('kept'), password: 'long enough', role: 'enumerator', areaCodes: ['01'] });
    const problem = expectProblem(await patch(user.id, body), 400, path);
    expect(problem.errors?.find((e) => e.path === path)?.message).toMatch(message);
    expect(await eventsOf(user.id)).toHaveLength(1);
    expect((await manager.get(`/api/users/${user.id}`)).json()).toEqual(user);
  });

  it('refuses an empty change, an unknown field or a new username with 400', async () => {
    const user = await create({ username: fresh('fixed'), password: 'long enough', role: 'enumerator', areaCodes: ['01'] });
    for (const body of [{}, { areaCodes: ['01'], admin: true }, { username: 'renamed' }]) {
      const res = await patch(user.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await eventsOf(user.id)).toHaveLength(1);
  });

  it('answers 404 for an unknown account', async () => {
    expectStatus(await patch('nobody.here', { disabled: true }), 404);
  });

  it('does not let a manager disable themselves or drop their own role', async () => {
    expectProblem(await patch('manager', { disabled: true }), 400, 'body.disabled');
    expectProblem(await patch('manager', { role: 'auditor' }), 400, 'body.role');
    expect((await eventsOf('manager')).map((e) => e.type)).toEqual(['UserCreated']);
    expect((await manager.get('/api/me')).statusCode).toBe(200);
  });

  it('disables an account: it can no longer log in and its token is refused; enabling it again restores both', async () => {
    const user = await create({ username: fresh('leaving'), password: 'long enough', role: 'enumerator', areaCodes: ['01'] });
    const token = (await login(user.id, 'long enough')).json<{ token: string }>().token;
    expect((await send(token, 'GET', '/api/me')).statusCode).toBe(200);

    const res = await patch(user.id, { disabled: true });
    expect(res.json()).toMatchObject({ disabled: true });
    expectStatus(await send(token, 'GET', '/api/me'), 401);
    expectStatus(await login(user.id, 'long enough'), 401);
    expect((await manager.get(`/api/users?role=enumerator&limit=1000`)).json<{ items: Account[] }>().items.find((u) => u.id === user.id)?.disabled).toBe(true);

    await patch(user.id, { disabled: false });
    expect((await login(user.id, 'long enough')).statusCode).toBe(200);
    expect((await eventsOf(user.id)).map((e) => e.data)).toEqual([expect.anything(), { disabled: true }, { disabled: false }]);
  });

  it('changes a password: the old one and the tokens issued under it stop working, the new one works, neither is stored in plain text', async () => {
    const user = await create({ username: fresh('rotated'), password: 'first password', role: 'enumerator', areaCodes: ['01'] });
    const oldToken = (await login(user.id, 'first password')).json<{ token: string }>().token;
    const res = await patch(user.id, { password: 'second password' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toMatch(/second password|scrypt/);

    expectStatus(await send(oldToken, 'GET', '/api/me'), 401);
    expectStatus(await login(user.id, 'first password'), 401);
    const fresh2 = await login(user.id, 'second password');
    expect(fresh2.statusCode).toBe(200);
    expect((await send(fresh2.json<{ token: string }>().token, 'GET', '/api/me')).json()).toMatchObject({ username: user.id });

    const stored = JSON.stringify(await eventsOf(user.id));
    expect(stored).not.toContain('first password');
    expect(stored).not.toContain('second password');
    expect((await eventsOf(user.id))[1]!.data).toEqual({ passwordHash: expect.stringMatching(/^scrypt\$/) });
  });

  it('takes a role change into effect on the next request, without a new token', async () => {
    const user = await create({ username: fresh('acting'), password: 'long enough', role: 'enumerator', areaCodes: ['01'] });
    const token = (await login(user.id, 'long enough')).json<{ token: string }>().token;
    expectStatus(await send(token, 'GET', '/api/users'), 403);
    await patch(user.id, { role: 'manager', areaCodes: ['VN'] });
    expect((await send(token, 'GET', '/api/users')).statusCode).toBe(200);
  });
});

describe('GET /api/enumerators', () => {
  it('names the active enumerators whose areas meet the supervisor’s, for reassignment', async () => {
    const [hanoi, hcm, manager, enumerator] = await Promise.all([system.login('sup.hanoi'), system.login('sup.hcm'), system.login('manager'), system.login('enum.hanoi')]);
    const names = async (api: typeof hanoi, query = '') => (await api.get(`/api/enumerators${query}`)).json<{ items: { username: string; areaCodes: string[] }[] }>().items.map((u) => u.username);
    expect(await names(hanoi)).toContain('enum.hanoi');
    expect(await names(hanoi)).not.toContain('enum.hcm');
    expect(await names(hcm)).toEqual(expect.arrayContaining(['enum.hcm']));
    expect(await names(hcm)).not.toContain('enum.hanoi');
    expect(await names(manager, '?areaCode=79')).toEqual(expect.arrayContaining(['enum.hcm']));
    expect(await names(manager, '?areaCode=79')).not.toContain('enum.hanoi');
    expect((await enumerator.get('/api/enumerators')).statusCode).toBe(403);
    expect((await manager.get('/api/enumerators?areaCode=99999')).statusCode).toBe(400);
  });
});
