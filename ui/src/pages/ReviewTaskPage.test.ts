import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, signedIn, type Route } from '../test/fake-api';
import { CYCLE_ID, EMPLOYED_GT_MEMBERS, HIGH_INCOME, LFS, cycle, taskDetail, taskItem } from '../test/fixtures';
import type { TaskDetail } from '../lib/types';
import ReviewTaskPage from './ReviewTaskPage.svelte';

const UNIT = 'HH0100101';
const ID = `${CYCLE_ID}.${UNIT}`;
const REVIEW = `POST /api/tasks/${ID}/review`;

const inReview = (overrides: Partial<TaskDetail> = {}) =>
  taskDetail(UNIT, {
    status: 'in_review',
    reviewLevel: 'commune',
    response: { members: 4, employed: 2, unemployed: 1, income: 2500, interviewed_on: '2026-11-18' },
    warnings: [HIGH_INCOME],
    submissions: 2,
    reviewTrail: [{ level: 'commune', decision: 'reject', by: 'sup.hanoi', comment: 'Thiếu ngày phỏng vấn', at: '2026-11-17T02:00:00.000Z' }],
    ...overrides,
  });

function renderPage(task: () => TaskDetail, routes: Record<string, Route> = {}) {
  const server = fakeApi({
    [`GET /api/tasks/${ID}`]: () => ({ body: task() }),
    [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle() },
    'GET /api/surveys/LFS': { body: LFS },
    [`GET /api/cycles/${CYCLE_ID}/tasks`]: { body: { items: [taskItem(UNIT), taskItem('HH0100102', { enumerator: 'enum.hanoi2' })], nextCursor: null } },
    ...routes,
  });
  render(ReviewTaskPage, { id: ID });
  return { server, user: userEvent.setup() };
}

beforeEach(() => signedIn('sup.hanoi', 'supervisor'));

