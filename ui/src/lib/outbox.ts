/**
 * Submissions made on the device, sent when the network lets them go.
 *
 * Each submission is put in the outbox with its Idempotency-Key, made when the user
 * submitted: sending it again after a lost answer cannot record it twice. The outbox sends
 * in the order the user submitted; a submission the server could not be reached for (or
 * that failed on its side) holds the ones after it, and is tried again later, at growing
 * intervals. One the server refuses does not hold the rest:
 * - refused because the world moved on while the device was offline (the task was
 *   reassigned, collection closed, the cycle was cancelled), it is sent as a late
 *   submission, for the supervisor to accept or not; nothing typed is dropped;
 * - refused for what it holds, it stays on the device, marked refused with the reason.
 * A session that has ended stops the sending until the user logs in again; the outbox is kept.
 *
 * Storage, transport and time are given (ports), so the order, the retries and the
 * refusals are tested against a fake clock; the app gives IndexedDB and fetch.
 */
export type OutboxStatus = 'waiting' | 'sent' | 'refused' | 'late';

export interface OutboxItem {
  /** The Idempotency-Key, made once when the user submitted. */
  readonly key: string;
  readonly taskId: string;
  readonly data: Record<string, unknown>;
  readonly explanations: Record<string, string>;
  /** When the user submitted (ISO 8601). */
  readonly submittedAt: string;
  /** Order of submission on this device. */
  readonly seq: number;
  readonly status: OutboxStatus;
  readonly attempts: number;
  /** Not before this time (ms since the epoch) is it tried again. */
  readonly nextAttemptAt: number;
  /** The task's status the server answered, once sent. */
  readonly serverStatus?: string;
  /** The receipt the server gave an accepted submission (GET /api/receipts/:id verifies it). */
  readonly receipt?: string;
  /** Why it was refused, or why the last attempt failed: the problem's code, words and the values its words need. */
  readonly reason?: Reason;
}

export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  /** Stores the items' states at once (in one transaction where the store has them). */
  put(...items: OutboxItem[]): Promise<void>;
}

export interface Reason {
  readonly code: string;
  readonly detail: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** The reason a refusal gives, with its values when it has any. */
const reasonOf = ({ code, detail, params }: { code: string; detail: string; params?: Reason['params'] }): Reason => (params ? { code, detail, params } : { code, detail });

/** What the server made of one attempt. */
export type Outcome =
  | { readonly kind: 'accepted'; readonly status: string; readonly receipt?: string }
  | { readonly kind: 'refused'; readonly code: string; readonly detail: string; readonly params?: Reason['params'] }
  /** Not reached, or failed on its side: try again. */
  | { readonly kind: 'unreachable'; readonly detail: string }
  /** The session has ended: wait for the next login. */
  | { readonly kind: 'signed_out' };

export interface Transport {
  submit(item: OutboxItem): Promise<Outcome>;
  /** `POST /api/tasks/:id/late-submissions` with the same key. */
  submitLate(item: OutboxItem): Promise<Outcome>;
}

export interface Clock {
  now(): number;
}

/** Refusals that say the task is no longer the device's to submit on time: such a submission goes in late. */
export const LATE_CODES: readonly string[] = ['task.not_yours', 'task.not_found', 'task.is_final', 'task.not_running', 'task.collection_closed', 'task.collection_over', 'task.collection_ending'];

const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 5 * 60_000;

/** The wait before attempt `attempts + 1`: doubling from 2 s up to 5 minutes. */
export const retryDelay = (attempts: number) => Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));

export class Outbox {
  readonly #store: OutboxStore;
  readonly #transport: Transport;
  readonly #clock: Clock;
  #flushing: Promise<FlushResult> | null = null;

  constructor(store: OutboxStore, transport: Transport, clock: Clock = { now: () => Date.now() }) {
    this.#store = store;
    this.#transport = transport;
    this.#clock = clock;
  }

  /** Puts a submission in the outbox; it goes out at the next flush. */
  async add(taskId: string, data: Record<string, unknown>, explanations: Record<string, string>, key: string): Promise<OutboxItem> {
    const items = await this.#store.all();
    const existing = items.find((item) => item.key === key);
    if (existing) return existing;
    const now = this.#clock.now();
    const item: OutboxItem = { key, taskId, data, explanations, submittedAt: new Date(now).toISOString(), seq: Math.max(0, ...items.map((i) => i.seq)) + 1, status: 'waiting', attempts: 0, nextAttemptAt: now };
    await this.#store.put(item);
    return item;
  }

