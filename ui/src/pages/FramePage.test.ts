import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import type { FrameUnit } from '../lib/frame';
import { replace, router } from '../lib/router.svelte';
import { fakeApi, signedIn, type Call } from '../test/fake-api';

const unit = (id: string, overrides: Partial<FrameUnit> = {}): FrameUnit => ({
  id,
  type: 'household',
  name: `Hộ ${id}`,
  address: null,
  areaCode: '01001',
  areaName: 'Xã Hà Nội 1',
  enumerator: null,
  attributes: {},
  ...overrides,
});

const FIRST = [
  unit('HH0100101', { name: 'Hộ Trần Văn Hùng', address: 'Thôn 1, Xã Hà Nội 1', enumerator: 'enum.hanoi' }),
  unit('HH0100102', { name: 'Hộ Nguyễn Thị Lan' }),
];
const SECOND = [unit('HH0100201', { name: 'Hộ Phạm Văn Hùng', areaCode: '01002', areaName: 'Xã Hà Nội 2' })];

function frameServer() {
  return fakeApi({
    'GET /api/frame/units': (call: Call) => ({ body: call.query.get('cursor') ? { items: SECOND, nextCursor: null } : { items: FIRST, nextCursor: 'more' } }),
    'GET /api/frame/types': { body: { items: [{ type: 'household', units: 3 }, { type: 'enterprise', units: 1200 }] } },
    'GET /api/areas': (call: Call) => ({
      body: {
        items:
          call.query.get('parent') === 'VN'
            ? [{ code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN' }, { code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province', parent: 'VN' }]
            : [{ code: '01001', name: 'Xã Hà Nội 1', level: 'commune', parent: '01' }, { code: '01002', name: 'Xã Hà Nội 2', level: 'commune', parent: '01' }],
      },
    }),
  });
}

const lastQuery = (server: ReturnType<typeof frameServer>) => Object.fromEntries(server.to('GET', '/api/frame/units').at(-1)?.query ?? []);

beforeEach(() => replace('/frame'));

describe('the frame page', () => {
  it('lists the units by name, with address, area name, type and named enumerator, codes as secondary text', async () => {
    signedIn('manager', 'manager', ['VN']);
    frameServer();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dàn mẫu' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).getByRole('link', { name: 'Dàn mẫu' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Nhập dàn mẫu' })).toHaveAttribute('href', '#/frame/import');

    const table = await screen.findByRole('table', { name: 'Các đơn vị điều tra theo bộ lọc đã chọn' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Đơn vị điều tra', 'Địa bàn', 'Loại', 'Điều tra viên chỉ định']);
    const named = screen.getByTestId('unit-HH0100101');
    expect(within(named).getByRole('rowheader')).toHaveTextContent(/^Hộ Trần Văn Hùng\s*Thôn 1, Xã Hà Nội 1\s*HH0100101$/);
    const cells = within(named).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent(/^Xã Hà Nội 1\s*01001$/);
    expect(cells[1]).toHaveTextContent('household');
    expect(within(cells[2]!).getByRole('link', { name: 'enum.hanoi' })).toHaveAttribute('href', '#/users/enum.hanoi');
    expect(within(screen.getByTestId('unit-HH0100102')).getAllByRole('cell')[2]).toHaveTextContent('Theo địa bàn');
    expect(screen.getByRole('combobox', { name: 'Loại đơn vị' })).toHaveTextContent('enterprise (1.200 đơn vị)');
    expect(screen.getByText('Đang hiển thị 2 đơn vị')).toBeInTheDocument();
  });

  it('filters by type, province, then commune and words, keeping the filters in the address, and pages with "more"', async () => {
    signedIn('manager', 'manager', ['VN']);
    const server = frameServer();
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId('unit-HH0100101');
    await user.click(screen.getByRole('button', { name: 'Tải thêm' }));
    expect(await screen.findByTestId('unit-HH0100201')).toBeInTheDocument();
    expect(lastQuery(server)).toMatchObject({ cursor: 'more', limit: '50' });
    expect(screen.queryByRole('button', { name: 'Tải thêm' })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Loại đơn vị' }), 'household');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Tỉnh, thành phố' }), '01');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Xã, phường' }), '01002');
    await user.type(screen.getByRole('searchbox', { name: 'Tìm theo mã, tên hoặc địa chỉ' }), 'thon 3{Enter}');
    await untilQuery(server, { type: 'household', areaCode: '01002', q: 'thon 3' });
    expect(router.route).toEqual({ name: 'frame', query: { type: 'household', province: '01', commune: '01002', q: 'thon 3' } });

    // Another province drops the commune of the one before.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tỉnh, thành phố' }), '79');
    await untilQuery(server, { type: 'household', areaCode: '79', q: 'thon 3' });

    await user.click(screen.getByRole('button', { name: 'Xóa bộ lọc' }));
    await untilQuery(server, { limit: '50' });
    expect(router.route).toEqual({ name: 'frame', query: {} });
  });

  it('reads in English, and the import page links back to it', async () => {
    signedIn('manager', 'manager', ['VN'], 'en');
    frameServer();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Frame' })).toBeInTheDocument();
    expect(within(await screen.findByTestId('unit-HH0100102')).getAllByRole('cell')[2]).toHaveTextContent('By area');
    expect(screen.getByRole('combobox', { name: 'Unit type' })).toHaveTextContent('enterprise (1,200 units)');
    replace('/frame/import');
    expect(await screen.findByRole('heading', { level: 1, name: 'Frame import' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← See the imported frame' })).toHaveAttribute('href', '#/frame');
  });
});

/** Waits until the list's newest request asks exactly for `query`. */
async function untilQuery(server: ReturnType<typeof frameServer>, query: Record<string, string>) {
  await expect.poll(() => lastQuery(server)).toEqual({ limit: '50', ...query });
}
