import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import type { RespondentReport } from '../lib/types';
import { fakeApi, signedIn, type Route } from '../test/fake-api';
import { respondentReport } from '../test/fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RECEIPT = { id: '4711-AbCdEfGhIjKlMnOpQrStUv', position: 4711, hash: 'a'.repeat(64), at: '2026-10-05T02:05:00.000Z' };

const NOVEMBER = respondentReport('DN0100001', '2026-11');
const OTHER_UNIT = respondentReport('DN0100002', '2026-11', { unitName: 'Công ty CP Sông Hồng', dueAt: '2026-12-15T10:00:00.000Z', draftSavedAt: '2026-12-01T01:00:00.000Z' });
const OCTOBER_BACK = respondentReport('DN0100001', '2026-10', {
  status: 'rejected',
  dueAt: '2026-11-12T10:00:00.000Z',
  overdue: true,
  submittedAt: '2026-11-03T03:00:00.000Z',
  submittedBy: 'dn.hanoi',
  receipt: { ...RECEIPT, id: '4800-OctoberReceiptNumber00' },
  rejection: 'Doanh thu tháng 10 thiếu chi nhánh Hải Phòng',
});
const SEPTEMBER = respondentReport('DN0100001', '2026-09', { status: 'approved', due: false, submittedAt: RECEIPT.at, submittedBy: 'dn.hanoi', receipt: RECEIPT });
const SEPTEMBER_OTHER = respondentReport('DN0100002', '2026-09', { unitName: 'Công ty CP Sông Hồng', status: 'non_response', due: false });
const AUGUST = respondentReport('DN0100001', '2026-08', {
  status: 'in_review',
  due: false,
  submittedAt: '2026-09-04T08:30:00.000Z',
  submittedBy: 'ke.toan',
  receipt: { ...RECEIPT, id: '4600-AugustReceiptNumber000' },
});

// As the server answers: what is due first, soonest first; the rest keep its order (here not newest first, which the page sorts).
const REPORTS = [NOVEMBER, OTHER_UNIT, OCTOBER_BACK, AUGUST, SEPTEMBER, SEPTEMBER_OTHER];

/** A respondent's server: its reports (the other unit's November report with a draft), and whatever else the test adds. */
function portalServer(reports: () => RespondentReport[] = () => REPORTS, more: Record<string, Route> = {}) {
  return fakeApi({
    'GET /api/my/reports': () => ({ body: { items: reports() } }),
    ...more,
  });
}

const dueCard = (report: RespondentReport) => screen.getByTestId(`due-${report.id}`);

beforeEach(() => {
  signedIn('dn.hanoi', 'respondent', []);
  replace('/reports');
});

afterEach(() => vi.restoreAllMocks());

