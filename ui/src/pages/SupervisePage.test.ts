import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import type { TaskItem } from '../lib/types';
import { fakeApi, signedIn, type Call } from '../test/fake-api';
import { CYCLE_ID, cycle, taskItem } from '../test/fixtures';

const OTHER_CYCLE = 'LFS-2026-10-ffffff';
const AREAS = {
  'GET /api/areas': (call: Call) =>
    call.query.get('parent') === 'VN'
      ? { body: { items: [{ code: '01', name: 'Hà Nội', level: 'province', parent: 'VN' }] } }
      : { body: { items: [{ code: '01001', name: 'Phường Hoàn Kiếm', level: 'commune', parent: '01' }] } },
};

function supervisorServer(tasks: () => TaskItem[], nextCursor: () => string | null = () => null) {
  return fakeApi({
    'GET /api/cycles': { body: { items: [cycle({ id: OTHER_CYCLE, period: '2026-10', status: 'closed' }), cycle()], nextCursor: null } },
    [`GET /api/cycles/${CYCLE_ID}/tasks`]: (call) => ({ body: { items: call.query.get('cursor') ? [taskItem('HH0100199')] : tasks(), nextCursor: call.query.get('cursor') ? null : nextCursor() } }),
    [`GET /api/cycles/${OTHER_CYCLE}/tasks`]: { body: { items: [], nextCursor: null } },
    ...AREAS,
  });
}

beforeEach(() => {
  signedIn('sup.hanoi', 'supervisor');
  replace('/');
});

