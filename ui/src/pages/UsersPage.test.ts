import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import type { Account } from '../lib/types';
import { fakeApi, signedIn, type Reply, type Route } from '../test/fake-api';
import { account } from '../test/fixtures';

const AREAS: Route = (call) =>
  call.query.get('parent') === 'VN'
    ? { body: { items: [{ code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN' }, { code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province', parent: 'VN' }] } }
    : { body: { items: [{ code: '79001', name: 'Phường Sài Gòn', level: 'commune', parent: '79' }, { code: '79002', name: 'Phường Tân Định', level: 'commune', parent: '79' }] } };

const ENUM_HANOI = account('enum.hanoi', 'enumerator', ['01']);
const ENUM_HCM = account('enum.hcm', 'enumerator', ['79001'], true);

type FieldProblem = { path: string; message: string; code?: string; params?: Record<string, string> };
/** A refusal as the server words it: a stable code for the UI, an English detail for API clients. */
const problem = (status: number, detail: string, code: string, errors?: FieldProblem[]): Reply => ({
  status,
  body: { type: `https://survey-ops.dev/problems/${status}`, title: status === 409 ? 'Conflict' : 'Bad request', status, detail, code, params: {}, ...(errors ? { errors } : {}) },
});

beforeEach(() => {
  signedIn('manager', 'manager', ['VN']);
});

