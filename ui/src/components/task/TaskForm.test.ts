import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, signedIn, type Route } from '../../test/fake-api';
import { EMPLOYED_GT_MEMBERS, HIGH_INCOME, LFS, taskDetail } from '../../test/fixtures';
import type { SubmitResult, TaskDetail } from '../../lib/types';
import TaskForm from './TaskForm.svelte';

const TASK = taskDetail('HH0100101');
const SUBMIT = `POST /api/tasks/${TASK.id}/submit`;

function renderForm(task: TaskDetail = TASK, routes: Record<string, Route> = {}) {
  const server = fakeApi(routes);
  const onsubmitted = vi.fn<(result: SubmitResult) => void>();
  render(TaskForm, { survey: LFS.definition, task, onsubmitted });
  return { server, onsubmitted, user: userEvent.setup() };
}

const inReview: SubmitResult = { id: TASK.id, status: 'in_review', reviewLevel: 'commune', failed: [], warnings: [] };

beforeEach(() => signedIn('enum.hanoi', 'enumerator'));

describe('the generated form', () => {
  it('builds one labelled control per field, of the field’s kind', () => {
    renderForm();
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toBeRequired();
    expect(screen.getByRole('textbox', { name: /Thu nhập tháng/ })).not.toBeRequired();
    expect(screen.getByRole('combobox', { name: 'Ngành chính' })).toHaveDisplayValue('— Chọn —');
    expect(screen.getByLabelText('Ngày phỏng vấn')).toHaveAttribute('type', 'date');
    expect(screen.getByRole('radiogroup', { name: 'Có hộ kinh doanh' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toHaveAccessibleDescription('Từ 1 đến 30');
  });

  it('says a required field is missing as soon as it is emptied, tied to the input', async () => {
    const { user } = renderForm();
    const members = screen.getByRole('textbox', { name: /Số nhân khẩu/ });
    await user.type(members, '4');
    expect(members).toHaveAttribute('aria-invalid', 'false');
    await user.clear(members);
    expect(members).toHaveAttribute('aria-invalid', 'true');
    expect(members).toHaveAccessibleDescription('Từ 1 đến 30 Vui lòng nhập trường này.');
  });

  it('refuses a number out of range while it is typed, and clears the error once fixed', async () => {
    const { user } = renderForm();
    const members = screen.getByRole('textbox', { name: /Số nhân khẩu/ });
    await user.type(members, '31');
    expect(members).toBeInvalid();
    expect(members).toHaveAccessibleDescription(/Phải nhỏ hơn hoặc bằng 30\./);
    await user.clear(members);
    await user.type(members, '3');
    expect(members).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText(/Phải nhỏ hơn hoặc bằng/)).not.toBeInTheDocument();
  });

  it('refuses text that is not of the field’s type', async () => {
    const { user } = renderForm();
    const members = screen.getByRole('textbox', { name: /Số nhân khẩu/ });
    const income = screen.getByRole('textbox', { name: /Thu nhập tháng/ });
    await user.type(members, '2.5');
    await user.type(income, 'nhiều');
    expect(members).toHaveAccessibleDescription(/Phải là một số nguyên\./);
    expect(income).toHaveAccessibleDescription(/Phải là một số\./);
    await user.clear(income);
    await user.type(income, '12,5');
    expect(income).toHaveAttribute('aria-invalid', 'false');
  });

  it('sends nothing while fields are wrong, says how many, and takes focus to the first', async () => {
    const { user, server } = renderForm();
    await user.type(screen.getByRole('textbox', { name: /Số người có việc làm/ }), '1');
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Có 2 trường cần sửa trước khi gửi.');
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toHaveFocus();
    expect(server.fetch).not.toHaveBeenCalled();
  });
});

describe('submitting', () => {
  async function fillValid(user: ReturnType<typeof userEvent.setup>) {
    await user.type(screen.getByRole('textbox', { name: /Số nhân khẩu/ }), '4');
    await user.type(screen.getByRole('textbox', { name: /Số người có việc làm/ }), '2');
    await user.type(screen.getByRole('textbox', { name: /Số người thất nghiệp/ }), '1');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Ngành chính' }), 'services');
    await user.type(screen.getByRole('textbox', { name: /Thu nhập tháng/ }), '12,5');
    await user.click(screen.getByRole('radio', { name: 'Có' }));
  }

  it('sends typed values with an Idempotency-Key and reports the server’s answer', async () => {
    const { user, server, onsubmitted } = renderForm(TASK, { [SUBMIT]: { body: inReview } });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    await vi.waitFor(() => expect(onsubmitted).toHaveBeenCalledWith(inReview));
    const [sent] = server.to('POST', `/api/tasks/${TASK.id}/submit`);
    expect(sent?.body).toEqual({ data: { members: 4, employed: 2, unemployed: 1, sector: 'services', income: 12.5, has_business: true } });
    expect(sent?.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reuses the key when the connection drops and the user sends again; new answers get a new key', async () => {
    let attempt = 0;
    const { user, server } = renderForm(TASK, { [SUBMIT]: () => (++attempt === 1 ? 'network' : { body: inReview }) });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('mất kết nối');
    await user.click(screen.getByRole('button', { name: 'Gửi lại' }));
    await vi.waitFor(() => expect(server.to('POST', `/api/tasks/${TASK.id}/submit`)).toHaveLength(2));

    await user.type(screen.getByRole('textbox', { name: /Số người thất nghiệp/ }), '0');
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    await vi.waitFor(() => expect(server.to('POST', `/api/tasks/${TASK.id}/submit`)).toHaveLength(3));

    const keys = server.to('POST', `/api/tasks/${TASK.id}/submit`).map((c) => c.headers['idempotency-key']);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('shows a field the server refused under that field', async () => {
    const refused = { status: 400, body: { type: 't', title: 'Bad request', status: 400, detail: 'the response does not fit the questionnaire', errors: [{ path: 'body.data.members', message: 'must be at most 20' }] } };
    const { user } = renderForm(TASK, { [SUBMIT]: refused });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    const members = screen.getByRole('textbox', { name: /Số nhân khẩu/ });
    await vi.waitFor(() => expect(members).toHaveAccessibleDescription(/must be at most 20/));
    expect(members).toBeInvalid();
  });
});

describe('check results of the last submission', () => {
  const failedTask = taskDetail('HH0100101', {
    status: 'checks_failed',
    response: { members: 2, employed: 3, unemployed: 0, income: 5000 },
    failed: [EMPLOYED_GT_MEMBERS],
    warnings: [HIGH_INCOME],
    submissions: 1,
  });

  it('puts each failed check under the fields its expression reads', () => {
    renderForm(failedTask);
    const members = screen.getByRole('textbox', { name: /Số nhân khẩu/ });
    const employed = screen.getByRole('textbox', { name: /Số người có việc làm/ });
    const unemployed = screen.getByRole('textbox', { name: /Số người thất nghiệp/ });
    expect(members).toHaveValue('2');
    for (const input of [members, employed]) {
      expect(input).toBeInvalid();
      expect(input).toHaveAccessibleDescription(/Lỗi kiểm tra: Số người có việc làm vượt số nhân khẩu/);
    }
    expect(unemployed).not.toBeInvalid();
    expect(unemployed).not.toHaveAccessibleDescription(/Lỗi kiểm tra/);
  });

  it('shows warnings without marking the field invalid, and lists every result with the fields concerned', () => {
    renderForm(failedTask);
    const income = screen.getByRole('textbox', { name: /Thu nhập tháng/ });
    expect(income).toHaveAccessibleDescription(/Cảnh báo: Thu nhập bình quân đầu người rất cao/);
    expect(income).not.toBeInvalid();
    const summary = screen.getByRole('region', { name: 'Kết quả kiểm tra' });
    expect(summary).toHaveTextContent('Trường liên quan: Số nhân khẩu, Số người có việc làm');
    expect(summary).toHaveTextContent('Trường liên quan: Số nhân khẩu, Thu nhập tháng (triệu đồng)');
  });

  it('locks the form while the task is in review', () => {
    renderForm(taskDetail('HH0100101', { status: 'in_review', reviewLevel: 'commune', response: { members: 2, employed: 1, unemployed: 0 } }));
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Gửi câu trả lời' })).not.toBeInTheDocument();
    expect(screen.getByTestId('read-only')).toHaveTextContent('Đang duyệt');
  });
});
