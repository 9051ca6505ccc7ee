import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { fakeApi, signedIn } from '../test/fake-api';
import { CYCLE_ID, cycle, taskItem } from '../test/fixtures';
import MyTasksPage from './MyTasksPage.svelte';

const NAMED = taskItem('HH0100101', { unitName: 'Hộ Trần Văn Hùng', unitAddress: 'Thôn 1, Xã Hà Nội 1', areaName: 'Xã Hà Nội 1', status: 'rejected', overdue: true });
// A unit the frame no longer holds, in an area the geography does not know: shown by its codes.
const UNNAMED = taskItem('HH0100199', { areaCode: '01999' });

function server() {
  return fakeApi({
    'GET /api/cycles': { body: { items: [cycle()], nextCursor: null } },
    [`GET /api/cycles/${CYCLE_ID}/tasks`]: { body: { items: [NAMED, UNNAMED], nextCursor: null } },
  });
}

describe('the enumerator’s task list', () => {
  it('names each unit with its address and its area, the codes as secondary text, and flags an overdue task beside its status', async () => {
    signedIn('enum.hanoi', 'enumerator');
    server();
    render(MyTasksPage);
    const row = await screen.findByTestId(`task-row-${NAMED.id}`);
    const unit = within(row).getByRole('rowheader');
    expect(within(unit).getByRole('link', { name: 'Hộ Trần Văn Hùng' })).toHaveAttribute('href', `#/tasks/${encodeURIComponent(NAMED.id)}`);
    expect(unit).toHaveTextContent(/^Hộ Trần Văn Hùng\s*Thôn 1, Xã Hà Nội 1\s*HH0100101$/);
    expect(within(unit).getByText('HH0100101')).toHaveClass('code');
    const cells = within(row).getAllByRole('cell');
    expect(cells.map((c) => c.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['Bị trả lại Quá hạn', '10 thg 12, 2026 17:00', 'Xã Hà Nội 1 01001']);
    expect(within(cells[0]!).getByTestId('overdue-flag')).toHaveTextContent('Quá hạn');
    expect(within(cells[2]!).getByText('01001')).toHaveClass('code');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Đơn vị điều tra', 'Trạng thái', 'Hạn hoàn thành', 'Địa bàn']);

    const other = screen.getByTestId(`task-row-${UNNAMED.id}`);
    expect(within(other).getByRole('link', { name: 'HH0100199' })).toBeInTheDocument();
    expect(within(other).queryByTestId('overdue-flag')).not.toBeInTheDocument();
    expect(within(other).getAllByRole('cell')[2]).toHaveTextContent(/^\s*01999\s*$/);
  });

  it('keeps the due date and the time as two whole pieces, so the date wraps onto two lines at most', async () => {
    signedIn('enum.hanoi', 'enumerator');
    server();
    render(MyTasksPage);
    const due = within(await screen.findByTestId(`task-row-${NAMED.id}`)).getByTestId('due');
    expect(due).toHaveAttribute('datetime', NAMED.dueAt);
    expect([...due.querySelectorAll('.nowrap')].map((s) => s.textContent)).toEqual(['10 thg 12, 2026', '17:00']);
  });

  it('reads in English', async () => {
    signedIn('enum.hanoi', 'enumerator', ['01'], 'en');
    server();
    render(MyTasksPage);
    const row = await screen.findByTestId(`task-row-${NAMED.id}`);
    expect(within(row).getByRole('link', { name: 'Hộ Trần Văn Hùng' })).toBeInTheDocument();
    expect(within(row).getAllByRole('cell').map((c) => c.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['Rejected Overdue', '10 Dec 2026 17:00', 'Xã Hà Nội 1 01001']);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Unit', 'Status', 'Due', 'Area']);
  });
});
