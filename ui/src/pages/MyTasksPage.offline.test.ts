import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepDraft, queueSubmission, reloadDevice } from '../lib/offline/device.svelte';
import { syncCopy } from '../lib/offline/sync';
import { fakeApi, signedIn } from '../test/fake-api';
import { CYCLE_ID, LFS, cycle, taskDetail, taskItem } from '../test/fixtures';
import MyTasksPage from './MyTasksPage.svelte';
import OutboxPage from './OutboxPage.svelte';

const DRAFTED = taskItem('HH0100101', { unitName: 'Hộ Nguyễn Văn An' });
const SUBMITTED = taskItem('HH0100102', { unitName: 'Hộ Lê Thị Bình' });

/** Copies the user's two open tasks to the device, then takes the network away. */
async function copiedThenOffline(user: string) {
  signedIn(user, 'enumerator');
  fakeApi({
    'GET /api/cycles': { body: { items: [cycle()], nextCursor: null } },
    [`GET /api/cycles/${CYCLE_ID}/tasks`]: { body: { items: [DRAFTED, SUBMITTED], nextCursor: null } },
    [`GET /api/tasks/${DRAFTED.id}`]: { body: taskDetail('HH0100101') },
    [`GET /api/tasks/${SUBMITTED.id}`]: { body: taskDetail('HH0100102') },
    'GET /api/surveys/LFS': { body: LFS },
  });
  await syncCopy(user);
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
  return fakeApi({ 'GET /api/cycles': 'network' });
}

afterEach(() => vi.restoreAllMocks());

describe('the enumerator’s task list with no network', () => {
  it('lists the device’s copy, says so, and shows where each task stands on the device', async () => {
    const api = await copiedThenOffline('enum.list');
    await keepDraft({ taskId: DRAFTED.id, data: { members: 2 }, savedAt: new Date().toISOString(), sent: false });
    await queueSubmission(SUBMITTED.id, { members: 3 }, {}, 'key-list');
    await reloadDevice();
    render(MyTasksPage);

    expect(await screen.findByTestId('offline-copy')).toHaveTextContent('Bạn đang ngoại tuyến: đây là bản sao trên thiết bị');
    const drafted = screen.getByTestId(`task-row-${DRAFTED.id}`);
    expect(within(drafted).getByRole('link', { name: 'Hộ Nguyễn Văn An' })).toBeInTheDocument();
    expect(within(drafted).getByTestId(`device-status-${DRAFTED.id}`)).toHaveAttribute('data-device-status', 'draft');
    const submitted = screen.getByTestId(`task-row-${SUBMITTED.id}`);
    expect(within(submitted).getByTestId(`device-status-${SUBMITTED.id}`)).toHaveAttribute('data-device-status', 'waiting');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    // The browser said it was offline: the list was not even asked for.
    expect(api.to('GET', '/api/cycles')).toHaveLength(0);
  });

  it('says the device holds no copy yet for a user who never synced on it', async () => {
    await copiedThenOffline('enum.synced');
    signedIn('enum.fresh', 'enumerator');
    render(MyTasksPage);
    expect(await screen.findByRole('alert')).toHaveTextContent('thiết bị chưa có bản sao nhiệm vụ nào');
    expect(screen.queryByTestId(`task-row-${DRAFTED.id}`)).not.toBeInTheDocument();
  });
});

describe('the outbox page', () => {
  it('lists each submission with its status, and sends what waits when asked', async () => {
    await copiedThenOffline('enum.outbox');
    await queueSubmission(SUBMITTED.id, { members: 3 }, {}, 'key-outbox');
    render(OutboxPage);
    const item = await screen.findByTestId('outbox-item-key-outbox');
    expect(within(item).getByRole('link', { name: 'HH0100102' })).toHaveAttribute('href', `#/tasks/${encodeURIComponent(SUBMITTED.id)}`);
    expect(within(item).getByTestId(`device-status-${SUBMITTED.id}`)).toHaveAttribute('data-device-status', 'waiting');

    const api = fakeApi({ [`POST /api/tasks/${SUBMITTED.id}/submit`]: { body: { id: SUBMITTED.id, status: 'in_review', reviewLevel: 'commune', failed: [], warnings: [] } } });
    await userEvent.setup().click(within(item).getByRole('button', { name: 'Gửi ngay' }));
    expect(await screen.findByTestId('outbox-result')).toHaveTextContent('Đã gửi hết.');
    expect(within(item).getByTestId(`device-status-${SUBMITTED.id}`)).toHaveAttribute('data-device-status', 'sent');
    expect(within(item).queryByRole('button', { name: 'Gửi ngay' })).not.toBeInTheDocument();
    expect(api.to('POST', `/api/tasks/${SUBMITTED.id}/submit`).map((c) => c.headers['idempotency-key'])).toEqual(['key-outbox']);
  });
});
