import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../i18n/index.svelte';
import { fakeApi, signedIn } from '../../test/fake-api';
import DeviceList from './DeviceList.svelte';

const phone = { deviceId: 'phone-lan-0001', name: 'Điện thoại của Lan', createdAt: '2026-12-01T01:00:00.000Z', lastUsedAt: '2026-12-06T02:00:00.000Z', expiresAt: '2027-02-04T02:00:00.000Z', revokedAt: null, revokedBy: null, active: true };
const tablet = { ...phone, deviceId: 'tablet-old-0001', name: 'Máy tính bảng', revokedAt: '2026-12-03T03:00:00.000Z', revokedBy: 'manager', active: false };

beforeEach(() => {
  signedIn('manager', 'manager');
  setLocale('en');
});

describe('an account’s devices, for a manager', () => {
  it('lists each with its session, and ends an active one’s session', async () => {
    let current = [phone, tablet];
    const server = fakeApi({
      'GET /api/users/enum.hanoi/devices': () => ({ body: { items: current } }),
      'DELETE /api/users/enum.hanoi/devices/phone-lan-0001': () => {
        current = [{ ...phone, revokedAt: '2026-12-07T04:00:00.000Z', revokedBy: 'manager', active: false }, tablet];
        return { body: current[0] };
      },
    });
    render(DeviceList, { username: 'enum.hanoi' });
    const row = await screen.findByTestId('device-phone-lan-0001');
    expect(row).toHaveTextContent('Điện thoại của Lan');
    expect(row).toHaveTextContent('signed in until');
    expect(screen.getByTestId('device-tablet-old-0001')).toHaveTextContent('session ended by manager');
    // Only an active session can be ended.
    expect(screen.getAllByRole('button')).toHaveLength(1);
    await userEvent.setup().click(screen.getByRole('button', { name: 'End the session of Điện thoại của Lan' }));
    expect(await screen.findByTestId('device-notice')).toHaveTextContent('The session of Điện thoại của Lan has ended');
    await vi.waitFor(() => expect(screen.queryAllByRole('button')).toHaveLength(0));
    expect(server.to('DELETE', '/api/users/enum.hanoi/devices/phone-lan-0001')).toHaveLength(1);
  });

  it('says when no device keeps a session', async () => {
    fakeApi({ 'GET /api/users/auditor/devices': { body: { items: [] } } });
    render(DeviceList, { username: 'auditor' });
    expect(await screen.findByTestId('no-devices')).toHaveTextContent('No device keeps a session for this account.');
  });
});
