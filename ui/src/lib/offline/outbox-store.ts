import { createStore, promisifyRequest, setMany, type UseStore } from 'idb-keyval';
import type { OutboxItem, OutboxStore } from '../outbox';

let outboxDb: UseStore | null = null;

/**
 * One user's outbox in IndexedDB, under `[user, key]`: it outlives the page, the browser and an
 * expired session, and a user who signs in on the same device never sees another's.
 */
export class IdbOutboxStore implements OutboxStore {
  readonly #db: UseStore;

  constructor(readonly user: string) {
    outboxDb ??= createStore('survey-ops-outbox', 'items');
    this.#db = outboxDb;
  }

  all(): Promise<OutboxItem[]> {
    const range = IDBKeyRange.bound([this.user], [this.user, []]);
    return this.#db('readonly', (items) => promisifyRequest<OutboxItem[]>(items.getAll(range)));
  }

  put(...items: OutboxItem[]): Promise<void> {
    return setMany(
      items.map((item) => [[this.user, item.key], item]),
      this.#db,
    );
  }
}
