import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, signedIn, type Route } from '../../test/fake-api';
import { EMPLOYED_GT_MEMBERS, HIGH_INCOME, LFS, taskDetail } from '../../test/fixtures';
import { device } from '../../lib/offline/device.svelte';
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

const inReview: SubmitResult = { id: TASK.id, status: 'in_review', reviewLevel: 'commune', failed: [], warnings: [], receipt: null };
const submits = (server: ReturnType<typeof fakeApi>) => server.to('POST', `/api/tasks/${TASK.id}/submit`);

beforeEach(() => signedIn('enum.hanoi', 'enumerator'));

async function fillValid(user: ReturnType<typeof userEvent.setup>, income = '12,5') {
  await user.type(screen.getByRole('textbox', { name: /Số nhân khẩu/ }), '4');
  await user.type(screen.getByRole('textbox', { name: /Số người có việc làm/ }), '2');
  await user.type(screen.getByRole('textbox', { name: /Số người thất nghiệp/ }), '1');
  await user.click(screen.getByRole('radio', { name: 'Dịch vụ' }));
  await user.type(screen.getByRole('textbox', { name: /Thu nhập tháng/ }), income);
  await user.click(screen.getByRole('radio', { name: 'Có' }));
}

describe('submitting the questionnaire form', () => {
  it('sends what the evaluator keeps, with an Idempotency-Key, and reports the server’s answer', async () => {
    const { user, server, onsubmitted } = renderForm(TASK, { [SUBMIT]: { body: inReview } });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    await vi.waitFor(() => expect(onsubmitted).toHaveBeenCalledWith(inReview));
    const [sent] = submits(server);
    expect(sent?.body).toEqual({ data: { members: 4, employed: 2, unemployed: 1, sector: 'services', income: 12.5, has_business: true }, explanations: {} });
    expect(sent?.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sends nothing while a check blocks, and clears the check as soon as the values are fixed', async () => {
    const { user, server } = renderForm(TASK, { [SUBMIT]: { body: inReview } });
    await fillValid(user);
    const employed = screen.getByRole('textbox', { name: /Số người có việc làm/ });
    await user.clear(employed);
    await user.type(employed, '9');
    expect(await screen.findByText(/Số người có việc làm vượt số nhân khẩu/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    expect(submits(server)).toHaveLength(0);
    await user.clear(employed);
    await user.type(employed, '2');
    await vi.waitFor(() => expect(screen.queryByText(/Số người có việc làm vượt số nhân khẩu/)).not.toBeInTheDocument());
  });

  it('asks for a warning to be confirmed or explained before sending, and sends the explanation', async () => {
    const { user, server } = renderForm(TASK, { [SUBMIT]: { body: inReview } });
    await fillValid(user, '4000');
    expect(await screen.findByText(/Thu nhập bình quân đầu người rất cao/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    expect(submits(server)).toHaveLength(0);
    await user.type(screen.getByRole('textbox', { name: /Giải thích cho cảnh báo/ }), 'Hộ có cửa hàng lớn');
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    await vi.waitFor(() => expect(submits(server)).toHaveLength(1));
    expect(submits(server)[0]?.body).toMatchObject({ explanations: { income_plausible: 'Hộ có cửa hàng lớn' } });
  });

  it('keeps the submission on the device, under the key of the attempt, when the connection drops', async () => {
    signedIn('enum.keys', 'enumerator');
    const { user, server } = renderForm(TASK, { [SUBMIT]: 'network' });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    expect(await screen.findByTestId('submit-queued')).toHaveTextContent('Đã lưu câu trả lời trên thiết bị');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await vi.waitFor(() => expect(device.items.map((i) => i.status)).toEqual(['waiting']));
    const [attempt] = submits(server);
    expect(device.items[0]?.key).toBe(attempt?.headers['idempotency-key']);
    // Waiting on the device, the task takes no second submission until the first is sent.
    expect(screen.getByTestId('read-only')).toHaveTextContent('đang chờ gửi');
    expect(screen.queryByRole('button', { name: 'Gửi câu trả lời' })).not.toBeInTheDocument();
  });

  it('says what the server refused, naming the answer, as an alert', async () => {
    const refused = { status: 400, body: { type: 't', title: 'Bad request', status: 400, detail: 'the response does not fit the questionnaire', code: 'task.response_invalid', params: {}, errors: [{ path: 'body.data.members', message: 'must be at most 20', code: 'too_big', params: { maximum: 20 } }] } };
    const { user } = renderForm(TASK, { [SUBMIT]: refused });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('members');
    expect(alert).toHaveTextContent('Câu trả lời không khớp với bảng hỏi.');
    expect(alert).toHaveTextContent('quá lớn hoặc quá dài (tối đa 20)');
  });
});

describe('the check results of the last submission', () => {
  const failedTask = taskDetail('HH0100101', {
    status: 'checks_failed',
    response: { members: 2, employed: 3, unemployed: 0, income: 5000 },
    explanations: { income_plausible: 'Đã hỏi lại' },
    failed: [EMPLOYED_GT_MEMBERS],
    warnings: [HIGH_INCOME],
    submissions: 1,
  });

  it('lists every result with the explanation given, and starts the form from the response', () => {
    renderForm(failedTask);
    const summary = screen.getByRole('region', { name: 'Kết quả kiểm tra' });
    expect(summary).toHaveTextContent('Lỗi kiểm tra: Số người có việc làm vượt số nhân khẩu');
    expect(summary).toHaveTextContent('Cảnh báo: Thu nhập bình quân đầu người rất cao');
    expect(summary).toHaveTextContent('Đã hỏi lại');
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toHaveValue('2');
  });

  it('locks the form while the task is in review', () => {
    renderForm(taskDetail('HH0100101', { status: 'in_review', reviewLevel: 'commune', response: { members: 2, employed: 1, unemployed: 0 } }));
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Gửi câu trả lời' })).not.toBeInTheDocument();
    expect(screen.getByTestId('read-only')).toHaveTextContent('Đang duyệt');
  });
});

describe('the outcome of a submission, on a phone where it lands below the form', () => {
  const scrolled = vi.fn<(this: Element) => void>(function (this: Element) {});
  beforeEach(() => {
    scrolled.mockClear();
    // jsdom lays nothing out, so it has no scrollIntoView: the test records who asked for it.
    Element.prototype.scrollIntoView = scrolled;
    return () => {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    };
  });

  /** The form of a task that becomes `next` once a submission is taken, as the page's reload makes it. */
  function renderLive(routes: Record<string, Route>, next: Partial<TaskDetail> = {}) {
    fakeApi(routes);
    const view = render(TaskForm, {
      survey: LFS.definition,
      task: TASK,
      onsubmitted: async (): Promise<void> => {
        await view.rerender({ task: { ...TASK, submissions: 1, ...next } });
      },
    });
    return userEvent.setup();
  }

  async function fillEnglish(user: ReturnType<typeof userEvent.setup>) {
    await user.type(screen.getByRole('textbox', { name: /Household members/ }), '4');
    await user.type(screen.getByRole('textbox', { name: /Employed members/ }), '2');
    await user.type(screen.getByRole('textbox', { name: /Unemployed members/ }), '1');
  }

  const IN_REVIEW: Partial<TaskDetail> = { status: 'in_review', reviewLevel: 'commune' };

  /** The outcome holds focus, was scrolled to, and speaks as `role` says. */
  function expectOutcomeFocused(outcome: HTMLElement, role: 'status' | 'alert') {
    expect(outcome).toHaveFocus();
    expect(outcome).toHaveAttribute('tabindex', '-1');
    expect(outcome).toHaveAttribute('role', role);
    if (role === 'status') expect(outcome).toHaveAttribute('aria-live', 'polite');
    expect(scrolled.mock.contexts).toContain(outcome);
  }

  it('takes focus to a polite status saying the response was taken, in Vietnamese', async () => {
    const user = renderLive({ [SUBMIT]: { body: inReview } }, IN_REVIEW);
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    const outcome = await screen.findByRole('status');
    await vi.waitFor(() => expectOutcomeFocused(outcome, 'status'));
    expect(outcome).toHaveTextContent('Đã gửi câu trả lời. Nhiệm vụ đang chờ duyệt ở cấp xã.');
    expect(outcome).toHaveClass('notice');
    // The form is read-only now: no button left to press.
    expect(screen.queryByRole('button', { name: 'Gửi câu trả lời' })).not.toBeInTheDocument();
  });

  it('shows the receipt of an accepted submission, in Vietnam’s time', async () => {
    const receipt = { id: '4711-AbCdEfGhIjKlMnOpQrStUv', position: 4711, hash: 'a'.repeat(64), at: '2026-12-07T02:05:00.000Z' };
    const user = renderLive({ [SUBMIT]: { body: { ...inReview, receipt } } }, IN_REVIEW);
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    expect(await screen.findByTestId('submit-receipt')).toHaveTextContent(/Biên nhận số 4711-AbCdEfGhIjKlMnOpQrStUv, nhận lúc 09:05 ngày 7 thg 12, 2026\./);
  });

  it('takes focus to a polite status saying the response was taken, in English', async () => {
    signedIn('enum.hanoi', 'enumerator', ['01'], 'en');
    const user = renderLive({ [SUBMIT]: { body: inReview } }, IN_REVIEW);
    await fillEnglish(user);
    await user.click(screen.getByRole('button', { name: 'Submit response' }));
    const outcome = await screen.findByRole('status');
    await vi.waitFor(() => expectOutcomeFocused(outcome, 'status'));
    expect(outcome).toHaveTextContent('Response sent. The task awaits review at commune level.');
  });

  it('says failed checks as an alert in the error style, never as a success, and leads on to the checks', async () => {
    const failed: SubmitResult = { id: TASK.id, status: 'checks_failed', reviewLevel: null, failed: [EMPLOYED_GT_MEMBERS], warnings: [], receipt: null };
    const user = renderLive({ [SUBMIT]: { body: failed } }, { status: 'checks_failed', failed: [EMPLOYED_GT_MEMBERS] });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    const outcome = await screen.findByTestId('submit-notice');
    await vi.waitFor(() => expectOutcomeFocused(outcome, 'alert'));
    expect(outcome).toHaveTextContent('Đã ghi nhận câu trả lời nhưng có 1 kiểm tra không đạt');
    expect(outcome).toHaveClass('error');
    expect(outcome).not.toHaveClass('notice');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Xem các kiểm tra không đạt' }));
    expect(screen.getByRole('heading', { name: 'Kết quả kiểm tra' })).toHaveFocus();
  });

  it('takes focus to an alert when the server refuses the response, in English', async () => {
    signedIn('enum.hanoi', 'enumerator', ['01'], 'en');
    const refused = { status: 409, body: { type: 't', title: 'Conflict', status: 409, detail: 'collection of the cycle is closed' } };
    const user = renderLive({ [SUBMIT]: refused });
    await fillEnglish(user);
    await user.click(screen.getByRole('button', { name: 'Submit response' }));
    const outcome = await screen.findByRole('alert');
    await vi.waitFor(() => expectOutcomeFocused(outcome, 'alert'));
    expect(outcome).toHaveClass('error');
    // Refused is not lost: nothing to send again.
    expect(screen.queryByRole('button', { name: 'Send again' })).not.toBeInTheDocument();
  });

  it('takes focus to a polite status saying the response is kept on the device when the connection drops, in Vietnamese', async () => {
    signedIn('enum.dropped', 'enumerator');
    const user = renderLive({ [SUBMIT]: 'network' });
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    const outcome = await screen.findByTestId('submit-queued');
    await vi.waitFor(() => expectOutcomeFocused(outcome, 'status'));
    expect(outcome).toHaveTextContent('câu trả lời sẽ tự gửi khi có mạng và không bị ghi hai lần');
  });
});

describe('the draft kept on the server', () => {
  const DRAFT = `/api/tasks/${TASK.id}/draft`;

  it('comes back into the form, and is saved again a few seconds after typing, with the time typed', async () => {
    const saved = { taskId: TASK.id, data: { members: 7, employed: 3 }, savedAt: '2026-12-07T02:15:00.000Z', storedAt: '2026-12-07T02:15:01.000Z' };
    const { user, server } = renderForm(TASK, { [`GET ${DRAFT}`]: { body: saved }, [`PUT ${DRAFT}`]: (call) => ({ body: { ...saved, ...(call.body as object) } }) });
    const members = () => screen.getByRole('textbox', { name: /Số nhân khẩu/ });
    await vi.waitFor(() => expect(members()).toHaveValue('7'));
    expect(screen.getByTestId('draft-status')).toHaveTextContent('Bản nháp lúc 09:15');
    expect(server.to('PUT', DRAFT)).toHaveLength(0);
    const before = Date.now();
    await user.clear(members());
    await user.type(members(), '5');
    await vi.waitFor(() => expect(server.to('PUT', DRAFT).length).toBeGreaterThan(0), { timeout: 6_000 });
    const [put] = server.to('PUT', DRAFT);
    expect(put?.body).toMatchObject({ data: { members: 5, employed: 3 } });
    expect(Date.parse((put?.body as { savedAt: string }).savedAt)).toBeGreaterThanOrEqual(before);
    await vi.waitFor(() => expect(screen.getByTestId('draft-status')).toHaveTextContent('Đã lưu bản nháp lúc'));
  }, 10_000);

  it('is neither read nor saved by a supervisor looking at the task', async () => {
    signedIn('sup.hanoi', 'supervisor');
    const { user, server } = renderForm(TASK, {});
    await user.type(screen.getByRole('textbox', { name: /Số nhân khẩu/ }), '4');
    await new Promise((r) => setTimeout(r, 100));
    expect(server.calls.filter((c) => c.path === DRAFT)).toHaveLength(0);
  });
});
