import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import { fakeApi, signedIn, type Reply } from '../test/fake-api';

const CSV = ['id,type,areaCode,name,enumerator', 'HH1,household,01001,Hộ 1,', 'HH2,household,99999,Hộ 2,', 'HH3,household,01001,Hộ 3,enum.nobody', 'HH1,household,01001,Hộ 1 lần nữa,'].join('\n');

const RESULT = {
  imported: 1,
  rejected: [
    { line: 3, errors: [{ path: 'areaCode', message: 'no area 99999', code: 'unknown_area' }] },
    { line: 4, errors: [{ path: 'enumerator', message: 'no enumerator enum.nobody', code: 'unknown_enumerator', params: { enumerator: 'enum.nobody' } }] },
    { line: 5, errors: [{ path: 'id', message: 'unit HH1 appears twice in this import', code: 'duplicate_unit', params: { id: 'HH1' } }] },
  ],
};

beforeEach(() => {
  signedIn('manager', 'manager', ['VN']);
  replace('/frame/import');
});

describe('the frame import', () => {
  it('uploads the CSV as text/csv with a progress bar, then lists the rejected lines with their reasons', async () => {
    let answer: (reply: Reply) => void = () => {};
    const server = fakeApi({ 'POST /api/units/import': () => new Promise<Reply>((resolve) => (answer = resolve)) });
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    await user.upload(screen.getByLabelText('Tệp dàn mẫu (CSV hoặc JSON)'), new File([CSV], 'khung.csv', { type: 'text/csv' }));
    expect(screen.getByTestId('frame-file')).toHaveTextContent('Đã chọn khung.csv');
    await user.click(screen.getByRole('button', { name: 'Nhập dàn mẫu' }));

    // Half the body is sent while the server has not answered yet.
    const bar = await screen.findByRole('progressbar', { name: 'Đang tải lên' });
    await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByRole('button', { name: 'Nhập dàn mẫu' })).toBeDisabled();
    const call = server.to('POST', '/api/units/import')[0];
    expect(call?.headers['content-type']).toBe('text/csv');
    expect(call?.headers.authorization).toBe('Bearer token-manager');
    expect(call?.body).toBe(CSV);

    answer({ body: RESULT });
    expect(await screen.findByTestId('frame-result')).toHaveTextContent('Đã nhập 1 đơn vị; 3 dòng bị từ chối.');
    const table = screen.getByRole('table', { name: 'Số dòng trong tệp và lý do bị từ chối' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => [within(r).getByRole('rowheader').textContent, within(r).getByRole('cell').textContent?.trim()])).toEqual([
      ['3', 'areaCode: không phải là mã địa bàn đã có'],
      ['4', 'enumerator: không phải là điều tra viên: enum.nobody'],
      ['5', 'id: đơn vị HH1 xuất hiện hai lần trong lần nhập này'],
    ]);
    expect(screen.queryByRole('progressbar', { name: 'Đang tải lên' })).not.toBeInTheDocument();
  });

  it('shows the server’s refusal of a file without the needed columns', async () => {
    fakeApi({
      'POST /api/units/import': {
        status: 400,
        body: { type: 'about:blank', title: 'Bad request', status: 400, detail: 'the CSV header lacks areaCode', code: 'frame.header_missing', params: { columns: 'areaCode' }, errors: [{ path: 'body.header', message: 'needs the columns id,type,areaCode,name,enumerator', code: 'needs_columns', params: { columns: 'id,type,areaCode,name' } }] },
      },
    });
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('textbox', { name: 'Hoặc dán nội dung CSV' }));
    await user.paste('id,type,name\nHH1,household,Hộ 1');
    await user.click(screen.getByRole('button', { name: 'Nhập dàn mẫu' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Dòng tiêu đề CSV thiếu cột areaCode. (header cần các cột id,type,areaCode,name)');
    expect(screen.queryByTestId('rejected-lines')).not.toBeInTheDocument();
  });

  it('asks for a file before sending anything', async () => {
    const server = fakeApi({});
    const user = userEvent.setup();
    render(App);
    // The page is loaded when first opened (lib/pages.ts).
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('button', { name: 'Nhập dàn mẫu' }));
    expect(screen.getByLabelText('Tệp dàn mẫu (CSV hoặc JSON)')).toHaveAttribute('aria-invalid', 'true');
    expect(server.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });
});
