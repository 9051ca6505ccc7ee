import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { setLocale } from '../i18n/index.svelte';
import { replace, router } from '../lib/router.svelte';
import { auth, signOut } from '../lib/session.svelte';
import { fakeApi, type Reply, type Route } from '../test/fake-api';
import { respondentReport } from '../test/fixtures';

const CODE = '7KQ2-M9XD-4TRV';
const USER = { id: 'ke.toan', username: 'ke.toan', role: 'respondent', areaCodes: [], unitIds: ['DN0100001'], email: 'ketoan@minhan.vn', language: 'vi' };

/** A refusal as the server words it: a stable code for the UI, an English detail for API clients. */
const problem = (status: number, code: string, errors: { path: string; message: string; code: string }[] = []): Reply => ({
  status,
  body: { type: `https://survey-ops.dev/problems/${status}`, title: 'Refused', status, detail: 'in English', code, params: {}, errors },
});

function enrolServer(enrol: Route) {
  return fakeApi({
    'POST /api/auth/enrol': enrol,
    'GET /api/my/reports': { body: { items: [respondentReport('DN0100001', '2026-11')] } },
  });
}

async function fill(user: ReturnType<typeof userEvent.setup>, { password2 = 'mat-khau-dai' } = {}) {
  await user.type(await screen.findByRole('textbox', { name: 'Mã đăng ký' }), CODE.toLowerCase());
  await user.type(screen.getByRole('textbox', { name: 'Tên đăng nhập' }), 'ke.toan');
  await user.type(screen.getByLabelText('Mật khẩu'), 'mat-khau-dai');
  await user.type(screen.getByLabelText('Nhập lại mật khẩu'), password2);
  await user.type(screen.getByRole('textbox', { name: 'Thư điện tử' }), 'ketoan@minhan.vn');
  await user.type(screen.getByRole('textbox', { name: 'Họ và tên' }), 'Nguyễn Thị Hoa');
}

beforeEach(() => {
  signOut();
  setLocale('vi');
  replace('/enrol');
});

describe('enrolling with the code of a letter', () => {
  it('is linked from the login page and opens without logging in', async () => {
    replace('/login');
    fakeApi({});
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('link', { name: 'Đăng ký bằng mã trong thư' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng ký tài khoản báo cáo' })).toBeInTheDocument();
    expect(router.route.name).toBe('enrol');
    expect(screen.getByRole('link', { name: 'Đăng nhập' })).toHaveAttribute('href', '#/login');
  });

  it('makes the account, starts the session as a login does and lands on the respondent’s reports', async () => {
    const server = enrolServer({ status: 201, body: { token: 'token-ke.toan', expiresIn: 43_200, user: USER } });
    const user = userEvent.setup();
    render(App);
    await fill(user);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Ngôn ngữ của thư' }), 'en');
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Báo cáo của tôi' })).toBeInTheDocument();
    expect(location.hash).toBe('#/reports');
    expect(auth.session?.user.username).toBe('ke.toan');
    expect(JSON.parse(localStorage.getItem('survey-ops.session') ?? 'null')?.session.token).toBe('token-ke.toan');
    const [sent] = server.to('POST', '/api/auth/enrol');
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.body).toEqual({ code: '7kq2-m9xd-4trv', username: 'ke.toan', password: 'mat-khau-dai', email: 'ketoan@minhan.vn', language: 'en', fullName: 'Nguyễn Thị Hoa' });
    // The portal asks with the new session's token.
    await vi.waitFor(() => expect(server.to('GET', '/api/my/reports')[0]?.headers.authorization).toBe('Bearer token-ke.toan'));
    expect(await screen.findByTestId(`due-${respondentReport('DN0100001', '2026-11').id}`)).toBeInTheDocument();
  });

  it('says beside the code, in Vietnamese, that the server refused it, and signs nobody in', async () => {
    enrolServer(problem(400, 'enrolment.code_invalid', [{ path: 'body.code', message: 'is not a valid enrolment code', code: 'invalid_code' }]));
    const user = userEvent.setup();
    render(App);
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));
    const code = screen.getByRole('textbox', { name: 'Mã đăng ký' });
    await vi.waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'));
    expect(code).toHaveAccessibleDescription(/Mã đăng ký không hợp lệ\. Hãy đối chiếu với thư đã nhận, hoặc đề nghị cơ quan thống kê cấp mã mới\.$/);
    expect(code).toHaveFocus();
    expect(screen.queryByText(/is not a valid/)).not.toBeInTheDocument();
    expect(auth.session).toBeNull();
    expect(router.route.name).toBe('enrol');
  });

  it('says a taken username beside it', async () => {
    enrolServer(problem(409, 'user.username_taken', [{ path: 'body.username', message: 'is taken', code: 'taken' }]));
    const user = userEvent.setup();
    render(App);
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));
    const username = screen.getByRole('textbox', { name: 'Tên đăng nhập' });
    await vi.waitFor(() => expect(username).toHaveAccessibleDescription(/Tên đăng nhập này đã có người dùng; hãy chọn tên khác\.$/));
    expect(screen.getByRole('textbox', { name: 'Mã đăng ký' })).toHaveAttribute('aria-invalid', 'false');
  });

  it('sends nothing while the two passwords differ or the email is missing', async () => {
    const server = enrolServer({ status: 201, body: { token: 't', expiresIn: 60, user: USER } });
    const user = userEvent.setup();
    render(App);
    await fill(user, { password2: 'mat-khau-khac' });
    await user.clear(screen.getByRole('textbox', { name: 'Thư điện tử' }));
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));
    const again = screen.getByLabelText('Nhập lại mật khẩu');
    expect(again).toHaveAttribute('aria-invalid', 'true');
    expect(again).toHaveAccessibleDescription('Hai mật khẩu chưa giống nhau.');
    expect(screen.getByRole('textbox', { name: 'Thư điện tử' })).toHaveAccessibleDescription(/Vui lòng nhập thư điện tử/);
    expect(again).toHaveFocus();
    expect(server.to('POST', '/api/auth/enrol')).toHaveLength(0);
    expect(auth.session).toBeNull();
  });

  it('reads in English, the problems too', async () => {
    setLocale('en');
    enrolServer(problem(400, 'enrolment.code_invalid', [{ path: 'body.code', message: 'is not a valid enrolment code', code: 'invalid_code' }]));
    const user = userEvent.setup();
    render(App);
    const form = within(await screen.findByRole('region', { name: 'Enrol to report' }));
    await user.type(form.getByRole('textbox', { name: 'Enrolment code' }), CODE);
    await user.type(form.getByRole('textbox', { name: 'Username' }), 'ke.toan');
    await user.type(form.getByLabelText('Password'), 'mat-khau-dai');
    await user.type(form.getByLabelText('Password again'), 'mat-khau-dai');
    await user.type(form.getByRole('textbox', { name: 'Email' }), 'ketoan@minhan.vn');
    expect(form.getByRole('combobox', { name: 'Language of messages' })).toHaveValue('en');
    await user.click(form.getByRole('button', { name: 'Enrol' }));
    await vi.waitFor(() => expect(form.getByRole('textbox', { name: 'Enrolment code' })).toHaveAccessibleDescription(/This enrolment code is not valid\./));
  });
});
