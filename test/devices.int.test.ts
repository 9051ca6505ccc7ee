import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type Api, type TestSystem } from './helpers/system.js';

/** Sessions on named devices (eventstore/sessions.ts): refresh tokens, their renewal and their end. */
let system: TestSystem;
let manager: Api;

beforeAll(async () => {
  system = await startTestSystem();
  manager = await system.login('manager');
});

afterAll(async () => {
  await system?.stop();
});

type SignedIn = { token: string; expiresIn: number; refreshToken: string; refreshExpiresAt: string; user: { username: string } };
const inject = (url: string, payload: unknown, method: 'POST' | 'PATCH' = 'POST', token?: string) =>
  system.app.inject({ method, url, payload: payload as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
const login = async (username: string, device?: { id: string; name: string }) => (await inject('/api/auth/login', { username, password: 'demo', ...(device ? { device } : {}) })).json<SignedIn>();
const refresh = (refreshToken: string) => inject('/api/auth/refresh', { refreshToken });

describe('a session on a named device', () => {
  it('gives a refresh token for 60 days that renews the session, a new one each time', async () => {
    const plain = await login('enum.hanoi');
    expect(plain.refreshToken).toBeUndefined();
    expect(plain.expiresIn).toBe(12 * 3600);
    const first = await login('enum.hanoi', { id: 'phone-lan-0001', name: 'Điện thoại của Lan' });
    expect(first.expiresIn).toBe(15 * 60);
    expect(Date.parse(first.refreshExpiresAt) - Date.now()).toBeGreaterThan(59 * 86_400_000);
    const renewed = await refresh(first.refreshToken);
    expect(renewed.statusCode, renewed.body).toBe(200);
    const second = renewed.json<SignedIn>();
    expect(second.user.username).toBe('enum.hanoi');
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await system.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${second.token}` } })).json()).toMatchObject({ username: 'enum.hanoi' });
    // The answer was lost on a bad line: the device asks again with the token it had, and gets a session.
    const again = await refresh(first.refreshToken);
    expect(again.statusCode, again.body).toBe(200);
    expect((await refresh(again.json<SignedIn>().refreshToken)).statusCode).toBe(200);
  });

  it('ends the session of a device whose old token is used again once a newer one was', async () => {
    const a = await login('enum.hcm', { id: 'tablet-hcm-0001', name: 'Máy tính bảng' });
    const b = (await refresh(a.refreshToken)).json<SignedIn>();
    const c = (await refresh(b.refreshToken)).json<SignedIn>();
    // `a` is two renewals old: a copy someone else kept.
    expect((await refresh(a.refreshToken)).json()).toMatchObject({ status: 401, code: 'auth.device_revoked' });
    expect((await refresh(c.refreshToken)).json()).toMatchObject({ status: 401, code: 'auth.device_revoked' });
    // A login on the device starts it again.
    const back = await login('enum.hcm', { id: 'tablet-hcm-0001', name: 'Máy tính bảng' });
    expect((await refresh(back.refreshToken)).statusCode).toBe(200);
  });

  it('is listed for managers, who end it; the device then logs in again', async () => {
    const device = await login('sup.hanoi', { id: 'laptop-sup-0001', name: 'Laptop' });
    const listed = await manager.get('/api/users/sup.hanoi/devices');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({ items: [{ deviceId: 'laptop-sup-0001', name: 'Laptop', revokedAt: null, active: true }] });
    const revoked = await system.app.inject({ method: 'DELETE', url: '/api/users/sup.hanoi/devices/laptop-sup-0001', headers: { authorization: `Bearer ${manager.token}` } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ deviceId: 'laptop-sup-0001', revokedBy: 'manager', active: false });
    expect((await refresh(device.refreshToken)).json()).toMatchObject({ status: 401, code: 'auth.device_revoked' });
    // Revoking again changes nothing and records nothing more; the end is on the user's stream.
    await system.app.inject({ method: 'DELETE', url: '/api/users/sup.hanoi/devices/laptop-sup-0001', headers: { authorization: `Bearer ${manager.token}` } });
    const recorded = (await system.store.readStream('user-sup.hanoi')).filter((e) => e.type === 'DeviceRevoked');
    expect(recorded.map((e) => e.data)).toEqual([{ deviceId: 'laptop-sup-0001', name: 'Laptop', by: 'manager' }]);
    expect((await system.app.inject({ method: 'DELETE', url: '/api/users/sup.hanoi/devices/no-such-device', headers: { authorization: `Bearer ${manager.token}` } })).json()).toMatchObject({ status: 404, code: 'device.not_found' });
    expect((await manager.get('/api/users/nobody.here/devices')).json()).toMatchObject({ status: 404, code: 'user.not_found' });
  });

  it('ends with a new password, and refuses what is not a refresh token', async () => {
    const device = await login('sup.hcm', { id: 'phone-sup-hcm-01', name: 'Phone' });
    const changed = await inject('/api/users/sup.hcm', { password: 'a new long password' }, 'PATCH', manager.token);
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await refresh(device.refreshToken)).json()).toMatchObject({ status: 401, code: 'auth.password_changed' });
    for (const token of ['garbage', 'a.b', 'a.b.c', `${device.refreshToken.split('.')[0]}.wrong-but-well-formed-secret-0000000000000`]) {
      const res = await refresh(token);
      expect(res.statusCode, token).toBe(401);
    }
    expect((await inject('/api/auth/login', { username: 'enum.hanoi', password: 'demo', device: { id: 'short', name: 'x' } })).json()).toMatchObject({ status: 400, errors: [{ path: 'body.device.id' }] });
    expect((await inject('/api/auth/login', { username: 'enum.hanoi', password: 'demo', device: { id: 'phone-lan-0002', name: '   ' } })).json()).toMatchObject({ status: 400, errors: [{ path: 'body.device.name' }] });
  });
});