describe('the supervisor’s task list', () => {
  it('opens on the cycle being collected, with its tasks and counts', async () => {
    supervisorServer(() => [taskItem('HH0100101', { status: 'in_review', reviewLevel: 'commune', enumeratorName: 'Phạm Quốc Bảo' })]);
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Giám sát nhiệm vụ' })).toBeInTheDocument();
    const row = await screen.findByRole('row', { name: /HH0100101/ });
    // The enumerator by their full name, the username beside it.
    expect(within(row).getByTestId('task-row-enumerator')).toHaveTextContent(/^Phạm Quốc Bảo\s*enum\.hanoi$/);
    expect(row).toHaveTextContent('cấp xã');
    expect(location.hash).toBe(`#/supervise?cycle=${CYCLE_ID}`);
    expect(screen.getByRole('combobox', { name: 'Kỳ thu thập' })).toHaveValue(CYCLE_ID);
    expect(screen.getByTestId('count-assigned')).toHaveTextContent('2');
  });

  it('keeps the filters in the address, so a reload starts from them', async () => {
    replace(`/supervise?cycle=${CYCLE_ID}&status=in_review&area=01001`);
    const server = supervisorServer(() => []);
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId('tasks-empty');
    expect(screen.getByRole('combobox', { name: 'Trạng thái' })).toHaveDisplayValue('Đang duyệt');
    await vi.waitFor(() => expect(screen.getByRole('combobox', { name: 'Địa bàn' })).toHaveDisplayValue('01001 · Phường Hoàn Kiếm'));
    const first = server.to('GET', `/api/cycles/${CYCLE_ID}/tasks`)[0];
    expect(Object.fromEntries(first?.query ?? [])).toMatchObject({ status: 'in_review', areaCode: '01001' });

    await user.click(screen.getByRole('checkbox', { name: 'Chỉ nhiệm vụ quá hạn' }));
    await vi.waitFor(() => expect(location.hash).toContain('overdue=true'));
    expect(location.hash).toContain('status=in_review');
    await vi.waitFor(() => expect(server.to('GET', `/api/cycles/${CYCLE_ID}/tasks`).at(-1)?.query.get('overdue')).toBe('true'));

    await user.click(screen.getByRole('checkbox', { name: 'Chỉ nhiệm vụ có bài nộp muộn chờ quyết định' }));
    await vi.waitFor(() => expect(location.hash).toContain('late=waiting'));
    await vi.waitFor(() => expect(server.to('GET', `/api/cycles/${CYCLE_ID}/tasks`).at(-1)?.query.get('late')).toBe('waiting'));

    await user.type(screen.getByRole('combobox', { name: 'Điều tra viên' }), 'enum.hanoi');
    await user.click(screen.getByRole('button', { name: 'Áp dụng bộ lọc' }));
    await vi.waitFor(() => expect(server.to('GET', `/api/cycles/${CYCLE_ID}/tasks`).at(-1)?.query.get('enumerator')).toBe('enum.hanoi'));

    await user.click(screen.getByRole('button', { name: 'Xóa bộ lọc' }));
    await vi.waitFor(() => expect(location.hash).toBe(`#/supervise?cycle=${CYCLE_ID}`));
    expect(screen.getByRole('combobox', { name: 'Trạng thái' })).toHaveDisplayValue('Tất cả trạng thái');
  });

  it('loads more rows with the cursor', async () => {
    const server = supervisorServer(() => [taskItem('HH0100101')], () => 'next-page');
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Tải thêm' }));
    expect(await screen.findByRole('row', { name: /HH0100199/ })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /HH0100101/ })).toBeInTheDocument();
    expect(server.to('GET', `/api/cycles/${CYCLE_ID}/tasks`).at(-1)?.query.get('cursor')).toBe('next-page');
    expect(screen.queryByRole('button', { name: 'Tải thêm' })).not.toBeInTheDocument();
  });

  it('counts only the chosen enumerator’s tasks, and counts them again on a live change', async () => {
    replace(`/supervise?cycle=${CYCLE_ID}&enumerator=enum.hanoi2`);
    let inReview = 0;
    const server = fakeApi({
      'GET /api/cycles': { body: { items: [cycle({ counts: { assigned: 9, checks_failed: 0, in_review: 4, rejected: 0, approved: 7, non_response: 0, cancelled: 0 } })], nextCursor: null } },
      [`GET /api/cycles/${CYCLE_ID}/tasks`]: { body: { items: [taskItem('HH0100102', { enumerator: 'enum.hanoi2' })], nextCursor: null } },
      [`GET /api/cycles/${CYCLE_ID}/counts`]: (call) => ({
        body: { cycleId: CYCLE_ID, enumerator: call.query.get('enumerator'), total: 3, overdue: 0, counts: { assigned: 3 - inReview, checks_failed: 0, in_review: inReview, rejected: 0, approved: 0, non_response: 0, cancelled: 0 } },
      }),
      ...AREAS,
    });
    render(App);
    const counts = await screen.findByRole('region', { name: 'Nhiệm vụ theo trạng thái' });
    await vi.waitFor(() => expect(within(counts).getByTestId('count-assigned')).toHaveTextContent('3'));
    expect(within(counts).getByTestId('count-approved')).toHaveTextContent('0');
    expect(within(counts).getByTestId('counts-of')).toHaveTextContent('Chỉ tính nhiệm vụ của điều tra viên enum.hanoi2.');
    expect(server.to('GET', `/api/cycles/${CYCLE_ID}/counts`)[0]?.query.get('enumerator')).toBe('enum.hanoi2');

    await vi.waitFor(() => expect(screen.getByTestId('live-indicator')).toBeInTheDocument());
    inReview = 1;
    server.push(cycle({ counts: { assigned: 8, checks_failed: 0, in_review: 5, rejected: 0, approved: 7, non_response: 0, cancelled: 0 } }));
    await vi.waitFor(() => expect(within(counts).getByTestId('count-in_review')).toHaveTextContent('1'));
    expect(within(counts).getByTestId('count-assigned')).toHaveTextContent('2');
  });

  it('says whose tasks are counted in English too', async () => {
    signedIn('sup.hanoi', 'supervisor', ['01'], 'en');
    replace(`/supervise?cycle=${CYCLE_ID}&enumerator=enum.hanoi2`);
    fakeApi({
      'GET /api/cycles': { body: { items: [cycle()], nextCursor: null } },
      [`GET /api/cycles/${CYCLE_ID}/tasks`]: { body: { items: [], nextCursor: null } },
      [`GET /api/cycles/${CYCLE_ID}/counts`]: { body: { cycleId: CYCLE_ID, enumerator: 'enum.hanoi2', total: 0, overdue: 0, counts: { assigned: 0, checks_failed: 0, in_review: 0, rejected: 0, approved: 0, non_response: 0, cancelled: 0 } } },
      ...AREAS,
    });
    render(App);
    expect(await screen.findByTestId('counts-of')).toHaveTextContent('Counting only the tasks of enumerator enum.hanoi2.');
    await vi.waitFor(() => expect(screen.getByTestId('count-assigned')).toHaveTextContent('0'));
  });

  it('updates the list and the counts live when the cycle changes', async () => {
    let status: TaskItem['status'] = 'assigned';
    const server = supervisorServer(() => [taskItem('HH0100101', { status, reviewLevel: status === 'in_review' ? 'commune' : null })]);
    render(App);
    const row = await screen.findByRole('row', { name: /HH0100101/ });
    expect(row).toHaveTextContent('Đã giao');
    await vi.waitFor(() => expect(screen.getByTestId('live-indicator')).toBeInTheDocument());
    expect(server.to('GET', '/api/live')[0]?.query.get('cycleId')).toBe(CYCLE_ID);

    status = 'in_review';
    server.push(cycle({ counts: { assigned: 1, checks_failed: 0, in_review: 1, rejected: 0, approved: 0, non_response: 0, cancelled: 0 } }));
    await vi.waitFor(() => expect(screen.getByRole('row', { name: /HH0100101/ })).toHaveTextContent('Đang duyệt'));
    expect(within(screen.getByRole('region', { name: 'Nhiệm vụ theo trạng thái' })).getByTestId('count-in_review')).toHaveTextContent('1');
  });
});