describe('a respondent’s reports', () => {
  it('lists what is due first, with its unit, due date and status, and fills it in or continues it', async () => {
    portalServer();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Báo cáo của tôi' })).toBeInTheDocument();
    const due = await screen.findByRole('region', { name: 'Cần gửi' });
    const history = screen.getByRole('region', { name: 'Đã gửi trước đây' });
    expect(due.compareDocumentPosition(history) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    const cards = within(due).getAllByRole('article');
    expect(cards.map((card) => card.dataset.testid)).toEqual([`due-${NOVEMBER.id}`, `due-${OTHER_UNIT.id}`, `due-${OCTOBER_BACK.id}`]);
    expect(within(cards[0]!).getByRole('heading', { level: 3 })).toHaveTextContent('Báo cáo doanh nghiệp hằng tháng, kỳ 2026-11');
    expect(cards[0]).toHaveTextContent('Công ty TNHH Minh An');
    expect(cards[0]).toHaveTextContent('DN0100001');
    expect(cards[0]).toHaveTextContent('Chưa gửi');
    expect(within(cards[0]!).getByRole('link', { name: 'Điền báo cáo' })).toHaveAttribute('href', `#/tasks/${NOVEMBER.id}`);
    expect(within(cards[0]!).queryByText('Quá hạn')).not.toBeInTheDocument();
    // A draft kept on the server: the report is continued, not started.
    await vi.waitFor(() => expect(within(dueCard(OTHER_UNIT)).getByRole('link', { name: 'Tiếp tục điền' })).toBeInTheDocument());
    expect(dueCard(OTHER_UNIT)).toHaveTextContent('Công ty CP Sông Hồng');
  });

  it('shows the reviewer’s comment on a report sent back, flagged overdue, to be continued', async () => {
    portalServer();
    render(App);
    const card = await screen.findByTestId(`due-${OCTOBER_BACK.id}`);
    expect(card).toHaveTextContent('Bị trả lại');
    expect(within(card).getByText('Quá hạn')).toBeInTheDocument();
    const rejection = within(card).getByTestId('rejection');
    expect(rejection).toHaveTextContent('Cơ quan thống kê trả lại báo cáo này. Nhận xét:');
    expect(within(rejection).getByText('Doanh thu tháng 10 thiếu chi nhánh Hải Phòng')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Tiếp tục điền' })).toHaveAttribute('href', `#/tasks/${OCTOBER_BACK.id}`);
    expect(within(dueCard(NOVEMBER)).queryByTestId('rejection')).not.toBeInTheDocument();
  });

  it('shows what was sent before period by period, newest first, with when, by whom and a link to its receipt', async () => {
    portalServer();
    render(App);
    const history = await screen.findByRole('region', { name: 'Đã gửi trước đây' });
    expect(within(history).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Kỳ 2026-09', 'Kỳ 2026-08']);
    const september = within(screen.getByTestId('period-2026-09'));
    const sent = september.getByTestId(`sent-${SEPTEMBER.id}`);
    expect(sent).toHaveTextContent('Đã chấp nhận');
    expect(sent).toHaveTextContent('09:05 ngày 5 thg 10, 2026, bởi dn.hanoi');
    expect(within(sent).getByRole('link', { name: RECEIPT.id })).toHaveAttribute('href', `#/receipts/${RECEIPT.id}`);
    expect(within(sent).getByRole('link', { name: 'Xem báo cáo' })).toHaveAttribute('href', `#/tasks/${SEPTEMBER.id}`);
    const missed = september.getByTestId(`sent-${SEPTEMBER_OTHER.id}`);
    expect(missed).toHaveTextContent('Không gửi');
    expect(missed).toHaveTextContent('Chưa gửi');
    expect(within(missed).queryByRole('link', { name: /^\d+-/ })).not.toBeInTheDocument();
    const august = within(screen.getByTestId('period-2026-08')).getByTestId(`sent-${AUGUST.id}`);
    expect(august).toHaveTextContent('Đang xem xét');
    expect(august).toHaveTextContent('bởi ke.toan');
    expect(within(august).getByRole('link', { name: '4600-AugustReceiptNumber000' })).toHaveAttribute('href', '#/receipts/4600-AugustReceiptNumber000');
  });

  it('says when nothing is due and nothing was sent, and offers to load again after a failure', async () => {
    let fail = true;
    fakeApi({ 'GET /api/my/reports': () => (fail ? { status: 503, body: { title: 'Unavailable', status: 503, detail: 'down', code: '' } } : { body: { items: [] } }) });
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByRole('alert')).toHaveTextContent('Hệ thống đang bận. Vui lòng thử lại sau.');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Tải lại' }));
    expect(await screen.findByTestId('due-empty')).toHaveTextContent('Không có báo cáo nào cần gửi lúc này.');
    expect(screen.getByTestId('history-empty')).toHaveTextContent('Chưa có báo cáo nào của các kỳ trước.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('a report as a spreadsheet', () => {
  it('downloads the report’s form with the bearer token, as a file', async () => {
    const server = portalServer(undefined, {
      [`GET /api/tasks/${NOVEMBER.id}/form.xlsx`]: () =>
        new Response('PK-workbook', { headers: { 'content-type': XLSX, 'content-disposition': 'attachment; filename="DN_THANG-2026-11-DN0100001.xlsx"' } }),
    });
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:form');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId(`due-${NOVEMBER.id}`);
    await user.click(within(dueCard(NOVEMBER)).getByRole('button', { name: 'Tải bảng tính về' }));
    expect(await within(dueCard(NOVEMBER)).findByText(/Đã tải tệp DN_THANG-2026-11-DN0100001\.xlsx\./)).toBeInTheDocument();
    const call = server.to('GET', `/api/tasks/${NOVEMBER.id}/form.xlsx`)[0];
    expect(call?.headers.authorization).toBe('Bearer token-dn.hanoi');
    expect(call?.headers.accept).toBe(XLSX);
    expect(await createObjectURL.mock.calls[0]![0].text()).toBe('PK-workbook');
    expect((clicked.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe('DN_THANG-2026-11-DN0100001.xlsx');
  });

  it('sends the filled spreadsheet as the response, then shows its receipt and moves the report to those sent', async () => {
    let sent = false;
    const server = portalServer(
      () => (sent ? [OTHER_UNIT, OCTOBER_BACK, { ...NOVEMBER, status: 'in_review', due: false, submittedAt: '2026-12-07T02:05:00.000Z', submittedBy: 'dn.hanoi', receipt: RECEIPT }, SEPTEMBER] : REPORTS),
      {
        [`POST /api/tasks/${NOVEMBER.id}/submit`]: () => {
          sent = true;
          return { body: { id: NOVEMBER.id, status: 'in_review', reviewLevel: 'province', failed: [], warnings: [], receipt: { ...RECEIPT, at: '2026-12-07T02:05:00.000Z' } } };
        },
      },
    );
    const user = userEvent.setup();
    render(App);
    const card = within(await screen.findByTestId(`due-${NOVEMBER.id}`));
    // Nothing picked: nothing sent, and the file input says why.
    await user.click(card.getByRole('button', { name: 'Tải lên bảng tính đã điền' }));
    expect(card.getByText('Vui lòng chọn tệp bảng tính đã điền.')).toBeInTheDocument();
    expect(server.to('POST', `/api/tasks/${NOVEMBER.id}/submit`)).toHaveLength(0);

    await user.upload(card.getByLabelText('Bảng tính đã điền (.xlsx)'), new File(['PK-filled'], 'bao-cao-11.xlsx', { type: XLSX }));
    await user.click(card.getByRole('button', { name: 'Tải lên bảng tính đã điền' }));
    const outcome = await screen.findByTestId('spreadsheet-sent');
    expect(outcome).toHaveTextContent('Đã nhận báo cáo Báo cáo doanh nghiệp hằng tháng, kỳ 2026-11. Cơ quan thống kê đang xem xét.');
    expect(outcome).toHaveTextContent(`Biên nhận số ${RECEIPT.id}, nhận lúc 09:05 ngày 7 thg 12, 2026.`);
    expect(within(outcome).getByRole('link', { name: 'Kiểm tra biên nhận' })).toHaveAttribute('href', `#/receipts/${RECEIPT.id}`);
    await vi.waitFor(() => expect(outcome).toHaveFocus());

    const [call] = server.to('POST', `/api/tasks/${NOVEMBER.id}/submit`);
    expect(call?.headers['content-type']).toBe(XLSX);
    expect(call?.headers.authorization).toBe('Bearer token-dn.hanoi');
    expect(call?.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    expect(call?.body).toBe('PK-filled');
    // The list is read again: November has left what is due for what was sent.
    expect(screen.queryByTestId(`due-${NOVEMBER.id}`)).not.toBeInTheDocument();
    expect(within(screen.getByTestId('period-2026-11')).getByTestId(`sent-${NOVEMBER.id}`)).toHaveTextContent('Đang xem xét');
  });

  it('names the cells to fix when the server refuses the spreadsheet, in the user’s language', async () => {
    const refusal = {
      type: 'https://survey-ops.dev/problems/400',
      title: 'Bad request',
      status: 400,
      detail: 'form!D7 must be at least 0; form!D9 is required',
      code: 'request_invalid',
      params: {},
      errors: [
        { path: 'form!D7', message: 'must be at least 0', code: 'too_small', params: { minimum: 0 } },
        { path: 'form!D9', message: 'is required', code: 'required' },
      ],
    };
    const server = portalServer(undefined, { [`POST /api/tasks/${NOVEMBER.id}/submit`]: { status: 400, body: refusal } });
    const user = userEvent.setup();
    render(App);
    const card = within(await screen.findByTestId(`due-${NOVEMBER.id}`));
    await user.upload(card.getByLabelText('Bảng tính đã điền (.xlsx)'), new File(['PK-wrong'], 'bao-cao-11.xlsx', { type: XLSX }));
    await user.click(card.getByRole('button', { name: 'Tải lên bảng tính đã điền' }));
    const refused = await card.findByTestId('upload-refused');
    expect(refused).toHaveAttribute('role', 'alert');
    expect(refused).toHaveTextContent('Bảng tính chưa được nhận. Sửa các ô sau rồi tải lên lại:');
    expect(within(refused).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Ô form!D7: quá nhỏ hoặc quá ngắn (tối thiểu 0)', 'Ô form!D9: là bắt buộc']);
    await vi.waitFor(() => expect(refused).toHaveFocus());
    expect(screen.queryByTestId('spreadsheet-sent')).not.toBeInTheDocument();
    // Still due: the list was not reloaded as if it had been taken.
    expect(server.to('GET', '/api/my/reports')).toHaveLength(1);
  });
});

describe('the respondent in the app', () => {
  it('lands on its reports, with a menu of that page alone, and is refused the staff’s pages', async () => {
    replace('/');
    const server = portalServer();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Báo cáo của tôi' })).toBeInTheDocument();
    expect(location.hash).toBe('#/reports');
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Báo cáo của tôi']);
    expect(within(nav).getByRole('link', { name: 'Báo cáo của tôi' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('current-user')).toHaveTextContent('Người báo cáo');

    for (const path of ['/cycles', '/tasks', '/supervise', '/frame']) {
      replace(path);
      expect(await screen.findByRole('heading', { level: 1, name: 'Trang này không dành cho vai trò của bạn.' })).toBeInTheDocument();
    }
    // Nothing closed to respondents was asked for: no cycles, no live feed, no outbox.
    expect(server.calls.filter((c) => !c.path.startsWith('/api/my/'))).toEqual([]);
  });
});
