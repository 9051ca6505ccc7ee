import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { replace } from '../lib/router.svelte';
import { fakeApi, signedIn, type Route } from '../test/fake-api';

const CSV = 'unitId,name,areaCode,code,expiresAt\r\nDN0100001,Công ty TNHH Minh An,01001,7KQ2-M9XD-4TRV,2027-01-05T02:00:00.000Z\r\n';

function codesServer(codes: Route) {
  return fakeApi({
    'GET /api/frame/units': { body: { items: [], nextCursor: null } },
    'GET /api/frame/types': { body: { items: [{ type: 'household', units: 3 }, { type: 'enterprise', units: 1200 }] } },
    'GET /api/areas': { body: { items: [{ code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: 'VN' }] } },
    'POST /api/units/enrolment-codes': codes,
  });
}

const csvReply: Route = () => new Response(CSV, { status: 201, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="enrolment-codes-1a2b3c4d.csv"' } });

/** The browser's download, watched: the Blob handed over and the name the file is saved under. */
function watchDownloads() {
  const createObjectURL = vi.fn((_blob: Blob) => 'blob:codes');
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
  const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  return { createObjectURL, savedAs: () => (clicked.mock.instances[0] as unknown as HTMLAnchorElement | undefined)?.download };
}

async function openForm() {
  const user = userEvent.setup();
  render(App);
  const form = within(await screen.findByRole('region', { name: 'Mã đăng ký cho thư gửi đơn vị' }));
  // The frame's unit types are offered once loaded.
  await form.findByRole('combobox', { name: 'Loại đơn vị nhận mã' });
  return { user, form, submit: () => user.click(form.getByRole('button', { name: 'Cấp mã và tải tệp CSV' })) };
}

beforeEach(() => {
  signedIn('manager', 'manager', ['VN']);
  replace('/frame');
});

afterEach(() => vi.restoreAllMocks());

describe('enrolment codes for letters, on the frame page', () => {
  it('says the codes are shown only once, asks for every unit of a type in some areas, and saves the CSV', async () => {
    const server = codesServer(csvReply);
    const downloads = watchDownloads();
    const { user, form, submit } = await openForm();
    expect(form.getByText(/Mã chỉ hiện một lần, trong tệp tải về lúc này; mã mới cấp cho một đơn vị thay mã cũ chưa dùng của đơn vị đó\./)).toBeInTheDocument();
    expect(form.getByRole('spinbutton', { name: 'Hiệu lực (số ngày)' })).toHaveValue(90);

    await user.selectOptions(form.getByRole('combobox', { name: 'Loại đơn vị nhận mã' }), 'enterprise');
    await user.type(form.getByRole('textbox', { name: 'Mã địa bàn' }), '01, 79 01');
    const days = form.getByRole('spinbutton', { name: 'Hiệu lực (số ngày)' });
    await user.clear(days);
    await user.type(days, '30');
    await submit();

    expect(await form.findByTestId('codes-downloaded')).toHaveTextContent('Đã tải tệp enrolment-codes-1a2b3c4d.csv. Hãy in mã vào thư: không xem lại được các mã này.');
    const [call] = server.to('POST', '/api/units/enrolment-codes');
    expect(call?.body).toEqual({ unitType: 'enterprise', areaCodes: ['01', '79'], expiresInDays: 30 });
    expect(call?.headers.authorization).toBe('Bearer token-manager');
    expect(call?.headers.accept).toBe('text/csv');
    expect(await downloads.createObjectURL.mock.calls[0]![0].text()).toBe(CSV);
    expect(downloads.savedAs()).toBe('enrolment-codes-1a2b3c4d.csv');
  });

  it('asks for units by id, for 90 days unless told otherwise', async () => {
    const server = codesServer(csvReply);
    watchDownloads();
    const { user, form, submit } = await openForm();
    await user.click(form.getByRole('radio', { name: 'Theo mã đơn vị' }));
    expect(form.queryByRole('textbox', { name: 'Mã địa bàn' })).not.toBeInTheDocument();
    await user.type(form.getByRole('textbox', { name: 'Mã đơn vị' }), 'DN0100001\nDN0100002, DN0100003');
    await submit();
    await form.findByTestId('codes-downloaded');
    expect(server.to('POST', '/api/units/enrolment-codes')[0]?.body).toEqual({ unitIds: ['DN0100001', 'DN0100002', 'DN0100003'], expiresInDays: 90 });
  });

  it('sends nothing without a type and areas, and shows the server’s unknown units at the ids field', async () => {
    const server = codesServer({
      status: 400,
      body: { type: 't', title: 'Bad request', status: 400, detail: 'unknown units', code: 'enrolment.units_invalid', params: {}, errors: [{ path: 'body.unitIds', message: 'unknown units: DN9', code: 'unknown_units', params: { ids: 'DN9' } }] },
    });
    const downloads = watchDownloads();
    const { user, form, submit } = await openForm();
    await submit();
    expect(form.getByRole('combobox', { name: 'Loại đơn vị nhận mã' })).toHaveAccessibleDescription('Vui lòng chọn loại đơn vị.');
    expect(form.getByRole('textbox', { name: 'Mã địa bàn' })).toHaveAccessibleDescription(/Vui lòng nhập ít nhất một mã địa bàn\.$/);
    expect(server.to('POST', '/api/units/enrolment-codes')).toHaveLength(0);

    await user.click(form.getByRole('radio', { name: 'Theo mã đơn vị' }));
    const ids = form.getByRole('textbox', { name: 'Mã đơn vị' });
    await user.type(ids, 'DN9');
    await submit();
    await vi.waitFor(() => expect(ids).toHaveAccessibleDescription(/có đơn vị không tồn tại: DN9$/));
    expect(ids).toHaveFocus();
    expect(downloads.createObjectURL).not.toHaveBeenCalled();
    expect(form.queryByTestId('codes-downloaded')).not.toBeInTheDocument();
  });

  it('takes the type and area of the frame’s filters', async () => {
    replace('/frame?type=enterprise&province=01');
    codesServer(csvReply);
    const { form } = await openForm();
    expect(form.getByRole('combobox', { name: 'Loại đơn vị nhận mã' })).toHaveValue('enterprise');
    expect(form.getByRole('textbox', { name: 'Mã địa bàn' })).toHaveValue('01');
  });
});