  /** Everything on the device, in the order submitted. */
  async items(): Promise<OutboxItem[]> {
    return (await this.#store.all()).sort((a, b) => a.seq - b.seq);
  }

  /** How many wait to be sent (the badge). */
  async waiting(): Promise<number> {
    return (await this.#store.all()).filter((item) => item.status === 'waiting').length;
  }

  /**
   * Sends what waits and is due, in order; one flush at a time (a second call shares the
   * first's). Stops at the first that could not be sent, or when the session has ended.
   * `now`: the user asked ("Send now"), so what waits is tried at once, due or not.
   */
  flush(options: { now?: boolean } = {}): Promise<FlushResult> {
    this.#flushing ??= this.#send(options.now === true).finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #send(now: boolean): Promise<FlushResult> {
    // The items' new states are written while the next ones are on their way, those that
    // come meanwhile together; the flush ends once all are written. An answer lost to a crash
    // before its write is sent again with the same key, which records nothing twice.
    const pending = new Map<string, OutboxItem>();
    let writing: Promise<void> | null = null;
    const drain = async () => {
      try {
        while (pending.size > 0) {
          const batch = [...pending.values()];
          pending.clear();
          await this.#store.put(...batch);
        }
      } finally {
        // In the same turn as the last look at `pending`: an item recorded later starts a new drain.
        writing = null;
      }
    };
    const record = (item: OutboxItem) => {
      pending.set(item.key, item);
      writing ??= drain();
    };
    try {
      return await this.#sendEach(now, record);
    } finally {
      while (writing) await writing;
    }
  }

  async #sendEach(now: boolean, record: (item: OutboxItem) => void): Promise<FlushResult> {
    let sent = 0;
    for (const item of await this.items()) {
      if (item.status !== 'waiting') continue;
      if (!now && item.nextAttemptAt > this.#clock.now()) return { sent, stopped: 'later', retryAt: item.nextAttemptAt };
      const late = item.reason !== undefined && LATE_CODES.includes(item.reason.code);
      const outcome = await (late ? this.#transport.submitLate(item) : this.#transport.submit(item));
      const attempts = item.attempts + 1;
      if (outcome.kind === 'signed_out') return { sent, stopped: 'signed_out' };
      if (outcome.kind === 'unreachable') {
        const retryAt = this.#clock.now() + retryDelay(attempts);
        record({ ...item, attempts, nextAttemptAt: retryAt, reason: late ? item.reason : { code: 'unreachable', detail: outcome.detail } });
        return { sent, stopped: 'unreachable', retryAt };
      }
      if (outcome.kind === 'accepted') {
        sent++;
        record({ ...item, attempts, status: late ? 'late' : 'sent', serverStatus: outcome.status, ...(outcome.receipt ? { receipt: outcome.receipt } : {}) });
        continue;
      }
      if (!late && LATE_CODES.includes(outcome.code)) {
        // The world moved on: sent again at once, as a late submission, keeping its place.
        const again = { ...item, attempts, reason: reasonOf(outcome) };
        record(again);
        const lateOutcome = await this.#transport.submitLate(again);
        if (lateOutcome.kind === 'signed_out') return { sent, stopped: 'signed_out' };
        if (lateOutcome.kind === 'unreachable') {
          const retryAt = this.#clock.now() + retryDelay(attempts);
          record({ ...again, nextAttemptAt: retryAt });
          return { sent, stopped: 'unreachable', retryAt };
        }
        if (lateOutcome.kind === 'accepted') {
          sent++;
          record({ ...again, status: 'late', serverStatus: lateOutcome.status });
        } else {
          record({ ...again, status: 'refused', reason: reasonOf(lateOutcome) });
        }
        continue;
      }
      record({ ...item, attempts, status: 'refused', reason: reasonOf(outcome) });
    }
    return { sent, stopped: 'done' };
  }
}

export interface FlushResult {
  readonly sent: number;
  /** `done`: nothing left that waits; `later`: the next is not due; `unreachable`: the next failed and waits; `signed_out`: log in again. */
  readonly stopped: 'done' | 'later' | 'unreachable' | 'signed_out';
  readonly retryAt?: number;
}

/** An outbox kept in memory: for tests, and for a browser without IndexedDB. */
export class MemoryOutboxStore implements OutboxStore {
  readonly #items = new Map<string, OutboxItem>();

  async all(): Promise<OutboxItem[]> {
    return [...this.#items.values()];
  }

  async put(...items: OutboxItem[]): Promise<void> {
    for (const item of items) this.#items.set(item.key, structuredClone(item));
  }
}
