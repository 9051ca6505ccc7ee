import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { setLocale } from '../i18n/index.svelte';
import { fakeApi } from '../test/fake-api';
import { handleUnauthorized } from './api';
import { replace } from './router.svelte';
import { auth, renew, sessionExpired, signIn } from './session.svelte';

const KEY = 'survey-ops.session';
const USER = { id: 'enum.hanoi', username: 'enum.hanoi', role: 'enumerator' as const, areaCodes: ['01'] };
const stored = () => JSON.parse(localStorage.getItem(KEY) ?? 'null') as { session: { token: string }; refresh?: { token: string } } | null;
const renewed = (token: string) => ({ body: { token, expiresIn: 900, user: USER, refreshToken: `r.${token}`, refreshExpiresAt: new Date(Date.now() + 60 * 864e5).toISOString() } });
/** A session on a named device whose access token runs out in `ms`. */
const onDevice = (ms: number) => signIn({ token: 'old-access', user: USER }, ms, { token: 'r.old', expiresAt: Date.now() + 60 * 864e5 });

beforeEach(() => {
  sessionExpired();
  setLocale('en');
  replace('/');
});

describe('a session kept on a named device', () => {
  it('is asked for at login, with this browser’s id and the name given', async () => {
    const server = fakeApi({
      'POST /api/auth/login': renewed('from-login'),
      'GET /api/cycles': { body: { items: [], nextCursor: null } },
    });
    const user = userEvent.setup();
    render(App);
    await user.type(await screen.findByLabelText('Username'), 'enum.hanoi');
    await user.type(screen.getByLabelText('Password'), 'demo');
    await user.click(screen.getByRole('checkbox', { name: 'Keep me signed in on this device for 60 days' }));
    const name = screen.getByLabelText('Name of this device (a manager sees it)');
    await user.clear(name);
    await user.type(name, 'Điện thoại của Lan');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    await expect.poll(() => auth.session?.token).toBe('from-login');
    const [call] = server.to('POST', '/api/auth/login');
    expect(call?.body).toMatchObject({ username: 'enum.hanoi', device: { id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'Điện thoại của Lan' } });
    expect(stored()?.refresh?.token).toBe('r.from-login');
  });

  it('renews itself with its refresh token, and a 401 of the API renews rather than ends it', async () => {
    const server = fakeApi({ 'POST /api/auth/refresh': (call) => renewed(`after-${(call.body as { refreshToken: string }).refreshToken}`) });
    onDevice(30_000);
    expect(await renew()).toBe(true);
    expect(auth.session?.token).toBe('after-r.old');
    expect(stored()?.refresh?.token).toBe('r.after-r.old');
    handleUnauthorized();
    await expect.poll(() => auth.session?.token).toBe('after-r.after-r.old');
    expect(server.to('POST', '/api/auth/refresh').map((c) => c.body)).toEqual([{ refreshToken: 'r.old' }, { refreshToken: 'r.after-r.old' }]);
  });

  it('is kept while the network is down, and ends with the reason when a manager ended it', async () => {
    fakeApi({ 'POST /api/auth/refresh': 'network' });
    onDevice(30_000);
    expect(await renew()).toBe(false);
    expect(auth.session?.token).toBe('old-access');
    fakeApi({ 'POST /api/auth/refresh': { status: 401, body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'ended', code: 'auth.device_revoked' } } });
    expect(await renew()).toBe(false);
    expect(auth.session).toBeNull();
    render(App);
    expect(await screen.findByTestId('session-ended')).toHaveTextContent('This device’s session was ended by a manager');
  });
});
