import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { setLocale } from '../i18n/index.svelte';
import { replace } from '../lib/router.svelte';
import { signIn } from '../lib/session.svelte';
import type { Account } from '../lib/types';
import { fakeApi, signedIn, type Route } from '../test/fake-api';
import { account } from '../test/fixtures';

const AREAS: Route = { body: { items: [{ code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN' }] } };
const NAMED: Account = { ...account('enum.hanoi', 'enumerator', ['01']), fullName: 'Phạm Quốc Bảo' };
const UNNAMED = account('enum.moi', 'enumerator', ['01']);

beforeEach(() => signedIn('manager', 'manager', ['VN']));

describe('full names in the accounts list', () => {
  it('shows the name first, links it to the account, with the username beside it; an account without one shows its username', async () => {
    replace('/users');
    fakeApi({ 'GET /api/areas': AREAS, 'GET /api/users': { body: { items: [NAMED, UNNAMED], nextCursor: null } } });
    render(App);
    const named = await screen.findByRole('row', { name: /Phạm Quốc Bảo/ });
    const header = within(named).getByRole('rowheader');
    expect(within(header).getByRole('link')).toHaveTextContent(/^Phạm Quốc Bảo$/);
    expect(header).toHaveTextContent('Phạm Quốc Bảo enum.hanoi');
    expect(within(screen.getByRole('row', { name: /enum\.moi/ })).getByRole('link')).toHaveTextContent(/^enum\.moi$/);
    expect(screen.getByRole('columnheader', { name: 'Họ và tên, tên đăng nhập' })).toBeInTheDocument();
  });

  it('names the column in English too', async () => {
    setLocale('en');
    replace('/users');
    fakeApi({ 'GET /api/areas': AREAS, 'GET /api/users': { body: { items: [NAMED], nextCursor: null } } });
    render(App);
    expect(await screen.findByRole('columnheader', { name: 'Name and username' })).toBeInTheDocument();
  });
});

describe('a full name on the new-account form', () => {
  /** The form filled in but for the name, on a server answering the creation with `reply`. */
  async function openForm(reply: Route) {
    replace('/users');
    const server = fakeApi({ 'GET /api/areas': AREAS, 'GET /api/users': { body: { items: [], nextCursor: null } }, 'POST /api/users': reply });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Thêm tài khoản' }));
    const form = screen.getByRole('region', { name: 'Tài khoản mới' });
    await user.type(within(form).getByRole('textbox', { name: 'Tên đăng nhập' }), 'enum.lan');
    await user.type(within(form).getByLabelText('Mật khẩu'), 'matkhau-2026');
    await user.click(await within(form).findByRole('checkbox', { name: /Thành phố Hà Nội/ }));
    return { server, user, form };
  }

  it('is sent trimmed when given', async () => {
    const { server, user, form } = await openForm({ status: 201, body: { ...account('enum.lan', 'enumerator', ['01']), fullName: 'Nguyễn Thị Lan' } });
    const name = within(form).getByRole('textbox', { name: 'Họ và tên' });
    expect(name).toHaveAccessibleDescription(/Không bắt buộc/);
    await user.type(name, '  Nguyễn Thị Lan ');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    await vi.waitFor(() => expect(server.to('POST', '/api/users')).toHaveLength(1));
    expect(server.to('POST', '/api/users')[0]?.body).toMatchObject({ username: 'enum.lan', fullName: 'Nguyễn Thị Lan' });
  });

  it('shows the server’s problem with the name at the name field', async () => {
    const refused = { status: 400, body: { type: 't', title: 'Bad request', status: 400, detail: 'invalid body: body.fullName is too long', code: 'request_invalid', params: {}, errors: [{ path: 'body.fullName', message: 'must have at most 120 characters', code: 'too_big', params: { maximum: 120 } }] } };
    const { user, form } = await openForm(refused);
    const name = within(form).getByRole('textbox', { name: 'Họ và tên' });
    await user.type(name, 'Lan');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    await vi.waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    // In the user's words, from the problem's code: never the server's English.
    const problem = document.getElementById('new-user-fullName-error');
    expect(problem).toHaveTextContent('quá lớn hoặc quá dài (tối đa 120)');
    expect(name.getAttribute('aria-describedby')).toContain('new-user-fullName-error');
    expect(document.activeElement).toBe(name);
  });
});

describe('a full name on an account’s page', () => {
  it('shows the name, refuses a blank one before sending, and saves a new one', async () => {
    replace('/users/enum.hanoi');
    const server = fakeApi({
      'GET /api/areas': AREAS,
      'GET /api/areas/01': { body: { code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN', ancestry: [] } },
      'GET /api/users/enum.hanoi': { body: NAMED },
      'PATCH /api/users/enum.hanoi': (call) => ({ body: { ...NAMED, ...(call.body as Partial<Account>) } }),
    });
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByTestId('account-full-name')).toHaveTextContent('Phạm Quốc Bảo');
    const name = screen.getByRole('textbox', { name: 'Họ và tên' });
    expect(name).toHaveValue('Phạm Quốc Bảo');

    await user.clear(name);
    await user.type(name, '   ');
    await user.click(screen.getByRole('button', { name: 'Lưu họ và tên' }));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/Họ và tên cần từ 1 đến 120 ký tự/);
    expect(server.to('PATCH', '/api/users/enum.hanoi')).toHaveLength(0);

    await user.clear(name);
    await user.type(name, 'Phạm Quốc Bảo Anh ');
    await user.click(screen.getByRole('button', { name: 'Lưu họ và tên' }));
    expect(await screen.findByTestId('account-notice')).toHaveTextContent('Đã lưu họ và tên của enum.hanoi.');
    expect(server.to('PATCH', '/api/users/enum.hanoi').map((c) => c.body)).toEqual([{ fullName: 'Phạm Quốc Bảo Anh' }]);
    expect(screen.getByTestId('account-full-name')).toHaveTextContent('Phạm Quốc Bảo Anh');
    expect(name).toHaveAttribute('aria-invalid', 'false');
  });

  it('says an account has no name yet', async () => {
    replace('/users/enum.moi');
    fakeApi({ 'GET /api/areas': AREAS, 'GET /api/users/enum.moi': { body: UNNAMED } });
    render(App);
    expect(await screen.findByTestId('account-full-name')).toHaveTextContent('Chưa có');
    expect(screen.getByRole('textbox', { name: 'Họ và tên' })).toHaveValue('');
  });
});

describe('the signed-in user in the header', () => {
  it('shows their full name beside the username when the login gave one', async () => {
    replace('/tasks');
    fakeApi({ 'GET /api/cycles': { body: { items: [], nextCursor: null } } });
    signIn({ token: 'token-enum.hanoi', user: { id: 'enum.hanoi', username: 'enum.hanoi', fullName: 'Phạm Quốc Bảo', role: 'enumerator', areaCodes: ['01'] } });
    render(App);
    expect(screen.getByTestId('current-user')).toHaveTextContent('Phạm Quốc Bảo enum.hanoi Điều tra viên');
  });
});
