import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { setLocale } from '../i18n/index.svelte';
import { replace, router } from '../lib/router.svelte';
import { signOut } from '../lib/session.svelte';
import { fakeApi } from '../test/fake-api';

const ID = '4711-AbCdEfGhIjKlMnOpQrStUv';
const VALID = { valid: true, at: '2026-12-07T02:05:00.000Z', survey: 'DN_THANG', period: '2026-11' };

beforeEach(() => {
  signOut();
  setLocale('vi');
});

describe('checking a receipt, without logging in', () => {
  it('says a valid receipt is held unchanged, with its survey, period and time', async () => {
    replace(`/receipts/${ID}`);
    const server = fakeApi({ [`GET /api/receipts/${ID}`]: { body: VALID } });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Kiểm tra biên nhận' })).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByTestId('receipt-result')).toHaveTextContent('Biên nhận hợp lệ: bản trả lời cuộc điều tra DN_THANG, kỳ 2026-11, được nhận lúc 09:05 ngày 7 thg 12, 2026'));
    expect(server.to('GET', `/api/receipts/${ID}`)[0]?.headers.authorization).toBeUndefined();
    // Nobody was sent to the login page.
    expect(router.route.name).toBe('receipt');
  });

  it('says an unknown or altered receipt matches no response, and a malformed one is not a receipt number', async () => {
    replace(`/receipts/${ID}`);
    fakeApi({ [`GET /api/receipts/${ID}`]: { body: { valid: false, at: null, survey: null, period: null } } });
    const first = render(App);
    await vi.waitFor(() => expect(screen.getByTestId('receipt-result')).toHaveTextContent('Không có bản trả lời nào ứng với biên nhận này'));
    first.unmount();
    replace('/receipts/abc');
    fakeApi({ 'GET /api/receipts/abc': { status: 400, body: { type: 't', title: 'Bad request', status: 400, detail: 'params.id', code: 'request_invalid', params: {}, errors: [{ path: 'params.id', message: 'must be a receipt id' }] } } });
    render(App);
    await vi.waitFor(() => expect(screen.getByTestId('receipt-result')).toHaveTextContent('Đây không phải một số biên nhận'));
  });

  it('takes a number typed in, in English too', async () => {
    setLocale('en');
    replace('/receipts');
    const server = fakeApi({ [`GET /api/receipts/${ID}`]: { body: VALID } });
    render(App);
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: 'Receipt number' }), ` ${ID} `);
    await user.click(screen.getByRole('button', { name: 'Check' }));
    await vi.waitFor(() => expect(screen.getByTestId('receipt-result')).toHaveTextContent('Valid receipt: a response to survey DN_THANG, period 2026-11'));
    expect(server.to('GET', `/api/receipts/${ID}`)).toHaveLength(1);
  });
});
