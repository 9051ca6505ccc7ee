import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import type { Account } from '../lib/types';
import { fakeApi, signedIn, type Reply, type Route } from '../test/fake-api';
import { account } from '../test/fixtures';

const AREAS: Route = { body: { items: [{ code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN' }] } };
const respondent = (username: string, unitIds: string[]): Account => ({ ...account(username, 'respondent', []), unitIds });

/** A refusal of the body as the server words it. */
const refused = (path: string, message: string, code: string, params: Record<string, string> = {}): Reply => ({
  status: 400,
  body: { type: 't', title: 'Bad request', status: 400, detail: `${path} ${message}`, code: 'user.invalid', params: {}, errors: [{ path, message, code, params }] },
});

beforeEach(() => signedIn('manager', 'manager', ['VN']));

describe('a respondent on the new-account form', () => {
  async function openForm(reply: Reply) {
    replace('/users');
    const listed: Account[] = [account('enum.hanoi', 'enumerator', ['01'])];
    const server = fakeApi({
      'GET /api/areas': AREAS,
      'GET /api/users': () => ({ body: { items: [...listed], nextCursor: null } }),
      'POST /api/users': () => {
        if ((reply.status ?? 200) < 300) listed.push(reply.body as Account);
        return reply;
      },
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Thêm tài khoản' }));
    const form = within(screen.getByRole('region', { name: 'Tài khoản mới' }));
    await user.type(form.getByRole('textbox', { name: 'Tên đăng nhập' }), 'ke.toan');
    await user.type(form.getByLabelText('Mật khẩu'), 'matkhau-2026');
    await user.selectOptions(form.getByRole('combobox', { name: 'Vai trò' }), 'Người báo cáo');
    const submit = () => user.click(form.getByRole('button', { name: 'Tạo tài khoản' }));
    return { server, user, form, submit };
  }

  it('asks for units instead of areas, sends them, and the list shows the respondent’s units', async () => {
    const { server, user, form, submit } = await openForm({ status: 201, body: respondent('ke.toan', ['DN0100001', 'DN0100002']) });
    expect(form.queryByRole('group', { name: 'Địa bàn' })).not.toBeInTheDocument();
    const units = form.getByRole('textbox', { name: 'Đơn vị báo cáo' });
    expect(units).toHaveAccessibleDescription(/Mã đơn vị trong dàn mẫu, cách nhau bằng dấu phẩy hoặc dấu cách/);

    await submit();
    expect(units).toHaveAttribute('aria-invalid', 'true');
    expect(units).toHaveAccessibleDescription(/Vui lòng nhập ít nhất một mã đơn vị\.$/);
    expect(units).toHaveFocus();
    expect(server.to('POST', '/api/users')).toHaveLength(0);

    await user.type(units, 'DN0100001, DN0100002\nDN0100001');
    await submit();
    expect(await screen.findByTestId('users-notice')).toHaveTextContent('Đã tạo tài khoản ke.toan.');
    expect(server.to('POST', '/api/users')[0]?.body).toEqual({ username: 'ke.toan', password: 'matkhau-2026', language: 'vi', role: 'respondent', areaCodes: [], unitIds: ['DN0100001', 'DN0100002'] });
    const row = await screen.findByRole('row', { name: /ke\.toan/ });
    expect(row).toHaveTextContent('Người báo cáo');
    expect(row).toHaveTextContent('Đơn vị: DN0100001, DN0100002');
  });

  it('shows units the frame does not hold at the units field', async () => {
    const { user, form, submit } = await openForm(refused('body.unitIds', 'unknown units: DN9', 'unknown_units', { ids: 'DN9' }));
    await user.type(form.getByRole('textbox', { name: 'Đơn vị báo cáo' }), 'DN9');
    await submit();
    const units = form.getByRole('textbox', { name: 'Đơn vị báo cáo' });
    await vi.waitFor(() => expect(units).toHaveAccessibleDescription(/có đơn vị không tồn tại: DN9$/));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('names the role in English too', async () => {
    signedIn('manager', 'manager', ['VN'], 'en');
    replace('/users?role=respondent');
    fakeApi({ 'GET /api/areas': AREAS, 'GET /api/users': { body: { items: [respondent('ke.toan', ['DN0100001'])], nextCursor: null } } });
    render(App);
    const row = await screen.findByRole('row', { name: /ke\.toan/ });
    expect(row).toHaveTextContent('Respondent');
    expect(row).toHaveTextContent('Units: DN0100001');
    expect(screen.getByRole('combobox', { name: 'Role' })).toHaveValue('respondent');
  });
});

describe('a respondent’s account page', () => {
  it('shows its units and changes them', async () => {
    replace('/users/ke.toan');
    const server = fakeApi({
      'GET /api/users/ke.toan': { body: respondent('ke.toan', ['DN0100001']) },
      'GET /api/users/ke.toan/devices': { body: { items: [] } },
      'PATCH /api/users/ke.toan': (call) => ({ body: respondent('ke.toan', (call.body as { unitIds: string[] }).unitIds) }),
    });
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByTestId('account-units')).toHaveTextContent('DN0100001');
    expect(screen.queryByTestId('account-areas')).not.toBeInTheDocument();
    const form = within(screen.getByRole('region', { name: 'Vai trò và địa bàn' }));
    const units = form.getByRole('textbox', { name: 'Đơn vị báo cáo' });
    expect(units).toHaveValue('DN0100001');
    await user.type(units, ' DN0100003');
    await user.click(form.getByRole('button', { name: 'Lưu vai trò và địa bàn' }));
    await vi.waitFor(() => expect(screen.getByTestId('account-units')).toHaveTextContent('DN0100001, DN0100003'));
    expect(server.to('PATCH', '/api/users/ke.toan')[0]?.body).toEqual({ role: 'respondent', areaCodes: [], unitIds: ['DN0100001', 'DN0100003'] });
  });
});
