import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { replace } from './lib/router.svelte';
import { fakeApi, signedIn } from './test/fake-api';
import { CYCLE_ID, LFS, cycle, taskDetail, taskItem } from './test/fixtures';

const TASKS = { items: [taskItem('HH0100101'), taskItem('HH0100102', { status: 'rejected', overdue: true })], nextCursor: null };

function enumeratorServer() {
  return fakeApi({
    'GET /api/cycles': { body: { items: [cycle(), cycle({ id: 'LFS-2026-10-ffffff', period: '2026-10', total: 0 })], nextCursor: null } },
    [`GET /api/cycles/${CYCLE_ID}/tasks`]: { body: TASKS },
    [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle() },
    [`GET /api/tasks/${CYCLE_ID}.HH0100101`]: { body: taskDetail('HH0100101') },
    'GET /api/surveys/LFS': { body: LFS },
  });
}

beforeEach(() => replace('/'));

describe('the shell', () => {
  it('gives an enumerator their own menu, name and role, and lists their tasks', async () => {
    signedIn('enum.hanoi', 'enumerator');
    const server = enumeratorServer();
    render(App);
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Nhiệm vụ của tôi', 'Hộp gửi đi']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Nhiệm vụ của tôi' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Nhiệm vụ của tôi' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('current-user')).toHaveTextContent('enum.hanoi Điều tra viên');

    const row = await screen.findByRole('row', { name: /HH0100102/ });
    expect(row).toHaveTextContent('Bị trả lại');
    expect(row).toHaveTextContent('10 thg 12, 2026');
    expect(server.to('GET', `/api/cycles/${CYCLE_ID}/tasks`)[0]?.query.get('enumerator')).toBe('enum.hanoi');
    expect(server.to('GET', '/api/cycles/LFS-2026-10-ffffff/tasks')).toHaveLength(0);
  });

  it('switches every visible string, and the date format, to English', async () => {
    signedIn('enum.hanoi', 'enumerator');
    enumeratorServer();
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('row', { name: /HH0100102/ });
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('My tasks');
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toHaveTextContent('My tasks');
    expect(screen.getByTestId('current-user')).toHaveTextContent('enum.hanoi Enumerator');
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Due' })).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /HH0100102/ });
    expect(row).toHaveTextContent('Rejected');
    expect(row).toHaveTextContent('10 Dec 2026');
    expect(document.documentElement.lang).toBe('en');
    await user.click(screen.getByRole('button', { name: 'Tiếng Việt' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Nhiệm vụ của tôi');
  });

  it('gives a supervisor their menu and refuses a page of another role', async () => {
    signedIn('sup.hanoi', 'supervisor');
    fakeApi({ 'GET /api/cycles': { body: { items: [], nextCursor: null } } });
    replace('/tasks');
    render(App);
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Giám sát nhiệm vụ', 'Các kỳ thu thập', 'Tỷ lệ báo cáo']);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Trang này không dành cho vai trò của bạn.');
  });

  it('moves focus to the heading of the page opened', async () => {
    signedIn('enum.hanoi', 'enumerator');
    enumeratorServer();
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('link', { name: 'HH0100101' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Nhiệm vụ HH0100101' });
    await expect.poll(() => document.activeElement).toBe(heading);
  });

  it('logs out to the login page', async () => {
    signedIn('enum.hanoi', 'enumerator');
    enumeratorServer();
    const user = userEvent.setup();
    render(App);
    await user.click(screen.getByRole('button', { name: 'Đăng xuất' }));
    expect(await screen.findByRole('heading', { name: 'Đăng nhập' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(localStorage.getItem('survey-ops.session')).toBeNull();
  });
});
