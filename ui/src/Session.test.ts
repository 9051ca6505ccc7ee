import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { replace } from './lib/router.svelte';
import { auth, sessionExpired, signIn } from './lib/session.svelte';
import { fakeApi } from './test/fake-api';
import { CYCLE_ID, LFS, cycle, taskDetail, taskItem } from './test/fixtures';

const KEY = 'survey-ops.session';
const TASK = `${CYCLE_ID}.HH0100101`;
const USER = { id: 'enum.hanoi', username: 'enum.hanoi', role: 'enumerator' as const, areaCodes: ['01'] };

function server() {
  return fakeApi({
    'POST /api/auth/login': { body: { token: 'token-from-login', expiresIn: 43_200, user: USER } },
    'GET /api/cycles': { body: { items: [cycle()], nextCursor: null } },
    [`GET /api/cycles/${CYCLE_ID}/tasks`]: { body: { items: [taskItem('HH0100101')], nextCursor: null } },
    [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle() },
    [`GET /api/tasks/${TASK}`]: { body: taskDetail('HH0100101') },
    'GET /api/surveys/LFS': { body: LFS },
  });
}

/** What another tab of the same browser does to the shared storage, and the event this tab then gets. */
function anotherTab(value: unknown) {
  if (value === null) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, JSON.stringify(value));
  window.dispatchEvent(new StorageEvent('storage', { key: KEY }));
}

beforeEach(() => {
  sessionExpired();
  replace('/');
});

describe('the session', () => {
  it('opens a link on the login page, then goes where the link pointed', async () => {
    server();
    replace(`/tasks/${TASK}`);
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeInTheDocument();
    expect(location.hash).toBe(`#/login?next=${encodeURIComponent(`/tasks/${TASK}`)}`);
    await user.type(screen.getByLabelText('Tên đăng nhập'), 'enum.hanoi');
    await user.type(screen.getByLabelText('Mật khẩu'), 'demo');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Nhiệm vụ HH0100101' })).toBeInTheDocument();
    expect(location.hash).toBe(`#/tasks/${TASK}`);
    // Kept for every tab, with the expiry the server gave.
    const stored = JSON.parse(localStorage.getItem(KEY)!) as { session: { token: string }; expiresAt: number };
    expect(stored.session.token).toBe('token-from-login');
    expect(stored.expiresAt - Date.now()).toBeGreaterThan(43_000_000);
  });

  it('goes to the role’s home page when the link points to a page the role may not open', async () => {
    server();
    replace('/users');
    const user = userEvent.setup();
    render(App);
    await user.type(await screen.findByLabelText('Tên đăng nhập'), 'enum.hanoi');
    await user.type(screen.getByLabelText('Mật khẩu'), 'demo');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Nhiệm vụ của tôi' })).toBeInTheDocument();
    expect(location.hash).toBe('#/tasks');
  });

  it('follows the other tabs: signed in there, signed in here; logged out there, logged out here', async () => {
    server();
    replace(`/tasks/${TASK}`);
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' });
    anotherTab({ session: { token: 'token-other-tab', user: USER }, expiresAt: Date.now() + 60_000 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Nhiệm vụ HH0100101' })).toBeInTheDocument();
    expect(auth.session?.token).toBe('token-other-tab');
    anotherTab(null);
    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeInTheDocument();
    expect(auth.session).toBeNull();
    expect(location.hash).toBe(`#/login?next=${encodeURIComponent(`/tasks/${TASK}`)}`);
  });

  it('ends at its expiry, and ignores an expired session another tab left behind', async () => {
    server();
    signIn({ token: 'short', user: USER }, 150);
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Nhiệm vụ của tôi' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' }, { timeout: 2000 })).toBeInTheDocument();
    expect(localStorage.getItem(KEY)).toBeNull();
    anotherTab({ session: { token: 'stale', user: USER }, expiresAt: Date.now() - 1 });
    expect(auth.session).toBeNull();
  });
});
