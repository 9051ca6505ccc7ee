import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import type { ReplayReport, Reproduction } from '../lib/audit';
import { replace } from '../lib/router.svelte';
import { fakeApi, signedIn, type Route } from '../test/fake-api';
import { CYCLE_ID, cycle } from '../test/fixtures';

const REPLAY: ReplayReport = {
  position: 1234,
  identical: false,
  models: [
    { name: 'cycles', rows: 3, differenceCount: 0, differences: [] },
    {
      name: 'tasks',
      rows: 40,
      differenceCount: 1,
      differences: [{ table: 'tasks', key: { id: `${CYCLE_ID}.HH0100101` }, live: { id: `${CYCLE_ID}.HH0100101`, status: 'approved' }, rebuilt: { id: `${CYCLE_ID}.HH0100101`, status: 'in_review' } }],
    },
  ],
};

const REPRODUCTION: Reproduction = {
  cycleId: CYCLE_ID,
  version: 1,
  publishedAt: '2026-12-11T02:00:00.000Z',
  identical: false,
  approved: { published: 12, reproduced: 11 },
  tables: [
    { id: 'households', cells: 2, differences: [{ areaCode: '01', published: { value: 7, suppressed: false, units: 7 }, reproduced: { value: 6, suppressed: false, units: 6 } }] },
    { id: 'employed', cells: 2, differences: [] },
  ],
  disclosure: { policy: 4, cells: [] },
};

function integrityServer(routes: Record<string, Route> = {}) {
  return fakeApi({
    'GET /api/cycles': { body: { items: [cycle({ status: 'published', resultVersion: 1 }), cycle({ id: 'LFS-2026-10-ffffff', status: 'collecting' })], nextCursor: null } },
    'POST /api/audit/replay': { body: REPLAY },
    [`GET /api/cycles/${CYCLE_ID}/results/reproduce`]: { body: REPRODUCTION },
    'GET /api/audit/verify': { body: { valid: true, events: 250, streams: 31, seals: 4, problems: [] } },
    ...routes,
  });
}

beforeEach(() => {
  signedIn('auditor', 'auditor', ['VN']);
  replace('/integrity');
});

describe('the auditor’s integrity checks', () => {
  it('replays the read models and shows the rows that differ, live beside rebuilt', async () => {
    integrityServer();
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('button', { name: 'Dựng lại và so sánh' }));
    const report = await screen.findByTestId('replay-report');
    expect(within(report).getByTestId('integrity-badge')).toHaveTextContent('✗ Bị sửa đổi');
    expect(report).toHaveTextContent('Khác bảng đang dùng (đến vị trí 1.234)');
    expect(within(report).getByTestId('replay-model-tasks')).toHaveTextContent('tasks401');
    const differences = within(report).getByRole('region', { name: 'Các dòng khác của tasks (1 / 1)' });
    const row = within(differences).getAllByRole('row')[1]!;
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      `{"id":"${CYCLE_ID}.HH0100101"}`,
      `{"id":"${CYCLE_ID}.HH0100101","status":"approved"}`,
      `{"id":"${CYCLE_ID}.HH0100101","status":"in_review"}`,
    ]);
    expect(within(report).queryByRole('region', { name: /Các dòng khác của cycles/ })).not.toBeInTheDocument();
  });

  it('reproduces a published cycle and shows the cells that differ', async () => {
    const server = integrityServer();
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    const select = await screen.findByRole('combobox', { name: 'Kỳ thu thập' });
    expect(within(select).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual([CYCLE_ID]);
    await user.click(screen.getByRole('button', { name: 'Tái lập và so sánh' }));
    const report = await screen.findByTestId('reproduce-report');
    expect(report).toHaveTextContent('Không khớp với phiên bản 1 đã công bố');
    expect(report).toHaveTextContent('Bảng households: 2 ô, 1 ô khác');
    const row = within(within(report).getByRole('region', { name: 'Các ô khác của bảng households' })).getAllByRole('row')[1]!;
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['7 (7 đơn vị)', '6 (6 đơn vị)']);
    expect(server.to('GET', `/api/cycles/${CYCLE_ID}/results/reproduce`)).toHaveLength(1);
  });

  it('says so plainly when replay and reproduction are identical', async () => {
    integrityServer({
      'POST /api/audit/replay': { body: { ...REPLAY, identical: true, models: REPLAY.models.map((m) => ({ ...m, differenceCount: 0, differences: [] })) } },
      [`GET /api/cycles/${CYCLE_ID}/results/reproduce`]: { body: { ...REPRODUCTION, identical: true, approved: { published: 12, reproduced: 12 }, tables: REPRODUCTION.tables.map((t) => ({ ...t, differences: [] })) } },
    });
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('button', { name: 'Dựng lại và so sánh' }));
    expect(await screen.findByTestId('replay-report')).toHaveTextContent('✓ Toàn vẹn Giống hệt bảng đang dùng');
    await user.click(await screen.findByRole('button', { name: 'Tái lập và so sánh' }));
    expect(await screen.findByTestId('reproduce-report')).toHaveTextContent('Khớp hoàn toàn với phiên bản 1 đã công bố.');
  });

  it('verifies the whole log and lists the streams found altered', async () => {
    integrityServer({
      'GET /api/audit/verify': { body: { valid: false, events: 250, streams: 31, seals: 4, problems: [{ stream: `task-${CYCLE_ID}.HH0100101`, revision: 3, reason: 'hash does not match' }] } },
    });
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('button', { name: 'Kiểm tra toàn bộ nhật ký' }));
    const table = await screen.findByRole('table', { name: 'Các chỗ sai' });
    expect(within(table).getByRole('link', { name: `task-${CYCLE_ID}.HH0100101` })).toBeInTheDocument();
    expect(screen.getByTestId('log-verify')).toHaveTextContent('✗ Bị sửa đổi 250 sự kiện trong 31 luồng, 4 dấu niêm phong.');
  });

  it('leaves replay and reproduction to auditors: a manager only verifies', async () => {
    signedIn('manager', 'manager', ['VN']);
    const server = integrityServer();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    expect(await screen.findByRole('button', { name: 'Kiểm tra toàn bộ nhật ký' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Dựng lại và so sánh' })).not.toBeInTheDocument();
    expect(server.to('GET', '/api/cycles')).toHaveLength(0);
  });
});
