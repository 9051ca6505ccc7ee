import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, signedIn } from '../test/fake-api';
import { CYCLE_ID, EMPLOYED_GT_MEMBERS, LFS, cycle, taskDetail } from '../test/fixtures';
import type { CycleStatus, TaskDetail } from '../lib/types';
import TaskPage from './TaskPage.svelte';

const UNIT = 'HH0100101';
const ID = `${CYCLE_ID}.${UNIT}`;

/** A server holding one task whose state the test moves on. */
function serverWith(initial: TaskDetail, onSubmit?: (data: Record<string, number>) => TaskDetail) {
  let task = initial;
  const server = fakeApi({
    [`GET /api/tasks/${ID}`]: () => ({ body: task }),
    [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle() },
    'GET /api/surveys/LFS': { body: LFS },
    [`POST /api/tasks/${ID}/submit`]: (call) => {
      const { data } = call.body as { data: Record<string, number> };
      task = onSubmit ? onSubmit(data) : task;
      return { body: { id: ID, status: task.status, reviewLevel: task.reviewLevel, failed: task.failed, warnings: task.warnings } };
    },
  });
  return server;
}

beforeEach(() => signedIn('enum.hanoi', 'enumerator'));

describe('the enumerator’s task page', () => {
  it('shows the reviewer’s comment on a rejected task, above the form to fix it', async () => {
    serverWith(
      taskDetail(UNIT, {
        status: 'rejected',
        response: { members: 4, employed: 2, unemployed: 1 },
        submissions: 1,
        reviewTrail: [{ level: 'commune', decision: 'reject', by: 'sup.hanoi', comment: 'Kiểm tra lại số người thất nghiệp', at: '2026-11-20T03:00:00.000Z' }],
      }),
    );
    render(TaskPage, { id: ID });
    const note = await screen.findByRole('region', { name: 'Nhiệm vụ bị trả lại' });
    expect(note).toHaveTextContent('sup.hanoi trả lại ở cấp xã');
    expect(within(note).getByText('Kiểm tra lại số người thất nghiệp')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Số người thất nghiệp/ })).toHaveValue('1');
    expect(screen.getByRole('button', { name: 'Gửi câu trả lời' })).toBeEnabled();
  });

  it('stops a failing check before sending, clears it once fixed, and says a failure from the server as an alert, not a success', async () => {
    // The server may still fail a check the form passed (a revised questionnaire): its answer is said as a failure.
    let sent = 0;
    const server = serverWith(taskDetail(UNIT), (data) =>
      ++sent === 1
        ? taskDetail(UNIT, { status: 'checks_failed', response: data, failed: [EMPLOYED_GT_MEMBERS], submissions: 1 })
        : taskDetail(UNIT, { status: 'in_review', reviewLevel: 'commune', response: data, submissions: 2 }),
    );
    const user = userEvent.setup();
    render(TaskPage, { id: ID });
    const members = await screen.findByRole('textbox', { name: /Số nhân khẩu/ });
    const employed = screen.getByRole('textbox', { name: /Số người có việc làm/ });
    await user.type(members, '2');
    await user.type(employed, '3');
    await user.type(screen.getByRole('textbox', { name: /Số người thất nghiệp/ }), '0');
    expect(await screen.findByText(/Số người có việc làm vượt số nhân khẩu/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    expect(server.to('POST', `/api/tasks/${ID}/submit`)).toHaveLength(0);

    await user.clear(employed);
    await user.type(employed, '1');
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    const notice = await screen.findByTestId('submit-notice');
    expect(notice).toHaveTextContent('có 1 kiểm tra không đạt');
    expect(notice).toHaveAttribute('role', 'alert');
    expect(notice).toHaveClass('error');
    expect(notice).toHaveFocus();
    // From the outcome, one press takes the reader up to the checks that failed.
    await user.click(screen.getByRole('button', { name: 'Xem các kiểm tra không đạt' }));
    expect(screen.getByRole('heading', { name: 'Kết quả kiểm tra' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    expect(await screen.findByText('Đã gửi câu trả lời. Nhiệm vụ đang chờ duyệt ở cấp xã.')).toBeInTheDocument();
    expect(screen.getByTestId('task-status')).toHaveTextContent('Đang duyệt');
    expect(screen.queryByRole('region', { name: 'Kết quả kiểm tra' })).not.toBeInTheDocument();
  });

  it('locks the form of an open task once its cycle is closing, and says why', async () => {
    fakeApi({
      [`GET /api/tasks/${ID}`]: { body: taskDetail(UNIT) },
      [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle({ status: 'closing' }) },
      'GET /api/surveys/LFS': { body: LFS },
    });
    render(TaskPage, { id: ID });
    expect(await screen.findByTestId('read-only')).toHaveTextContent('Kỳ thu thập đang ở trạng thái “Đang kết thúc thu thập”: không nhận thêm câu trả lời.');
    expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Gửi câu trả lời' })).not.toBeInTheDocument();
  });

  it('when a submission is refused because collection closed meanwhile (409), shows the reason and locks the form', async () => {
    let status: CycleStatus = 'collecting';
    const server = fakeApi({
      [`GET /api/tasks/${ID}`]: { body: taskDetail(UNIT) },
      [`GET /api/cycles/${CYCLE_ID}`]: () => ({ body: cycle({ status }) }),
      'GET /api/surveys/LFS': { body: LFS },
      [`POST /api/tasks/${ID}/submit`]: () => {
        status = 'cancelling';
        const detail = `collection of cycle ${CYCLE_ID} is cancelling: no more submissions are accepted`;
        return { status: 409, body: { type: 'about:blank', title: 'Conflict', status: 409, detail, code: 'task.collection_ending', params: { cycle: CYCLE_ID, status: 'cancelling' } } };
      },
    });
    const user = userEvent.setup();
    render(TaskPage, { id: ID });
    await user.type(await screen.findByRole('textbox', { name: /Số nhân khẩu/ }), '2');
    await user.type(screen.getByRole('textbox', { name: /Số người có việc làm/ }), '1');
    await user.type(screen.getByRole('textbox', { name: /Số người thất nghiệp/ }), '0');
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`Kỳ thu thập ${CYCLE_ID} đang ở trạng thái “Đang hủy”: không nhận thêm bài nộp.`);
    expect(await screen.findByTestId('read-only')).toHaveTextContent('Đang hủy');
    expect(screen.queryByRole('button', { name: 'Gửi câu trả lời' })).not.toBeInTheDocument();
    expect(server.to('GET', `/api/cycles/${CYCLE_ID}`).length).toBeGreaterThanOrEqual(2);
  });

  it('says so when the task does not exist', async () => {
    fakeApi({});
    render(TaskPage, { id: ID });
    expect(await screen.findByRole('alert')).toHaveTextContent('Không tìm thấy nhiệm vụ này.');
  });
});
