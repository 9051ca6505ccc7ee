import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import type { RateItem, ReportingRates } from '../lib/reporting';
import { replace } from '../lib/router.svelte';
import type { Survey } from '../lib/types';
import { fakeApi, signedIn, type Call } from '../test/fake-api';
import { LFS, cycle } from '../test/fixtures';

/** A periodic report, listed after the labour force survey: the page still opens on it. */
const RPT: Survey = { ...LFS, id: 'RPT', definition: { ...LFS.definition, code: 'RPT', kind: 'reporting', title: { vi: 'Báo cáo tháng', en: 'Monthly report' } } };

const item = (areaCode: string, areaName: string, period: string, expected: number, received: number, more: Partial<RateItem> = {}): RateItem => ({
  areaCode,
  areaName,
  period,
  expected,
  received,
  onTime: received,
  late: 0,
  approved: 0,
  rate: expected > 0 ? received / expected : null,
  onTimeRate: expected > 0 ? received / expected : null,
  ...more,
});

const PROVINCES: ReportingRates = {
  survey: 'RPT',
  level: 'province',
  parent: null,
  periods: ['2026-01', '2026-02'],
  items: [
    item('01', 'Thành phố Hà Nội', '2026-01', 20, 17, { onTime: 15, late: 2, approved: 10 }),
    item('01', 'Thành phố Hà Nội', '2026-02', 20, 5),
    // Nothing was expected of Hồ Chí Minh City in February: no row.
    item('79', 'Thành phố Hồ Chí Minh', '2026-01', 10, 10),
  ],
};

const COMMUNES: ReportingRates = {
  survey: 'RPT',
  level: 'commune',
  parent: '01',
  periods: ['2026-01', '2026-02'],
  items: [item('01001', 'Phường Hoàn Kiếm', '2026-01', 8, 6), item('01001', 'Phường Hoàn Kiếm', '2026-02', 8, 2)],
};

const CSV = 'areaCode,areaName,period,expected,received,onTime,late,approved,rate,onTimeRate\n01,Thành phố Hà Nội,2026-01,20,17,15,2,10,0.85,0.75\n';

