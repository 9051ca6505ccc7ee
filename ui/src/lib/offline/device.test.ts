import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, signedIn } from '../../test/fake-api';
import { CYCLE_ID } from '../../test/fixtures';
import { sessionExpired } from '../session.svelte';
import { FLUSH_EVERY_MS, device, flushOutbox, queueSubmission, startDevice, waitingCount } from './device.svelte';

const TASK = `${CYCLE_ID}.HH0100101`;
const SUBMIT = `POST /api/tasks/${TASK}/submit`;
const inReview = { body: { id: TASK, status: 'in_review', reviewLevel: 'commune', failed: [], warnings: [] } };

let online = false;
let stop: (() => void) | null = null;

afterEach(() => {
  stop?.();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Signed in as `user` with a submission already waiting on a device that is offline. */
async function waitingOffline(user: string, key: string) {
  online = false;
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
  signedIn(user, 'enumerator');
  await queueSubmission(TASK, { members: 4 }, {}, key);
}

describe('the outbox of the app', () => {
  it('is tried every 30 seconds while a submission waits', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await waitingOffline('enum.timer', 'key-timer');
    stop = startDevice();
    const api = fakeApi({ [SUBMIT]: inReview });
    // The network is back but no `online` event came (a flaky link): the timer sends it.
    online = true;
    vi.advanceTimersByTime(FLUSH_EVERY_MS);
    await vi.waitFor(() => expect(device.items.map((i) => i.status)).toEqual(['sent']));
    expect(api.to('POST', `/api/tasks/${TASK}/submit`).map((c) => c.headers['idempotency-key'])).toEqual(['key-timer']);
  });

  it('keeps what waits through an ended session, and sends it after the same user logs in again', async () => {
    await waitingOffline('enum.expired', 'key-expired');
    stop = startDevice();
    const api = fakeApi({ [SUBMIT]: inReview });
    sessionExpired();
    online = true;
    expect(await flushOutbox()).toBeNull();
    expect(waitingCount()).toBe(0);
    expect(api.to('POST', `/api/tasks/${TASK}/submit`)).toHaveLength(0);

    signedIn('enum.expired', 'enumerator');
    await vi.waitFor(() => expect(device.items.map((i) => [i.key, i.status])).toEqual([['key-expired', 'sent']]));
    expect(api.to('POST', `/api/tasks/${TASK}/submit`)).toHaveLength(1);
  });

  it('sends nothing of one user’s outbox while another is signed in', async () => {
    await waitingOffline('enum.away', 'key-away');
    stop = startDevice();
    const api = fakeApi({ [SUBMIT]: inReview });
    online = true;
    signedIn('enum.colleague', 'enumerator');
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(device.user).toBe('enum.colleague'));
    await flushOutbox();
    expect(device.items).toEqual([]);
    expect(api.to('POST', `/api/tasks/${TASK}/submit`)).toHaveLength(0);
  });
});