describe('the accounts list', () => {
  it('filters by role and area from the address, and loads more with the cursor', async () => {
    replace('/users?role=enumerator');
    const server = fakeApi({
      'GET /api/areas': AREAS,
      'GET /api/users': (call) =>
        call.query.get('cursor') === 'page-2'
          ? { body: { items: [account('enum.late', 'enumerator', ['01'])], nextCursor: null } }
          : { body: { items: [ENUM_HANOI, ENUM_HCM], nextCursor: 'page-2' } },
    });
    const user = userEvent.setup();
    render(App);
    const hanoi = await screen.findByRole('row', { name: /enum\.hanoi/ });
    expect(hanoi).toHaveTextContent('Điều tra viên');
    await vi.waitFor(() => expect(hanoi).toHaveTextContent('Thành phố Hà Nội (01)'));
    expect(hanoi).toHaveTextContent('Đang hoạt động');
    expect(screen.getByRole('row', { name: /enum\.hcm/ })).toHaveTextContent('Đã khóa');
    expect(screen.getByRole('combobox', { name: 'Vai trò' })).toHaveValue('enumerator');
    expect(server.to('GET', '/api/users')[0]?.url).toBe('/api/users?role=enumerator&limit=50');

    await screen.findByRole('option', { name: '01 · Thành phố Hà Nội' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Địa bàn' }), '01');
    expect(location.hash).toBe('#/users?role=enumerator&area=01');
    await vi.waitFor(() => expect(server.to('GET', '/api/users').at(-1)?.url).toBe('/api/users?role=enumerator&areaCode=01&limit=50'));

    await user.click(await screen.findByRole('button', { name: 'Tải thêm' }));
    expect(await screen.findByRole('row', { name: /enum\.late/ })).toBeInTheDocument();
    expect(server.to('GET', '/api/users').at(-1)?.query.get('cursor')).toBe('page-2');
    expect(screen.getByText('Đang hiển thị 3 tài khoản')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tải thêm' })).not.toBeInTheDocument();
  });
});

describe('creating an account', () => {
  /** Answers the creation with `reply`; a success adds the account to the list the page reloads. */
  function createServer(reply: Reply) {
    const listed: Account[] = [ENUM_HANOI];
    return fakeApi({
      'GET /api/areas': AREAS,
      'GET /api/users': () => ({ body: { items: [...listed], nextCursor: null } }),
      'POST /api/users': () => {
        if ((reply.status ?? 200) < 300) listed.push(account('enum.moi', 'enumerator', ['01', '79002']));
        return reply;
      },
    });
  }

  async function openForm() {
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('row', { name: /enum\.hanoi/ });
    await user.click(screen.getByRole('button', { name: 'Thêm tài khoản' }));
    const form = screen.getByRole('region', { name: 'Tài khoản mới' });
    return { user, form };
  }

  async function fillIn(user: ReturnType<typeof userEvent.setup>, form: HTMLElement, username: string) {
    await user.type(within(form).getByRole('textbox', { name: 'Tên đăng nhập' }), username);
    await user.type(within(form).getByLabelText('Mật khẩu'), 'matkhau-2026');
    await user.click(await within(form).findByRole('checkbox', { name: /Thành phố Hà Nội/ }));
  }

  beforeEach(() => replace('/users'));

  it('sends the username, password, role and areas picked, then lists the new account', async () => {
    const server = createServer({ status: 201, body: account('enum.moi', 'enumerator', ['01', '79002']) });
    const { user, form } = await openForm();
    expect(document.activeElement).toBe(within(form).getByRole('textbox', { name: 'Họ và tên' }));
    expect(within(form).getByText('Từ 8 ký tự trở lên.')).toBeInTheDocument();
    await fillIn(user, form, 'enum.moi');
    await user.click(within(form).getByRole('button', { name: 'Chọn xã của Thành phố Hồ Chí Minh' }));
    await user.click(await within(form).findByRole('checkbox', { name: /Phường Tân Định/ }));
    expect(within(form).getByRole('combobox', { name: 'Vai trò' })).toHaveValue('enumerator');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));

    expect(await screen.findByTestId('users-notice')).toHaveTextContent('Đã tạo tài khoản enum.moi.');
    expect(server.to('POST', '/api/users')[0]?.body).toEqual({ username: 'enum.moi', password: 'matkhau-2026', language: 'vi', role: 'enumerator', areaCodes: ['01', '79002'] });
    expect(await screen.findByRole('row', { name: /enum\.moi/ })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Tài khoản mới' })).not.toBeInTheDocument();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Thêm tài khoản' }));
  });

  it('checks the username, password and areas before sending', async () => {
    const server = createServer({ status: 201, body: ENUM_HANOI });
    const { user, form } = await openForm();
    await user.type(within(form).getByRole('textbox', { name: 'Tên đăng nhập' }), 'Nguyễn Văn A');
    await user.type(within(form).getByLabelText('Mật khẩu'), 'short');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    const username = within(form).getByRole('textbox', { name: 'Tên đăng nhập' });
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(document.activeElement).toBe(username);
    expect(within(form).getByLabelText('Mật khẩu')).toHaveAccessibleDescription(/Mật khẩu cần từ 8 đến 200 ký tự/);
    expect(within(form).getByRole('group', { name: 'Địa bàn' })).toHaveTextContent('Vui lòng chọn ít nhất một địa bàn');
    expect(server.to('POST', '/api/users')).toHaveLength(0);
  });

  it('shows a taken username (409) on the username field', async () => {
    const server = createServer(problem(409, 'the username enum.hanoi is taken', 'user.username_taken', [{ path: 'body.username', message: 'is taken', code: 'taken' }]));
    const { user, form } = await openForm();
    await fillIn(user, form, 'enum.hanoi');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    const username = within(form).getByRole('textbox', { name: 'Tên đăng nhập' });
    await vi.waitFor(() => expect(username).toHaveAttribute('aria-invalid', 'true'));
    expect(username).toHaveAccessibleDescription(/Tên đăng nhập này đã có người dùng/);
    expect(document.activeElement).toBe(username);
    expect(server.to('POST', '/api/users')).toHaveLength(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the server’s problem with the areas (400) on the areas field', async () => {
    createServer(problem(400, 'areaCodes unknown area codes: 01', 'user.invalid', [{ path: 'body.areaCodes', message: 'unknown area codes: 01', code: 'unknown_areas', params: { codes: '01' } }]));
    const { user, form } = await openForm();
    await fillIn(user, form, 'enum.moi');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    const areas = within(form).getByRole('group', { name: 'Địa bàn' });
    await vi.waitFor(() => expect(within(areas).getByText('có mã địa bàn không tồn tại: 01')).toBeInTheDocument());
    expect(areas).toHaveAccessibleDescription(/có mã địa bàn không tồn tại: 01/);
    expect(within(form).getByRole('textbox', { name: 'Tên đăng nhập' })).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByTestId('users-notice')).not.toBeInTheDocument();
  });
});

