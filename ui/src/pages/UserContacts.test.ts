import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { setLocale } from '../i18n/index.svelte';
import { replace } from '../lib/router.svelte';
import type { Account } from '../lib/types';
import type { AccountChange } from '../lib/users';
import { fakeApi, signedIn, type Route } from '../test/fake-api';
import { account } from '../test/fixtures';

const AREAS: Route = { body: { items: [{ code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN' }] } };
const ADDRESSED: Account = { ...account('enum.hanoi', 'enumerator', ['01']), email: 'bao@example.vn' };
const UNADDRESSED = account('enum.moi', 'enumerator', ['01']);

/** A refusal of the body as the server words it. */
const refused = (path: string, message: string, code: string) => ({
  status: 400,
  body: { type: 't', title: 'Bad request', status: 400, detail: `invalid body: ${path} ${message}`, code: 'request_invalid', params: {}, errors: [{ path, message, code }] },
});

beforeEach(() => signedIn('manager', 'manager', ['VN']));

describe('email and language on the new-account form', () => {
  /** The form filled in but for the email and language, on a server answering the creation with `reply`. */
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
    const email = within(form).getByRole('textbox', { name: 'Thư điện tử' });
    const language = within(form).getByRole('combobox', { name: 'Ngôn ngữ của thư' });
    const submit = () => user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    return { server, user, form, email, language, submit };
  }

  it('sends the address typed and the language chosen', async () => {
    const { server, user, email, language, submit } = await openForm({ status: 201, body: { ...account('enum.lan', 'enumerator', ['01']), email: 'lan@example.vn', language: 'en' } });
    expect(email).toHaveAttribute('type', 'email');
    expect(email).toHaveAttribute('autocomplete', 'off');
    expect(email).toHaveAccessibleDescription(/Không bắt buộc\. Thư mời, thư nhắc việc và biên nhận/);
    expect(language).toHaveValue('vi');
    expect(within(language).getAllByRole('option').map((o) => o.textContent)).toEqual(['Tiếng Việt', 'English']);
    await user.type(email, 'lan@example.vn');
    await user.selectOptions(language, 'en');
    await submit();
    await vi.waitFor(() => expect(server.to('POST', '/api/users')).toHaveLength(1));
    expect(server.to('POST', '/api/users')[0]?.body).toMatchObject({ username: 'enum.lan', email: 'lan@example.vn', language: 'en' });
  });

  it('leaves the address out when none is typed, and sends Vietnamese by default', async () => {
    const { server, submit } = await openForm({ status: 201, body: account('enum.lan', 'enumerator', ['01']) });
    await submit();
    await vi.waitFor(() => expect(server.to('POST', '/api/users')).toHaveLength(1));
    const body = server.to('POST', '/api/users')[0]?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('email');
    expect(body.language).toBe('vi');
  });

  it('refuses an address without a domain before sending', async () => {
    const { server, user, email, submit } = await openForm({ status: 201, body: account('enum.lan', 'enumerator', ['01']) });
    await user.type(email, 'lan@example');
    await submit();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(/Thư điện tử cần có dạng ten@mien\.vn, tối đa 254 ký tự\./);
    expect(document.activeElement).toBe(email);
    expect(server.to('POST', '/api/users')).toHaveLength(0);
  });

  it('shows the server’s problem with the address at the email field', async () => {
    const { user, email, submit } = await openForm(refused('body.email', 'must be an email address such as lan@example.vn', 'invalid_format'));
    await user.type(email, 'lan@ví-dụ.vn');
    await submit();
    await vi.waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    // In the user's words, from the problem's code: never the server's English.
    expect(document.getElementById('new-user-email-error')).toHaveTextContent('sai định dạng');
    expect(email.getAttribute('aria-describedby')).toContain('new-user-email-error');
    expect(document.activeElement).toBe(email);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('names the fields in English too', async () => {
    setLocale('en');
    replace('/users');
    fakeApi({ 'GET /api/areas': AREAS, 'GET /api/users': { body: { items: [], nextCursor: null } } });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Add an account' }));
    const form = screen.getByRole('region', { name: 'New account' });
    expect(within(form).getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(/^Optional\. Invitations, reminders and receipts/);
    expect(within(form).getByRole('combobox', { name: 'Language of messages' })).toHaveValue('vi');
  });
});

describe('email and language on an account’s page', () => {
  /** An account's page whose server applies each change it is sent, as PATCH does (`email: null` removes the address). */
  function openPage(shown: Account) {
    replace(`/users/${shown.id}`);
    let current = shown;
    const server = fakeApi({
      'GET /api/areas': AREAS,
      'GET /api/areas/01': { body: { code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN', ancestry: [] } },
      [`GET /api/users/${shown.id}`]: { body: shown },
      [`GET /api/users/${shown.id}/devices`]: { body: { items: [] } },
      [`PATCH /api/users/${shown.id}`]: (call) => {
        const { email, ...rest } = call.body as AccountChange;
        const next: Account = { ...current, ...(rest as Partial<Account>) };
        if (email === null) delete next.email;
        else if (email !== undefined) next.email = email;
        current = next;
        return { body: next };
      },
    });
    render(App);
    return { server, user: userEvent.setup() };
  }

  it('shows the address and language, saves a change, then removes the address', async () => {
    const { server, user } = openPage(ADDRESSED);
    expect(await screen.findByTestId('account-email')).toHaveTextContent('bao@example.vn');
    expect(screen.getByTestId('account-language')).toHaveTextContent('Tiếng Việt');
    const card = screen.getByRole('region', { name: 'Thư điện tử và ngôn ngữ' });
    const email = within(card).getByRole('textbox', { name: 'Thư điện tử' });
    const language = within(card).getByRole('combobox', { name: 'Ngôn ngữ của thư' });
    expect(email).toHaveValue('bao@example.vn');
    expect(email).toHaveAccessibleDescription(/Để trống để xóa địa chỉ/);
    expect(language).toHaveValue('vi');

    await user.clear(email);
    await user.type(email, 'bao.pham@example.vn');
    await user.selectOptions(language, 'en');
    await user.click(within(card).getByRole('button', { name: 'Lưu thư điện tử và ngôn ngữ' }));
    expect(await screen.findByTestId('account-notice')).toHaveTextContent('Đã lưu thư điện tử và ngôn ngữ của enum.hanoi.');
    expect(screen.getByTestId('account-email')).toHaveTextContent('bao.pham@example.vn');
    expect(screen.getByTestId('account-language')).toHaveTextContent('English');

    await user.clear(email);
    await user.click(within(card).getByRole('button', { name: 'Lưu thư điện tử và ngôn ngữ' }));
    await vi.waitFor(() => expect(screen.getByTestId('account-email')).toHaveTextContent('Chưa có địa chỉ'));
    // Only what changed is sent: the language stays out of the second change.
    expect(server.to('PATCH', '/api/users/enum.hanoi').map((c) => c.body)).toEqual([{ email: 'bao.pham@example.vn', language: 'en' }, { email: null }]);
    expect(email).toHaveValue('');
    expect(screen.getByTestId('account-language')).toHaveTextContent('English');
  });

  it('refuses a malformed address before sending, and sends nothing when nothing changed', async () => {
    const { server, user } = openPage(UNADDRESSED);
    expect(await screen.findByTestId('account-email')).toHaveTextContent('Chưa có địa chỉ');
    const card = screen.getByRole('region', { name: 'Thư điện tử và ngôn ngữ' });
    const email = within(card).getByRole('textbox', { name: 'Thư điện tử' });
    const save = within(card).getByRole('button', { name: 'Lưu thư điện tử và ngôn ngữ' });

    await user.type(email, 'lan.example.vn');
    await user.click(save);
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(/Thư điện tử cần có dạng ten@mien\.vn/);
    expect(document.activeElement).toBe(email);

    await user.clear(email);
    await user.click(save);
    expect(await screen.findByTestId('account-notice')).toHaveTextContent('Không có gì thay đổi: thư điện tử và ngôn ngữ của enum.moi vẫn như cũ.');
    expect(email).toHaveAttribute('aria-invalid', 'false');
    expect(server.to('PATCH', '/api/users/enum.moi')).toHaveLength(0);
  });

  it('shows the server’s problem with the address at the email field', async () => {
    replace('/users/enum.moi');
    fakeApi({
      'GET /api/areas': AREAS,
      'GET /api/users/enum.moi': { body: UNADDRESSED },
      'PATCH /api/users/enum.moi': refused('body.email', 'must have at most 254 characters', 'too_big'),
    });
    const user = userEvent.setup();
    render(App);
    const email = await screen.findByRole('textbox', { name: 'Thư điện tử' });
    await user.type(email, 'lan@example.vn');
    await user.click(screen.getByRole('button', { name: 'Lưu thư điện tử và ngôn ngữ' }));
    await vi.waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(document.getElementById('account-email-error')).toHaveTextContent('quá lớn hoặc quá dài');
    expect(document.activeElement).toBe(email);
    expect(screen.getByTestId('account-email')).toHaveTextContent('Chưa có địa chỉ');
  });

  it('names the fields in English too', async () => {
    setLocale('en');
    openPage({ ...ADDRESSED, language: 'en' });
    expect(await screen.findByTestId('account-language')).toHaveTextContent('English');
    const card = screen.getByRole('region', { name: 'Email and language' });
    expect(within(card).getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(/Leave it empty to remove the address/);
    expect(within(card).getByRole('combobox', { name: 'Language of messages' })).toHaveValue('en');
    expect(within(card).getByRole('button', { name: 'Save email and language' })).toBeInTheDocument();
    expect(screen.getByText('Language of messages', { selector: 'dt' })).toBeInTheDocument();
  });

  it('says in English that an account has no address', async () => {
    setLocale('en');
    openPage(UNADDRESSED);
    expect(await screen.findByTestId('account-email')).toHaveTextContent('No address');
  });
});
