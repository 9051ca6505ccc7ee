import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import type { RespondentReport, TaskDetail } from '../lib/types';
import { fakeApi, signedIn, type Route } from '../test/fake-api';
import { LFS, respondentReport, taskDetail } from '../test/fixtures';

const UNIT = 'DN0100001';
const REPORT = respondentReport(UNIT, '2026-11', { surveyId: 'LFS' });
const ID = REPORT.id;
const DRAFT = `/api/tasks/${ID}/draft`;
const RECEIPT = { id: '4711-AbCdEfGhIjKlMnOpQrStUv', position: 4711, hash: 'b'.repeat(64), at: '2026-12-07T02:05:00.000Z' };
const TASK = taskDetail(UNIT, { id: ID, cycleId: REPORT.cycleId, unitName: 'Công ty TNHH Minh An', enumerator: 'enum.hanoi' });

/** The routes a respondent may call, and nothing else: anything closed to it would answer 404 here and be seen in `calls`. */
function respondentServer(report: RespondentReport = REPORT, more: Record<string, Route> = {}) {
  let task: TaskDetail = TASK;
  return fakeApi({
    [`GET /api/tasks/${ID}`]: () => ({ body: task }),
    'GET /api/my/reports': { body: { items: [report] } },
    'GET /api/surveys/LFS': { body: LFS },
    [`PUT ${DRAFT}`]: (call) => ({ body: { taskId: ID, storedAt: new Date().toISOString(), ...(call.body as object) } }),
    [`POST /api/tasks/${ID}/submit`]: (call) => {
      task = { ...TASK, status: 'in_review', reviewLevel: 'province', response: (call.body as { data: Record<string, unknown> }).data, submissions: 1 };
      return { body: { id: ID, status: 'in_review', reviewLevel: 'province', failed: [], warnings: [], receipt: RECEIPT } };
    },
    ...more,
  });
}

const closedToRespondents = (server: ReturnType<typeof fakeApi>) => server.calls.filter((c) => c.path.startsWith('/api/cycles') || c.path === '/api/live' || c.path.startsWith('/api/users'));

beforeEach(() => {
  signedIn('dn.hanoi', 'respondent', []);
  replace(`/tasks/${encodeURIComponent(ID)}`);
});

describe('a respondent filling its report in', () => {
  it('opens the form, keeps a draft on the server, sends it and shows the receipt, without calling what is closed to it', async () => {
    const server = respondentServer();
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Báo cáo của Công ty TNHH Minh An' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Quay lại báo cáo của tôi' })).toHaveAttribute('href', '#/reports');
    expect(within(screen.getByRole('navigation', { name: 'Điều hướng chính' })).getByRole('link', { name: 'Báo cáo của tôi' })).toHaveAttribute('aria-current', 'page');
    // The task names an enumerator; the respondent answers for its unit whoever that is.
    expect(screen.queryByTestId('task-enumerator')).not.toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: /Số nhân khẩu/ }), '4');
    // Leaving the page (or hiding it) saves at once what the timer would have saved.
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(server.to('PUT', DRAFT)).toHaveLength(1));
    expect(server.to('PUT', DRAFT)[0]?.body).toMatchObject({ data: { members: 4 } });
    await vi.waitFor(() => expect(screen.getByTestId('draft-status')).toHaveTextContent('Đã lưu bản nháp lúc'));
    expect(screen.getByTestId('draft-status')).not.toHaveTextContent('trên thiết bị');

    await user.type(screen.getByRole('textbox', { name: /Số người có việc làm/ }), '2');
    await user.type(screen.getByRole('textbox', { name: /Số người thất nghiệp/ }), '1');
    await user.click(screen.getByRole('button', { name: 'Gửi câu trả lời' }));
    expect(await screen.findByTestId('submit-receipt')).toHaveTextContent(`Biên nhận số ${RECEIPT.id}, nhận lúc 09:05 ngày 7 thg 12, 2026`);
    expect(within(screen.getByTestId('submit-receipt')).getByRole('link', { name: 'Kiểm tra biên nhận' })).toHaveAttribute('href', `#/receipts/${RECEIPT.id}`);
    expect(server.to('POST', `/api/tasks/${ID}/submit`)[0]?.body).toEqual({ data: { members: 4, employed: 2, unemployed: 1 }, explanations: {} });
    // The page read the task again once it was taken.
    await vi.waitFor(() => expect(screen.getByTestId('read-only')).toHaveTextContent('Đang duyệt'));
    expect(closedToRespondents(server)).toEqual([]);
  });

  it('starts from the draft the server keeps for it', async () => {
    respondentServer(REPORT, { [`GET ${DRAFT}`]: { body: { taskId: ID, data: { members: 7, employed: 3 }, savedAt: '2026-12-07T02:15:00.000Z', storedAt: '2026-12-07T02:15:01.000Z' } } });
    render(App);
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: /Số nhân khẩu/ })).toHaveValue('7'));
    expect(screen.getByTestId('draft-status')).toHaveTextContent('Bản nháp lúc 09:15');
  });

  it('shows the form read-only once the report can no longer be sent', async () => {
    const server = respondentServer({ ...REPORT, due: false });
    render(App);
    expect(await screen.findByTestId('read-only')).toHaveTextContent('không nhận thêm câu trả lời');
    expect(screen.queryByRole('button', { name: 'Gửi câu trả lời' })).not.toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.calls.filter((c) => c.path === DRAFT)).toEqual([]);
    expect(closedToRespondents(server)).toEqual([]);
  });
});
