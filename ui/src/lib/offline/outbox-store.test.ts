import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Outbox, type Outcome, type Transport } from '../outbox';
import { IdbOutboxStore } from './outbox-store';

/** A server that is never reached: what is added stays waiting. */
const unreachable: Transport = {
  submit: async (): Promise<Outcome> => ({ kind: 'unreachable', detail: 'offline' }),
  submitLate: async (): Promise<Outcome> => ({ kind: 'unreachable', detail: 'offline' }),
};

describe('the outbox kept in IndexedDB', () => {
  it('keeps what was added, with its key, for a store opened later over the same database', async () => {
    const first = new Outbox(new IdbOutboxStore('enum.reload'), unreachable);
    await first.add('LFS-1.HH1', { members: 4 }, { income_plausible: 'shop' }, 'key-reload-1');
    await first.add('LFS-1.HH2', { members: 2 }, {}, 'key-reload-2');

    // As after closing the browser: a new store, a new outbox, the same database.
    const later = new Outbox(new IdbOutboxStore('enum.reload'), unreachable);
    const items = await later.items();
    expect(items.map((i) => [i.key, i.taskId, i.status, i.seq])).toEqual([
      ['key-reload-1', 'LFS-1.HH1', 'waiting', 1],
      ['key-reload-2', 'LFS-1.HH2', 'waiting', 2],
    ]);
    expect(items[0]).toMatchObject({ data: { members: 4 }, explanations: { income_plausible: 'shop' } });
    expect(await later.waiting()).toBe(2);
  });

  it('keeps what a failed attempt changed (attempts, next try, reason)', async () => {
    const outbox = new Outbox(new IdbOutboxStore('enum.retry'), unreachable);
    await outbox.add('LFS-1.HH1', { members: 4 }, {}, 'key-retry');
    expect(await outbox.flush()).toMatchObject({ sent: 0, stopped: 'unreachable' });
    const [item] = await new IdbOutboxStore('enum.retry').all();
    expect(item).toMatchObject({ key: 'key-retry', attempts: 1, status: 'waiting', reason: { code: 'unreachable', detail: 'offline' } });
  });

  it('shows each user only their own submissions on a shared device', async () => {
    await new Outbox(new IdbOutboxStore('enum.first'), unreachable).add('LFS-1.HH1', { members: 1 }, {}, 'key-first');
    await new Outbox(new IdbOutboxStore('enum.second'), unreachable).add('LFS-1.HH9', { members: 9 }, {}, 'key-second');
    // A username that begins like another's is still another user.
    await new Outbox(new IdbOutboxStore('enum.first2'), unreachable).add('LFS-1.HH5', { members: 5 }, {}, 'key-first2');

    expect((await new IdbOutboxStore('enum.first').all()).map((i) => i.key)).toEqual(['key-first']);
    expect((await new IdbOutboxStore('enum.second').all()).map((i) => i.key)).toEqual(['key-second']);
    expect(await new IdbOutboxStore('enum.nobody').all()).toEqual([]);
  });
});
