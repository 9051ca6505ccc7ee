import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushOutbox, queueSubmission, reloadDevice } from '../../lib/offline/device.svelte';
import { fakeApi, signedIn } from '../../test/fake-api';
import { CYCLE_ID } from '../../test/fixtures';
import AppHeader from '../AppHeader.svelte';

const submitted = (id: string) => ({ body: { id, status: 'in_review', reviewLevel: 'commune', failed: [], warnings: [] } });

afterEach(() => vi.restoreAllMocks());

describe('the outbox badge in the header', () => {
  it('counts the submissions waiting on the device, and is hidden when none wait', async () => {
    let online = false;
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
    signedIn('enum.badge', 'enumerator');
    const [first, second] = [`${CYCLE_ID}.HH0100101`, `${CYCLE_ID}.HH0100102`];
    fakeApi({ [`POST /api/tasks/${first}/submit`]: submitted(first), [`POST /api/tasks/${second}/submit`]: submitted(second) });
    await reloadDevice();
    render(AppHeader);
    expect(screen.queryByTestId('outbox-badge')).not.toBeInTheDocument();

    await queueSubmission(first, { members: 1 }, {}, 'key-badge-1');
    await queueSubmission(second, { members: 2 }, {}, 'key-badge-2');
    const badge = await screen.findByTestId('outbox-badge');
    expect(badge).toHaveTextContent('2 chờ gửi');
    expect(badge).toHaveAttribute('href', '#/outbox');

    online = true;
    await flushOutbox();
    await vi.waitFor(() => expect(screen.queryByTestId('outbox-badge')).not.toBeInTheDocument());
  });

  it('is not shown to another user of the device', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    signedIn('enum.owner', 'enumerator');
    await queueSubmission(`${CYCLE_ID}.HH0100101`, { members: 1 }, {}, 'key-owner');
    signedIn('enum.next', 'enumerator');
    await reloadDevice();
    render(AppHeader);
    expect(screen.queryByTestId('outbox-badge')).not.toBeInTheDocument();
  });
});