describe('an account’s page', () => {
  function accountServer(shown: Account, patch: Route = (call) => ({ body: { ...shown, ...(call.body as Partial<Account>) } })) {
    return fakeApi({
      'GET /api/areas': AREAS,
      'GET /api/areas/01': { body: { code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN', ancestry: [] } },
      [`GET /api/users/${shown.id}`]: { body: shown },
      [`GET /api/users/${shown.id}/devices`]: { body: { items: [] } },
      [`PATCH /api/users/${shown.id}`]: patch,
    });
  }

  it('disables the account only once the manager confirms', async () => {
    replace('/users/enum.hanoi');
    const server = accountServer(ENUM_HANOI);
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Tài khoản enum.hanoi' })).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByTestId('account-areas')).toHaveTextContent('Thành phố Hà Nội (01)'));

    await user.click(screen.getByRole('button', { name: 'Khóa tài khoản' }));
    let dialog = screen.getByRole('dialog', { name: 'Khóa tài khoản enum.hanoi?' });
    await user.click(within(dialog).getByRole('button', { name: 'Hủy bỏ' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(server.to('PATCH', '/api/users/enum.hanoi')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Khóa tài khoản' }));
    dialog = screen.getByRole('dialog', { name: 'Khóa tài khoản enum.hanoi?' });
    await user.click(within(dialog).getByRole('button', { name: 'Khóa tài khoản' }));
    expect(await screen.findByTestId('account-notice')).toHaveTextContent('Đã khóa tài khoản enum.hanoi.');
    expect(server.to('PATCH', '/api/users/enum.hanoi').map((c) => c.body)).toEqual([{ disabled: true }]);
    expect(screen.getByTestId('account-status')).toHaveTextContent('Đã khóa');
    expect(screen.getByRole('button', { name: 'Mở khóa tài khoản' })).toBeInTheDocument();
  });

  it('shows the server refusing a manager who disables their own account (400)', async () => {
    replace('/users/manager');
    accountServer(
      account('manager', 'manager', ['VN']),
      problem(400, 'you cannot disable your own account', 'user.cannot_disable_self', [{ path: 'body.disabled', message: 'a manager cannot disable their own account', code: 'own_account' }]),
    );
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Khóa tài khoản' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Khóa tài khoản' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Máy chủ từ chối: Bạn không thể khóa tài khoản của chính mình.');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('account-status')).toHaveTextContent('Đang hoạt động');
  });

  it('resets the password, checking its length first', async () => {
    replace('/users/enum.hanoi');
    const server = accountServer(ENUM_HANOI);
    const user = userEvent.setup();
    render(App);
    const password = await screen.findByLabelText('Mật khẩu mới');
    await user.type(password, 'ngan');
    await user.click(screen.getByRole('button', { name: 'Đặt lại mật khẩu' }));
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(server.to('PATCH', '/api/users/enum.hanoi')).toHaveLength(0);

    await user.clear(password);
    await user.type(password, 'mat-khau-moi-1');
    await user.click(screen.getByRole('button', { name: 'Đặt lại mật khẩu' }));
    expect(await screen.findByTestId('account-notice')).toHaveTextContent('Đã đặt lại mật khẩu của enum.hanoi.');
    expect(server.to('PATCH', '/api/users/enum.hanoi').map((c) => c.body)).toEqual([{ password: 'mat-khau-moi-1' }]);
    expect(password).toHaveValue('');
  });

  it('changes the role and areas, showing a refused role at the role field', async () => {
    replace('/users/enum.hanoi');
    let refuse = true;
    const server = accountServer(ENUM_HANOI, (call) =>
      refuse ? problem(400, 'you cannot take away your own manager role', 'user.cannot_change_own_role', [{ path: 'body.role', message: 'a manager cannot change their own role', code: 'own_account' }]) : { body: { ...ENUM_HANOI, ...(call.body as Partial<Account>) } },
    );
    const user = userEvent.setup();
    render(App);
    const role = await screen.findByRole('combobox', { name: 'Vai trò' });
    expect(role).toHaveValue('enumerator');
    expect(await screen.findByRole('checkbox', { name: /Thành phố Hà Nội/ })).toBeChecked();
    await user.selectOptions(role, 'supervisor');
    await user.click(screen.getByRole('radio', { name: 'Cả nước' }));
    await user.click(screen.getByRole('button', { name: 'Lưu vai trò và địa bàn' }));
    await vi.waitFor(() => expect(role).toHaveAccessibleDescription('không áp dụng cho tài khoản của chính bạn'));

    refuse = false;
    await user.click(screen.getByRole('button', { name: 'Lưu vai trò và địa bàn' }));
    expect(await screen.findByTestId('account-notice')).toHaveTextContent('Đã lưu vai trò và địa bàn của enum.hanoi.');
    expect(server.to('PATCH', '/api/users/enum.hanoi').at(-1)?.body).toEqual({ role: 'supervisor', areaCodes: ['VN'] });
    expect(screen.getByTestId('account-role')).toHaveTextContent('Giám sát viên');
    expect(screen.getByTestId('account-areas')).toHaveTextContent('Cả nước');
    expect(role).toHaveAttribute('aria-invalid', 'false');
  });
});