describe('the review panel', () => {
  it('shows the response with labels, what changed since the last submission, the checks with their explanation, and the history', async () => {
    renderPage(() =>
      inReview({
        failed: [EMPLOYED_GT_MEMBERS],
        response: { members: 4, employed: 2, unemployed: 1, sector: 'services', income: 2500, interviewed_on: '2026-11-18' },
        previousResponse: { members: 3, employed: 2, unemployed: 1, sector: 'services', income: 2500 },
        explanations: { income_plausible: 'Hộ có cửa hàng' },
      }),
    );
    const response = await screen.findByTestId('response');
    expect(within(response).getByText('Số nhân khẩu').nextElementSibling).toHaveTextContent(/3\s*→\s*4/);
    expect(within(response).getByText('Thu nhập tháng (triệu đồng)').nextElementSibling).toHaveTextContent('2.500');
    // Choices by their label, never their code.
    expect(within(response).getByText('Ngành chính').nextElementSibling).toHaveTextContent('Dịch vụ');
    expect(response).not.toHaveTextContent('services');
    expect(response).toHaveTextContent('Số người có việc làm vượt số nhân khẩu');
    expect(response).toHaveTextContent('Hộ có cửa hàng');
    const history = screen.getByRole('table', { name: 'Các quyết định duyệt, cũ nhất trước' });
    expect(history).toHaveTextContent('Thiếu ngày phỏng vấn');
    expect(history).toHaveTextContent('Trả lại');
  });

  it('approves at the task’s current level and moves on to the next', async () => {
    const { server, user } = renderPage(() => inReview(), {
      [REVIEW]: { body: inReview({ reviewLevel: 'province', reviewTrail: [...inReview().reviewTrail, { level: 'commune', decision: 'approve', by: 'sup.hanoi', comment: '', at: '2026-11-20T02:00:00.000Z' }] }) },
    });
    expect(await screen.findByRole('heading', { name: 'Quyết định duyệt ở cấp xã' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Duyệt' }));
    expect(await screen.findByText('Đã duyệt nhiệm vụ ở cấp xã.')).toBeInTheDocument();
    expect(server.to('POST', `/api/tasks/${ID}/review`)[0]?.body).toEqual({ decision: 'approve', level: 'commune', comment: '' });
    expect(screen.getByRole('heading', { name: 'Quyết định duyệt ở cấp tỉnh' })).toBeInTheDocument();
  });

  it('will not reject without a comment, and says why next to the comment box', async () => {
    const { server, user } = renderPage(() => inReview(), { [REVIEW]: { body: taskDetail(UNIT, { status: 'rejected' }) } });
    await user.click(await screen.findByRole('button', { name: 'Trả lại' }));
    const comment = screen.getByRole('textbox', { name: 'Nhận xét' });
    expect(comment).toBeInvalid();
    expect(comment).toHaveAccessibleDescription(/Vui lòng nhập nhận xét khi trả lại nhiệm vụ\./);
    expect(comment).toHaveFocus();
    expect(server.to('POST', `/api/tasks/${ID}/review`)).toHaveLength(0);

    await user.type(comment, 'Số người thất nghiệp chưa đúng');
    expect(comment).not.toBeInvalid();
    await user.click(screen.getByRole('button', { name: 'Trả lại' }));
    expect(await screen.findByText('Đã trả lại nhiệm vụ cho điều tra viên.')).toBeInTheDocument();
    expect(server.to('POST', `/api/tasks/${ID}/review`)[0]?.body).toEqual({ decision: 'reject', level: 'commune', comment: 'Số người thất nghiệp chưa đúng' });
    expect(screen.queryByTestId('review-panel')).not.toBeInTheDocument();
  });

  it('says before and after that a task rejected once collection closed becomes non-response', async () => {
    const { user } = renderPage(() => inReview(), {
      [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle({ status: 'closed' }) },
      [REVIEW]: { body: taskDetail(UNIT, { status: 'non_response' }) },
    });
    const comment = await screen.findByRole('textbox', { name: 'Nhận xét' });
    expect(comment).toHaveAccessibleDescription(/Kỳ thu thập đã kết thúc: nhiệm vụ bị trả lại không thể trả lời lại và sẽ thành “Không trả lời”\./);
    expect(screen.queryByText(/điều tra viên sẽ thấy nhận xét này/)).not.toBeInTheDocument();
    await user.type(comment, 'Sai số nhân khẩu');
    await user.click(screen.getByRole('button', { name: 'Trả lại' }));
    expect(await screen.findByTestId('review-notice')).toHaveTextContent('Đã trả lại nhiệm vụ. Vì kỳ thu thập đã kết thúc, nhiệm vụ thành “Không trả lời” và không thể trả lời lại.');
    expect(screen.queryByText('Đã trả lại nhiệm vụ cho điều tra viên.')).not.toBeInTheDocument();
  });

  it('says the same in English', async () => {
    signedIn('sup.hanoi', 'supervisor', ['01'], 'en');
    const { user } = renderPage(() => inReview(), {
      [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle({ status: 'closed' }) },
      [REVIEW]: { body: taskDetail(UNIT, { status: 'non_response' }) },
    });
    const comment = await screen.findByRole('textbox', { name: 'Comment' });
    expect(comment).toHaveAccessibleDescription(/a rejected task cannot be answered again and becomes “Non-response”/);
    await user.type(comment, 'Wrong household size');
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(await screen.findByTestId('review-notice')).toHaveTextContent('Task rejected. As collection is closed, it is now “Non-response” and cannot be answered again.');
  });

  it('shows a 409 as “already decided” and reloads the task', async () => {
    let decided = false;
    const { server, user } = renderPage(() => (decided ? inReview({ reviewLevel: 'province' }) : inReview()), {
      [REVIEW]: () => {
        decided = true;
        return { status: 409, body: { type: 't', title: 'Conflict', status: 409, detail: 'the task is not in review at commune' } };
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Duyệt' }));
    expect(await screen.findByTestId('review-conflict')).toHaveTextContent('Nhiệm vụ này đã được quyết định rồi.');
    await vi.waitFor(() => expect(screen.getByRole('heading', { name: 'Quyết định duyệt ở cấp tỉnh' })).toBeInTheDocument());
    expect(server.to('GET', `/api/tasks/${ID}`).length).toBeGreaterThanOrEqual(2);
  });

  it('reassigns the task to another enumerator', async () => {
    const { server, user } = renderPage(() => inReview(), { [`POST /api/tasks/${ID}/reassign`]: { body: inReview({ enumerator: 'enum.hanoi2' }) } });
    const input = await screen.findByRole('combobox', { name: 'Điều tra viên mới' });
    await user.click(screen.getByRole('button', { name: 'Giao lại' }));
    expect(input).toHaveAccessibleDescription(/Vui lòng nhập tên đăng nhập của điều tra viên\./);
    await user.type(input, 'enum.hanoi2');
    await user.click(screen.getByRole('button', { name: 'Giao lại' }));
    expect(await screen.findByText('Đã giao lại nhiệm vụ cho enum.hanoi2.')).toBeInTheDocument();
    expect(server.to('POST', `/api/tasks/${ID}/reassign`)[0]?.body).toEqual({ enumerator: 'enum.hanoi2' });
    expect(screen.getByTestId('task-enumerator')).toHaveTextContent('enum.hanoi2');
  });
});
