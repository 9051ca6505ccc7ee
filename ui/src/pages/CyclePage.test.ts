import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import type { AreaProgress } from '../lib/cycles';
import { replace } from '../lib/router.svelte';
import type { CycleStatus, TaskStatus } from '../lib/types';
import { fakeApi, signedIn, type Route } from '../test/fake-api';
import { CYCLE_ID, cycle, taskItem } from '../test/fixtures';

const BASE = `/api/cycles/${CYCLE_ID}`;

function area(areaCode: string, areaName: string, counts: Partial<Record<TaskStatus, number>>, overdue = 0): AreaProgress {
  const full = { assigned: 0, checks_failed: 0, in_review: 0, rejected: 0, approved: 0, non_response: 0, cancelled: 0, ...counts };
  return { areaCode, areaName, total: Object.values(full).reduce((a, b) => a + b, 0), overdue, counts: full };
}

const PROVINCES_AT_START = () => [area('01', 'Thành phố Hà Nội', { assigned: 3, in_review: 1, approved: 1 }, 1), area('79', 'Thành phố Hồ Chí Minh', { assigned: 5 })];
let provinces = PROVINCES_AT_START();
const COMMUNES = [area('01001', 'Phường Hoàn Kiếm', { assigned: 1, approved: 1 }, 1), area('01002', 'Phường Ba Đình', { assigned: 2, in_review: 1 })];

function dashboard(routes: Record<string, Route> = {}) {
  return fakeApi({
    [`GET ${BASE}`]: { body: cycle({ total: 10, overdue: 1, counts: { assigned: 8, checks_failed: 0, in_review: 1, rejected: 0, approved: 1, non_response: 0, cancelled: 0 } }) },
    [`GET ${BASE}/progress`]: (call) => ({
      body: call.query.get('parent') === '01' ? { cycleId: CYCLE_ID, level: 'commune', parent: '01', items: COMMUNES } : { cycleId: CYCLE_ID, level: 'province', parent: null, items: provinces },
    }),
    [`GET ${BASE}/tasks`]: (call) => ({
      body: {
        items:
          call.query.get('overdue') === 'true'
            ? [taskItem('HH0100102', { overdue: true })]
            : call.query.get('areaCode') === '01001'
              ? [taskItem('HH0100101', { status: 'approved' }), taskItem('HH0100102', { overdue: true })]
              : [],
        nextCursor: null,
      },
    }),
    [`GET ${BASE}/timeline`]: { body: { cycleId: CYCLE_ID, bucket: 'hour', points: [{ at: '2026-11-20T03:00:00Z', submitted: 2, approved: 1, rejected: 0 }] } },
    'GET /api/areas': { body: { items: [{ code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN' }, { code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province', parent: 'VN' }] } },
    ...routes,
  });
}

beforeEach(() => {
  provinces = PROVINCES_AT_START();
  signedIn('manager', 'manager', ['VN']);
  replace(`/cycles/${CYCLE_ID}`);
});

