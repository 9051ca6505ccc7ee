import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import type { Results } from '../lib/results';
import { replace } from '../lib/router.svelte';
import { fakeApi, signedIn } from '../test/fake-api';
import { CYCLE_ID, LFS, cycle } from '../test/fixtures';

const RESULTS: Results = {
  cycleId: CYCLE_ID,
  version: 2,
  publishedAt: '2026-12-11T02:00:00.000Z',
  tables: [
    {
      id: 'employed',
      aggregate: 'sum',
      field: 'employed',
      by: 'province',
      rows: [
        { areaCode: '01', areaName: 'Thành phố Hà Nội', value: 1234, suppressed: false },
        { areaCode: '79', areaName: 'Thành phố Hồ Chí Minh', value: null, suppressed: true },
      ],
    },
    { id: 'households', aggregate: 'count', field: null, by: 'province', rows: [{ areaCode: '01', areaName: 'Thành phố Hà Nội', value: 410, suppressed: false }] },
  ],
};

const CSV = 'table,aggregate,field,of,by,crossBy,areaCode,areaName,category,value,suppressed\nemployed,sum,employed,,province,,01,Thành phố Hà Nội,,1234,false\n';

function resultsServer() {
  return fakeApi({
    [`GET /api/cycles/${CYCLE_ID}/results`]: (call) =>
      call.query.get('format') === 'csv'
        ? new Response(CSV, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${CYCLE_ID}-v2.csv"` } })
        : { body: RESULTS },
    [`GET /api/cycles/${CYCLE_ID}`]: { body: cycle({ status: 'published', resultVersion: 2 }) },
    'GET /api/surveys/LFS': { body: { ...LFS, definition: { ...LFS.definition, minCellSize: 3 } } },
  });
}

beforeEach(() => {
  signedIn('manager', 'manager', ['VN']);
  replace(`/cycles/${CYCLE_ID}/results`);
});

afterEach(() => vi.restoreAllMocks());

describe('published results', () => {
  it('marks a suppressed cell with words and a symbol, and leaves its value out', async () => {
    resultsServer();
    render(App);
    const table = await screen.findByRole('table', { name: /Tổng Số người có việc làm theo cấp tỉnh/ });
    const hcm = within(table).getByRole('row', { name: /Thành phố Hồ Chí Minh/ });
    const cell = within(hcm).getAllByRole('cell').at(-1)!;
    expect(cell).toHaveTextContent('✕ Ẩn (bị ẩn vì có quá ít đơn vị)');
    expect(cell).toHaveAttribute('data-suppressed', 'true');
    expect(within(table).getByRole('row', { name: /Thành phố Hà Nội/ })).toHaveTextContent('1.234');
    expect(await screen.findByText(/ô có ít hơn 3 đơn vị không được công bố/)).toBeInTheDocument();
  });

  it('draws each table as an accessible chart that names the suppressed cells', async () => {
    resultsServer();
    render(App);
    const chart = await screen.findByRole('img', { name: /Tổng Số người có việc làm theo cấp tỉnh/ });
    expect(chart).toHaveAccessibleName(/2 địa bàn, 1 ô bị ẩn\. Lớn nhất: Thành phố Hà Nội \(1\.234\)\./);
    expect(within(chart).getByText('Ẩn')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Số đơn vị theo cấp tỉnh/ })).toBeInTheDocument();
  });

  it('heads each table with what it counts, in labels, and keeps its id as secondary text', async () => {
    resultsServer();
    render(App);
    const heading = await screen.findByRole('heading', { level: 2, name: 'Tổng Số người có việc làm theo cấp tỉnh' });
    expect(screen.getByRole('heading', { level: 2, name: 'Số đơn vị theo cấp tỉnh' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /households|employed/ })).not.toBeInTheDocument();
    expect(heading.nextElementSibling).toHaveTextContent('Mã bảng: employed');
  });

  it('heads them in English too', async () => {
    signedIn('manager', 'manager', ['VN'], 'en');
    resultsServer();
    render(App);
    expect(await screen.findByRole('heading', { level: 2, name: 'Sum of Employed members by province level' })).toBeInTheDocument();
    expect(screen.getByTestId('result-id-households')).toHaveTextContent('Table id: households');
  });

  it('downloads the CSV with the bearer token, as a file', async () => {
    const server = resultsServer();
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:results');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Tải về dạng CSV' }));
    expect(await screen.findByText(`Đã tải tệp ${CYCLE_ID}-v2.csv.`)).toBeInTheDocument();
    const call = server.to('GET', `/api/cycles/${CYCLE_ID}/results`).find((c) => c.query.get('format') === 'csv');
    expect(call?.headers.authorization).toBe('Bearer token-manager');
    expect(await createObjectURL.mock.calls[0]![0].text()).toBe(CSV);
    expect(clicked).toHaveBeenCalledTimes(1);
    expect((clicked.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe(`${CYCLE_ID}-v2.csv`);
  });
});
