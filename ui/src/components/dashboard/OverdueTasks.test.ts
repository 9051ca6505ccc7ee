import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { reviewHref } from '../../lib/router.svelte';
import { fakeApi, signedIn } from '../../test/fake-api';
import { CYCLE_ID, taskItem } from '../../test/fixtures';
import OverdueTasks from './OverdueTasks.svelte';

const LATE = taskItem('HH7900102', { unitName: 'Hộ Nguyễn Thị Lan', unitAddress: 'Thôn 2, Xã Hồ Chí Minh 1', areaCode: '79001', areaName: 'Xã Hồ Chí Minh 1', enumerator: 'enum.hcm', overdue: true });

function show(locale: 'vi' | 'en') {
  signedIn('manager', 'manager', ['VN'], locale);
  const server = fakeApi({ [`GET /api/cycles/${CYCLE_ID}/tasks`]: { body: { items: [LATE], nextCursor: null } } });
  render(OverdueTasks, { cycleId: CYCLE_ID, overdue: 1, refresh: 0, taskHref: (task) => reviewHref(task.id) });
  return server;
}

describe('the overdue list of a cycle', () => {
  it('names the unit and its area, with the codes secondary, and shows the flag in the second column', async () => {
    const server = show('vi');
    const row = await screen.findByTestId(`task-row-${LATE.id}`);
    expect(server.to('GET', `/api/cycles/${CYCLE_ID}/tasks`)[0]?.query.get('overdue')).toBe('true');
    expect(within(row).getByRole('link', { name: 'Hộ Nguyễn Thị Lan' })).toHaveAttribute('href', reviewHref(LATE.id));
    expect(within(row).getByRole('rowheader')).toHaveTextContent(/^Hộ Nguyễn Thị Lan\s*Thôn 2, Xã Hồ Chí Minh 1\s*HH7900102$/);
    const cells = within(row).getAllByRole('cell');
    expect(within(cells[0]!).getByTestId('overdue-flag')).toHaveTextContent('Quá hạn');
    expect(cells.some((c) => /^Xã Hồ Chí Minh 1\s*79001$/.test(c.textContent?.trim() ?? ''))).toBe(true);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Đơn vị điều tra', 'Trạng thái', 'Cấp đang duyệt', 'Hạn hoàn thành', 'Địa bàn', 'Điều tra viên']);
  });

  it('reads in English', async () => {
    show('en');
    const row = await screen.findByTestId(`task-row-${LATE.id}`);
    expect(within(within(row).getAllByRole('cell')[0]!).getByTestId('overdue-flag')).toHaveTextContent('Overdue');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Unit', 'Status', 'Review level', 'Due', 'Area', 'Enumerator']);
  });
});