describe('the cycle dashboard', () => {
  it('drills down from the provinces to a commune and on to its tasks, keeping each step in the address', async () => {
    const server = dashboard();
    const user = userEvent.setup();
    render(App);
    const provinces = await screen.findByRole('table', { name: /Tiến độ từng tỉnh/ });
    const hanoi = within(provinces).getByRole('row', { name: /Thành phố Hà Nội/ });
    expect(within(hanoi).getByRole('progressbar')).toHaveAttribute('aria-valuetext', '1 / 5 nhiệm vụ đã kết thúc (20%)');

    await user.click(within(hanoi).getByRole('link', { name: 'Thành phố Hà Nội' }));
    const communesHeading = await screen.findByRole('heading', { level: 2, name: 'Tiến độ các xã, phường của Thành phố Hà Nội' });
    expect(location.hash).toBe(`#/cycles/${CYCLE_ID}?province=01`);
    expect(Object.fromEntries(server.to('GET', `${BASE}/progress`).at(-1)?.query ?? [])).toEqual({ level: 'commune', parent: '01' });
    await vi.waitFor(() => expect(document.activeElement).toBe(communesHeading));

    await user.click(screen.getByRole('link', { name: 'Phường Hoàn Kiếm' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Nhiệm vụ ở Phường Hoàn Kiếm' })).toBeInTheDocument();
    const row = await screen.findByRole('row', { name: /HH0100101/ });
    expect(row).toHaveTextContent('Đã duyệt');
    expect(within(row).getByRole('link', { name: 'HH0100101' })).toHaveAttribute('href', `#/streams/${encodeURIComponent(`task-${CYCLE_ID}.HH0100101`)}`);
    expect(server.to('GET', `${BASE}/tasks`).some((c) => c.query.get('areaCode') === '01001')).toBe(true);
    const crumbs = screen.getByRole('navigation', { name: 'Cấp địa bàn' });
    expect(within(crumbs).getAllByRole('link').map((a) => a.textContent)).toEqual(['Cả nước', 'Thành phố Hà Nội', 'Phường Hoàn Kiếm']);

    await user.click(within(crumbs).getByRole('link', { name: 'Cả nước' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Tiến độ theo tỉnh, thành phố' })).toBeInTheDocument();
    expect(location.hash).toBe(`#/cycles/${CYCLE_ID}`);
  });

  it('lists the overdue tasks and draws the timeline with a text alternative', async () => {
    const server = dashboard();
    const user = userEvent.setup();
    render(App);
    const overdue = await screen.findByRole('region', { name: 'Nhiệm vụ quá hạn' });
    expect(await within(overdue).findByRole('row', { name: /HH0100102/ })).toBeInTheDocument();
    expect(server.to('GET', `${BASE}/tasks`).some((c) => c.query.get('overdue') === 'true')).toBe(true);
    const chart = await screen.findByRole('img', { name: /Số lượt nộp, duyệt và trả lại theo thời gian/ });
    expect(chart).toHaveAccessibleName(/2 lượt nộp, 1 lượt duyệt xong, 0 lượt trả lại/);
    await user.click(screen.getByText('Xem số liệu dạng bảng'));
    const table = await screen.findByRole('table', { name: 'Số lượt nộp, duyệt xong và trả lại theo từng khoảng thời gian' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(/10:00.*2.*1.*0/);
  });

  it('updates the counts and the bars live, without reloading the page', async () => {
    const server = dashboard();
    render(App);
    await screen.findByRole('table', { name: /Tiến độ từng tỉnh/ });
    await vi.waitFor(() => expect(screen.getByTestId('live-indicator')).toBeInTheDocument());
    const before = server.to('GET', `${BASE}/progress`).length;
    provinces[1] = area('79', 'Thành phố Hồ Chí Minh', { assigned: 4, approved: 1 });
    server.push(cycle({ total: 10, overdue: 1, counts: { assigned: 7, checks_failed: 0, in_review: 1, rejected: 0, approved: 2, non_response: 0, cancelled: 0 } }));
    await vi.waitFor(() => expect(screen.getByTestId('count-approved')).toHaveTextContent('2'));
    await vi.waitFor(() => expect(server.to('GET', `${BASE}/progress`).length).toBeGreaterThan(before));
    const hcm = await screen.findByRole('row', { name: /Thành phố Hồ Chí Minh/ });
    await vi.waitFor(() => expect(within(hcm).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1'));
  });
});

describe('a cancelled cycle', () => {
  it('says why, who cancelled it and when, with no full progress bar', async () => {
    const cancelled = cycle({
      status: 'cancelled',
      total: 10,
      counts: { assigned: 0, checks_failed: 0, in_review: 0, rejected: 0, approved: 2, non_response: 0, cancelled: 8 },
      cancellation: { reason: 'Sai khung mẫu', by: 'manager', at: '2026-11-20T03:00:00.000Z' },
    });
    dashboard({ [`GET ${BASE}`]: { body: cancelled } });
    render(App);
    expect(await screen.findByTestId('cancellation')).toHaveTextContent(/Kỳ thu thập đã bị hủy bởi manager lúc .*20 thg 11, 2026.*\. Lý do: Sai khung mẫu/);
    expect(screen.queryByTestId('cycle-progress')).not.toBeInTheDocument();
  });
});

describe('steering a cycle', () => {
  it('closes collection only after the manager confirms', async () => {
    const server = dashboard({
      [`POST ${BASE}/close`]: { body: { id: CYCLE_ID, status: 'closed', collectionDeadline: '2026-12-10T10:00:00.000Z', total: 10, final: 2, publishPending: false, resultVersion: 0 } },
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Kết thúc thu thập' }));
    let dialog = screen.getByRole('dialog', { name: 'Kết thúc thu thập?' });
    // It says what closing does (8 assigned tasks become non-response), and Enter would not close by mistake.
    expect(within(dialog).getByTestId('close-consequence')).toHaveTextContent('Nhiệm vụ chưa nộp sẽ thành “Không trả lời”: 8.');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Hủy bỏ' }));
    await user.click(within(dialog).getByRole('button', { name: 'Hủy bỏ' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(server.to('POST', `${BASE}/close`)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Kết thúc thu thập' }));
    dialog = screen.getByRole('dialog', { name: 'Kết thúc thu thập?' });
    await user.click(within(dialog).getByRole('button', { name: 'Kết thúc thu thập' }));
    expect(await screen.findByTestId('steer-notice')).toHaveTextContent('Đã kết thúc thu thập.');
    expect(server.to('POST', `${BASE}/close`)).toHaveLength(1);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('says collection is closing when the answer is `closing`, and offers publication and cancellation meanwhile', async () => {
    let status: CycleStatus = 'collecting';
    dashboard({
      [`GET ${BASE}`]: () => ({ body: cycle({ status }) }),
      [`POST ${BASE}/close`]: () => {
        status = 'closing';
        return { body: { id: CYCLE_ID, status, collectionDeadline: '2026-12-10T10:00:00.000Z', total: 10, final: 2, publishPending: false, resultVersion: 0 } };
      },
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Kết thúc thu thập' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Kết thúc thu thập?' })).getByRole('button', { name: 'Kết thúc thu thập' }));
    expect(await screen.findByTestId('steer-notice')).toHaveTextContent('Đang kết thúc thu thập: không nhận thêm câu trả lời');
    expect(await screen.findByRole('button', { name: 'Công bố kết quả' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hủy kỳ thu thập' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Kết thúc thu thập' })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByTestId('cycle-status')).toHaveTextContent('Đang kết thúc thu thập'));
  });

  it('shows the server’s reason when the cycle’s state refuses the action (409), and reloads the cycle', async () => {
    const server = dashboard({
      [`GET ${BASE}`]: { body: cycle({ status: 'closed' }) },
      [`POST ${BASE}/publish`]: { status: 409, body: { type: 'about:blank', title: 'Conflict', status: 409, detail: 'the cycle is published', code: 'cycle.is_final', params: { status: 'published' } } },
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Công bố kết quả' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Công bố kết quả?' })).getByRole('button', { name: 'Công bố' }));
    const alert = await screen.findByTestId('steer-error');
    expect(alert).toHaveRole('alert');
    expect(alert).toHaveTextContent('Không thực hiện được vì trạng thái kỳ thu thập không cho phép: Kỳ thu thập đã ở trạng thái “Đã công bố”.');
    await vi.waitFor(() => expect(server.to('GET', BASE)).toHaveLength(2));
    expect(screen.queryByRole('button', { name: 'Kết thúc thu thập' })).not.toBeInTheDocument();
  });

  it('asks for a reason before cancelling, and sends it', async () => {
    const server = dashboard({
      [`POST ${BASE}/cancel`]: { body: { id: CYCLE_ID, status: 'cancelled', collectionDeadline: '2026-12-10T10:00:00.000Z', total: 10, final: 10, publishPending: false, resultVersion: 0 } },
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Hủy kỳ thu thập' }));
    const dialog = screen.getByRole('dialog', { name: 'Hủy kỳ thu thập?' });
    await user.click(within(dialog).getByRole('button', { name: 'Hủy kỳ thu thập' }));
    const reason = within(dialog).getByRole('textbox', { name: 'Lý do hủy' });
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(server.to('POST', `${BASE}/cancel`)).toHaveLength(0);
    await user.type(reason, 'Trùng với kỳ khác');
    await user.click(within(dialog).getByRole('button', { name: 'Hủy kỳ thu thập' }));
    await vi.waitFor(() => expect(server.to('POST', `${BASE}/cancel`)[0]?.body).toEqual({ reason: 'Trùng với kỳ khác' }));
    expect(await screen.findByTestId('steer-notice')).toHaveTextContent('Đã hủy kỳ thu thập.');
  });

  it('extends the deadline to the time typed, read as Vietnam’s time', async () => {
    const server = dashboard({
      [`POST ${BASE}/deadline`]: { body: { id: CYCLE_ID, status: 'collecting', collectionDeadline: '2026-12-20T10:00:00.000Z', total: 10, final: 2, publishPending: false, resultVersion: 0 } },
    });
    const user = userEvent.setup();
    render(App);
    const input = await screen.findByLabelText('Hạn thu thập mới (giờ Việt Nam)');
    await user.type(input, '2026-12-20T17:00');
    await user.click(screen.getByRole('button', { name: 'Gia hạn' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Gia hạn thu thập?' })).getByRole('button', { name: 'Gia hạn' }));
    await vi.waitFor(() => expect(server.to('POST', `${BASE}/deadline`)[0]?.body).toEqual({ collectionDeadline: '2026-12-20T10:00:00.000Z' }));
    expect(await screen.findByTestId('steer-notice')).toHaveTextContent('Đã gia hạn thu thập đến');
  });

  it('refuses a deadline that is not later than the current one in the form, before any dialog', async () => {
    const server = dashboard();
    const user = userEvent.setup();
    render(App);
    const input = await screen.findByLabelText('Hạn thu thập mới (giờ Việt Nam)');
    // The current deadline is 10 December 2026, 17:00 in Vietnam.
    await user.type(input, '2026-12-09T17:00');
    await user.click(screen.getByRole('button', { name: 'Gia hạn' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/Hạn mới phải sau hạn hiện tại/);
    expect(server.to('POST', `${BASE}/deadline`)).toHaveLength(0);
  });

  it('refuses an earlier deadline in English too', async () => {
    signedIn('manager', 'manager', [], 'en');
    dashboard();
    const user = userEvent.setup();
    render(App);
    const input = await screen.findByLabelText('New collection deadline (Vietnam time)');
    await user.type(input, '2026-12-10T17:00');
    await user.click(screen.getByRole('button', { name: 'Extend' }));
    expect(input).toHaveAccessibleDescription(/The new deadline must be later than the current one/);
  });

  it('offers no steering to a supervisor, whose task links open the review page', async () => {
    signedIn('sup.hanoi', 'supervisor');
    dashboard();
    render(App);
    const overdue = await screen.findByRole('region', { name: 'Nhiệm vụ quá hạn' });
    const link = await within(overdue).findByRole('link', { name: 'HH0100102' });
    expect(link).toHaveAttribute('href', `#/supervise/${encodeURIComponent(`${CYCLE_ID}.HH0100102`)}`);
    expect(screen.queryByRole('region', { name: 'Điều hành kỳ thu thập' })).not.toBeInTheDocument();
  });
});
