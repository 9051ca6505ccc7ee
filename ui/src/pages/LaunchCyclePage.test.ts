import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import { fakeApi, signedIn, type Route } from '../test/fake-api';
import { CYCLE_ID, LFS, cycle } from '../test/fixtures';

const AREAS: Route = (call) =>
  call.query.get('parent') === 'VN'
    ? { body: { items: [{ code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN' }, { code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province', parent: 'VN' }] } }
    : { body: { items: [{ code: '79001', name: 'Phường Sài Gòn', level: 'commune', parent: '79' }, { code: '79002', name: 'Phường Tân Định', level: 'commune', parent: '79' }] } };

function launchServer(routes: Record<string, Route> = {}) {
  return fakeApi({
    'GET /api/surveys': { body: { items: [LFS], nextCursor: null } },
    'GET /api/areas': AREAS,
    'POST /api/cycles': { status: 202, body: { id: CYCLE_ID, status: 'launching' } },
    [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle({ status: 'launching', total: 0 }) },
    ...routes,
  });
}

beforeEach(() => {
  signedIn('manager', 'manager', ['VN']);
  replace('/cycles/new?survey=LFS');
});

describe('launching a cycle', () => {
  it('sends the survey, period, areas picked, deadline in Vietnam’s time and auto-publication, then opens the dashboard', async () => {
    const server = launchServer();
    const user = userEvent.setup();
    render(App);
    await vi.waitFor(() => expect(screen.getByRole('combobox', { name: 'Cuộc điều tra' })).toHaveValue('LFS'));
    await user.type(screen.getByRole('textbox', { name: 'Kỳ' }), '2026-12');
    await user.click(await screen.findByRole('checkbox', { name: /Thành phố Hà Nội/ }));
    await user.click(screen.getByRole('button', { name: 'Chọn xã của Thành phố Hồ Chí Minh' }));
    await user.click(await screen.findByRole('checkbox', { name: /Phường Tân Định/ }));
    const deadline = screen.getByLabelText('Hạn thu thập (giờ Việt Nam)');
    await user.clear(deadline);
    await user.type(deadline, '2030-01-31T17:00');
    await user.click(screen.getByRole('checkbox', { name: 'Tự động công bố kết quả khi thu thập kết thúc' }));
    await user.click(screen.getByRole('button', { name: 'Khởi động' }));
    expect(await screen.findByRole('heading', { level: 1, name: `Kỳ thu thập ${CYCLE_ID}` })).toBeInTheDocument();
    expect(server.to('POST', '/api/cycles')[0]?.body).toEqual({ survey: 'LFS', period: '2026-12', areaCodes: ['01', '79002'], collectionDeadline: '2030-01-31T10:00:00.000Z', autoPublish: true });
  });

  it('checks the form before sending, then shows the server’s problems at their fields', async () => {
    const server = launchServer({
      'POST /api/cycles': {
        status: 400,
        body: { type: 'about:blank', title: 'Bad request', status: 400, detail: 'unknown areas 01', code: 'areas.unknown', params: { codes: '01' }, errors: [{ path: 'body.areaCodes', message: 'unknown area codes: 01', code: 'unknown_areas', params: { codes: '01' } }] },
      },
    });
    const user = userEvent.setup();
    render(App);
    await vi.waitFor(() => expect(screen.getByRole('combobox', { name: 'Cuộc điều tra' })).toHaveValue('LFS'));
    await user.click(screen.getByRole('button', { name: 'Khởi động' }));
    const period = screen.getByRole('textbox', { name: 'Kỳ' });
    expect(period).toHaveAttribute('aria-invalid', 'true');
    expect(document.activeElement).toBe(period);
    expect(screen.getByRole('group', { name: 'Địa bàn thu thập' })).toHaveTextContent('Vui lòng chọn ít nhất một địa bàn');
    expect(server.to('POST', '/api/cycles')).toHaveLength(0);

    await user.type(period, '2026-12');
    await user.click(await screen.findByRole('checkbox', { name: /Thành phố Hà Nội/ }));
    await user.click(screen.getByRole('button', { name: 'Khởi động' }));
    const areas = screen.getByRole('group', { name: 'Địa bàn thu thập' });
    await vi.waitFor(() => expect(within(areas).getByText('có mã địa bàn không tồn tại: 01')).toBeInTheDocument());
    expect(period).toHaveAttribute('aria-invalid', 'false');
  });

  it('shows a conflict with a cycle already running for the period', async () => {
    launchServer({ 'POST /api/cycles': { status: 409, body: { type: 'about:blank', title: 'Conflict', status: 409, detail: `cycle ${CYCLE_ID} already runs LFS for 2026-11`, code: 'cycle.exists', params: { id: CYCLE_ID, survey: 'LFS', period: '2026-11' } } } });
    const user = userEvent.setup();
    render(App);
    await vi.waitFor(() => expect(screen.getByRole('combobox', { name: 'Cuộc điều tra' })).toHaveValue('LFS'));
    await user.type(screen.getByRole('textbox', { name: 'Kỳ' }), '2026-11');
    await user.click(screen.getByRole('radio', { name: 'Cả nước' }));
    await user.click(screen.getByRole('button', { name: 'Khởi động' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`Kỳ thu thập ${CYCLE_ID} đã chạy LFS cho kỳ 2026-11.`);
  });
});