function reportingServer(provinces: () => ReportingRates = () => PROVINCES) {
  const rates = (call: Call) => ({ body: call.query.get('level') === 'commune' ? COMMUNES : { ...provinces(), survey: call.path.split('/')[3] } });
  return fakeApi({
    'GET /api/surveys': { body: { items: [LFS, RPT], nextCursor: null } },
    'GET /api/surveys/RPT/reporting-rates': rates,
    'GET /api/surveys/LFS/reporting-rates': rates,
    'GET /api/surveys/RPT/reporting-rates.csv': () =>
      new Response(CSV, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="RPT-reporting-rates.csv"' } }),
    'GET /api/areas/01': { body: { code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN', ancestry: [] } },
  });
}

const rateCalls = (server: ReturnType<typeof reportingServer>, survey = 'RPT') => server.to('GET', `/api/surveys/${survey}/reporting-rates`);
const lastQuery = (server: ReturnType<typeof reportingServer>, survey = 'RPT') => Object.fromEntries(rateCalls(server, survey).at(-1)?.query ?? []);
const row = (code: string) => screen.getAllByRole('row').find((r) => r.getAttribute('data-area') === code)!;

beforeEach(() => {
  signedIn('manager', 'manager', ['VN']);
  replace('/reporting');
});

afterEach(() => vi.restoreAllMocks());

describe('the reporting-rate matrix', () => {
  it('opens on the periodic report and shows each area × period as a rate with its counts, coloured by band, and totals', async () => {
    const server = reportingServer();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Tỷ lệ báo cáo' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).getByRole('link', { name: 'Tỷ lệ báo cáo' })).toHaveAttribute('aria-current', 'page');

    const table = await screen.findByRole('table', { name: /^Tỷ lệ báo cáo của Báo cáo tháng theo tỉnh/ });
    expect(location.hash).toBe('#/reporting?survey=RPT');
    expect(lastQuery(server)).toEqual({ level: 'province' });
    expect(rateCalls(server, 'LFS')).toHaveLength(0);
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Địa bàn', '2026-01', '2026-02']);
    expect(within(row('01')).getByRole('rowheader')).toHaveTextContent(/^Thành phố Hà Nội\s*01$/);

    const [january, february] = within(row('01')).getAllByRole('cell');
    expect(january).toHaveTextContent(/^85%\s*17\/20/);
    expect(january).toHaveAttribute('title', 'Đã nhận 17 trên 20 đơn vị phải báo cáo; đúng hạn 15, muộn 2, đã duyệt 10.');
    expect(january).toHaveTextContent('Đã nhận 17 trên 20 đơn vị phải báo cáo; đúng hạn 15, muộn 2, đã duyệt 10.');
    expect(january).toHaveClass('step-high');
    expect(february).toHaveTextContent(/^25%\s*5\/20/);
    expect(february).toHaveClass('step-low');
    const [full, none] = within(row('79')).getAllByRole('cell');
    expect(full).toHaveTextContent(/^100%\s*10\/10/);
    expect(full).toHaveClass('step-full');
    expect(none).toHaveTextContent(/^—\s*Không có đơn vị nào phải báo cáo\.$/);

    const totals = within(screen.getByTestId('rate-total'));
    expect(totals.getByRole('rowheader')).toHaveTextContent('Tổng');
    expect(totals.getAllByRole('cell').map((c) => c.querySelector('.pct')?.textContent)).toEqual(['90%', '25%']);
    expect(totals.getAllByRole('cell')[0]).toHaveTextContent('27/30');
  });

  it('drills down into a province’s communes, keeping it in the address, and back', async () => {
    const server = reportingServer();
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('heading', { level: 1 });
    await user.click(await screen.findByRole('link', { name: 'Thành phố Hà Nội' }));
    const heading = await screen.findByRole('heading', { level: 2, name: 'Các xã, phường của Thành phố Hà Nội' });
    expect(location.hash).toBe('#/reporting?survey=RPT&province=01');
    expect(lastQuery(server)).toEqual({ level: 'commune', parent: '01' });
    expect(await screen.findByRole('table', { name: /theo xã, phường của Thành phố Hà Nội/ })).toBeInTheDocument();
    expect(within(row('01001')).getByRole('rowheader')).toHaveTextContent(/^Phường Hoàn Kiếm\s*01001$/);
    expect(within(row('01001')).queryByRole('link')).not.toBeInTheDocument();
    expect(within(row('01001')).getAllByRole('cell')[0]).toHaveTextContent(/^75%\s*6\/8/);
    await expect.poll(() => document.activeElement).toBe(heading);
    // Named from the rows already shown: no need to ask.
    expect(server.to('GET', '/api/areas/01')).toHaveLength(0);

    await user.click(screen.getByRole('link', { name: '← Về các tỉnh, thành phố' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Theo tỉnh, thành phố' })).toBeInTheDocument();
    expect(location.hash).toBe('#/reporting?survey=RPT');
    expect(lastQuery(server)).toEqual({ level: 'province' });
  });

  it('opens a province named in the address, asking for its name', async () => {
    replace('/reporting?survey=RPT&province=01');
    const server = reportingServer();
    render(App);
    await screen.findByRole('heading', { level: 1 });
    expect(await screen.findByRole('heading', { level: 2, name: 'Các xã, phường của Thành phố Hà Nội' })).toBeInTheDocument();
    expect(server.to('GET', '/api/areas/01')).toHaveLength(1);
    expect(lastQuery(server)).toEqual({ level: 'commune', parent: '01' });
  });

  it('asks for another survey when picked, and for the periods typed, refusing one the server would', async () => {
    const server = reportingServer();
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('heading', { level: 1 });
    const picker = await screen.findByRole('combobox', { name: 'Cuộc điều tra' });
    await screen.findByRole('option', { name: 'Điều tra lao động việc làm (LFS)' });
    expect(picker).toHaveValue('RPT');
    await user.selectOptions(picker, 'LFS');
    await vi.waitFor(() => expect(rateCalls(server, 'LFS')).toHaveLength(1));
    expect(location.hash).toBe('#/reporting?survey=LFS');
    expect(await screen.findByRole('table', { name: /^Tỷ lệ báo cáo của Điều tra lao động việc làm/ })).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Từ kỳ' }), 'x');
    await user.click(screen.getByRole('button', { name: 'Xem' }));
    expect(screen.getByRole('textbox', { name: 'Từ kỳ' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Kỳ gồm 3 đến 30 chữ, số, “-” hoặc “_”, ví dụ 2026-11.')).toBeInTheDocument();
    expect(rateCalls(server, 'LFS')).toHaveLength(1);

    await user.clear(screen.getByRole('textbox', { name: 'Từ kỳ' }));
    await user.type(screen.getByRole('textbox', { name: 'Từ kỳ' }), '2026-02');
    await user.type(screen.getByRole('textbox', { name: 'Đến kỳ' }), '2026-03{Enter}');
    await vi.waitFor(() => expect(lastQuery(server, 'LFS')).toEqual({ level: 'province', from: '2026-02', to: '2026-03' }));
    expect(location.hash).toBe('#/reporting?survey=LFS&from=2026-02&to=2026-03');
  });

  it('downloads the same rows as CSV with the bearer token, as a file', async () => {
    replace('/reporting?survey=RPT&from=2026-01&province=01');
    const server = reportingServer();
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:rates');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('heading', { level: 1 });
    await user.click(await screen.findByRole('button', { name: 'Tải về dạng CSV' }));
    expect(await screen.findByText('Đã tải tệp RPT-reporting-rates.csv.')).toBeInTheDocument();
    const call = server.to('GET', '/api/surveys/RPT/reporting-rates.csv')[0];
    expect(Object.fromEntries(call?.query ?? [])).toEqual({ from: '2026-01', level: 'commune', parent: '01' });
    expect(call?.headers.authorization).toBe('Bearer token-manager');
    expect(await createObjectURL.mock.calls[0]![0].text()).toBe(CSV);
    expect((clicked.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe('RPT-reporting-rates.csv');
  });

  it('reloads when a cycle of the survey changes, not another survey’s', async () => {
    let rates = PROVINCES;
    const server = reportingServer(() => rates);
    render(App);
    await screen.findByRole('heading', { level: 1 });
    await screen.findByRole('table');
    await vi.waitFor(() => expect(screen.getByTestId('live-indicator')).toBeInTheDocument());
    expect(server.to('GET', '/api/live')[0]?.query.get('cycleId')).toBeNull();
    const before = rateCalls(server).length;

    rates = { ...PROVINCES, items: PROVINCES.items.map((i) => (i.areaCode === '01' && i.period === '2026-02' ? item('01', i.areaName, i.period, 20, 12) : i)) };
    server.push(cycle({ id: 'LFS-2026-02-aaaaaa', survey: 'LFS' }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(rateCalls(server)).toHaveLength(before);

    server.push(cycle({ id: 'RPT-2026-02', survey: 'RPT', period: '2026-02' }));
    await vi.waitFor(() => expect(within(row('01')).getAllByRole('cell')[1]).toHaveTextContent(/^60%\s*12\/20/));
    expect(rateCalls(server)).toHaveLength(before + 1);
  });

  it('speaks English', async () => {
    signedIn('auditor', 'auditor', [], 'en');
    reportingServer();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Reporting rates' })).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Main navigation' })).getByRole('link', { name: 'Reporting rates' })).toHaveAttribute('aria-current', 'page');
    const table = await screen.findByRole('table', { name: 'Reporting rates of Monthly report by province (rows) and period (columns). Choose a province to see its communes.' });
    expect(within(table).getAllByRole('columnheader')[0]).toHaveTextContent('Area');
    expect(within(row('01')).getAllByRole('cell')[0]).toHaveAttribute('title', 'Received 17 of 20 expected; on time 15, late 2, approved 10.');
    expect(within(row('79')).getAllByRole('cell')[1]).toHaveTextContent('Nothing expected.');
    expect(within(screen.getByTestId('rate-total')).getByRole('rowheader')).toHaveTextContent('Total');
    expect(screen.getByRole('combobox', { name: 'Survey' })).toHaveTextContent('Monthly report (RPT)');
    expect(screen.getByRole('button', { name: 'Download as CSV' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'By province' })).toBeInTheDocument();
  });
});
