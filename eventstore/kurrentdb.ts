import { randomUUID } from 'node:crypto';
import {
  BACKWARDS, DeadlineExceededError, END, FORWARDS, KurrentDBClient, NO_STREAM, START, StreamNotFoundError, UnavailableError, WrongExpectedVersionError,
  eventTypeFilter, excludeSystemEvents, jsonEvent, streamNameFilter,
  type AllStreamResolvedEvent, type Direction, type Filter, type JSONType, type Position, type ReadPosition, type ReadRevision,
} from '@kurrent/kurrentdb-client';
import { DomainError } from '../domain/errors.js';
import type { EventMetadata } from '../domain/events.js';
import { chainEvents, serialiseEvents, type ChainedEvent, type EventSchemas, type SerialisedEvent } from './chain.js';
import { ConcurrencyError, StoreUnavailableError, assertExpected, assertStreamName } from './errors.js';
import { GENESIS_HASH, canonicalJson } from './hash.js';
import type { AppendResult, EventFilter, EventStore, ExpectedRevision, NewEvent, RawEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions } from './port.js';

export interface KurrentDbOptions {
  /** The domain's event versions: stamp and check on write, upcast on read (as the SQLite adapter). */
  readonly schemas?: EventSchemas;
}

/** What this adapter needs of an event the client read, from a stream or from `$all`. */
interface Stored {
  readonly streamId: string; readonly id: string; readonly revision: bigint; readonly type: string;
  readonly isJson: boolean; readonly data: unknown; readonly metadata: unknown; readonly position?: Position;
}

/** Appends that lose a race for the head are chained again on the new head this many times. */
const MAX_ATTEMPTS = 5;
const PAGE = 1000;
/** The server's "no position" (2^64 - 1), given where a read cannot know the log position. */
const NO_POSITION = 2n ** 64n - 1n;

const at = (position: number): Position => ({ commit: BigInt(position), prepare: BigInt(position) });
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The store's error for a client error: a conflict is a ConcurrencyError; an unreachable or
 * silent server (UnavailableError, DeadlineExceededError, gRPC status 14 or 4) is a
 * StoreUnavailableError; typed domain errors and anything else pass through unchanged.
 */
export function toStoreError(err: unknown, action: string): unknown {
  if (err instanceof DomainError) return err;
  if (err instanceof WrongExpectedVersionError) {
    const actual = typeof err.actualState === 'bigint' ? Number(err.actualState) : -1;
    const expected = typeof err.expectedState === 'bigint' ? `revision ${err.expectedState}` : String(err.expectedState);
    return new ConcurrencyError(err.streamName, expected, actual);
  }
  const { code, type, message } = (err ?? {}) as { code?: unknown; type?: unknown; message?: unknown };
  if (err instanceof UnavailableError || type === 'unavailable' || code === 14) {
    return new StoreUnavailableError(`${action}: the event store is unreachable (${String(message ?? err)})`);
  }
  if (err instanceof DeadlineExceededError || type === 'deadline-exceeded' || code === 4) {
    return new StoreUnavailableError(`${action}: the event store did not answer in time (${String(message ?? err)})`);
  }
  return err;
}

/** Our events only: no system streams or types, no links, nothing but JSON; then the port's filter. */
function accepts(e: Stored, filter: EventFilter | undefined): boolean {
  if (e.type.startsWith('$') || e.streamId.startsWith('$') || !e.isJson) return false;
  if (filter?.streamPrefix && !e.streamId.startsWith(filter.streamPrefix)) return false;
  if (filter?.types?.length && !filter.types.includes(e.type)) return false;
  return true;
}

/** The server-side part of a filter: the stream prefix if any, else exact types, else no system events. */
function serverFilter(filter: EventFilter | undefined): Filter {
  if (filter?.streamPrefix) return streamNameFilter({ prefixes: [filter.streamPrefix] });
  if (filter?.types?.length) return eventTypeFilter({ regex: `^(?:${filter.types.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

function positionOf(e: Stored, fallback?: bigint): number {
  const commit = e.position?.commit ?? fallback;
  return commit === undefined || commit >= NO_POSITION ? 0 : Number(commit);
}

function metadataOf(e: Stored): Record<string, unknown> {
  const m = e.metadata;
  return typeof m === 'object' && m !== null && !Array.isArray(m) && !(m instanceof Uint8Array) ? { ...(m as Record<string, unknown>) } : {};
}

const hashOf = (e: Stored): string => {
  const hash = metadataOf(e).hash;
  return typeof hash === 'string' ? hash : '';
};

/** The distributed event store: KurrentDB, one client per instance, the hash chain in each event's metadata. */
export class KurrentDbEventStore implements EventStore {
  readonly #client: KurrentDBClient;
  readonly #listeners = new Set<() => void>();
  readonly #stops = new Set<() => void>();
  readonly #schemas: EventSchemas | undefined;

  constructor(connectionString: string, options: KurrentDbOptions = {}) {
    this.#client = KurrentDBClient.connectionString(connectionString);
    this.#schemas = options.schemas;
  }

  async #guard<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toStoreError(err, action);
    }
  }

  #toRecorded(e: Stored, raw = false, fallback?: bigint): RecordedEvent {
    const metadata = metadataOf(e) as unknown as EventMetadata & { schemaVersion: number };
    let data = e.data;
    if (this.#schemas && !raw) {
      const upcast = this.#schemas.upcast(e.type, metadata.schemaVersion, data);
      data = upcast.data;
      metadata.schemaVersion = upcast.schemaVersion;
    }
    return { id: e.id, stream: e.streamId, revision: Number(e.revision), position: positionOf(e, fallback), type: e.type, data, metadata };
  }

  /** A stream's events as the client reads them, with the record's commit position; a stream that does not exist is empty. */
  async *#streamEvents(stream: string, fromRevision: ReadRevision, direction: Direction, maxCount?: number): AsyncGenerator<{ event: Stored; commit?: bigint }> {
    try {
      for await (const resolved of this.#client.readStream(stream, { fromRevision, direction, ...(maxCount === undefined ? {} : { maxCount }) })) {
        if (resolved.event && !resolved.link) yield { event: resolved.event, ...(resolved.commitPosition === undefined ? {} : { commit: resolved.commitPosition }) };
      }
    } catch (err) {
      if (!(err instanceof StreamNotFoundError)) throw err;
    }
  }

  async #readStored(stream: string, fromRevision: ReadRevision, direction: Direction, maxCount?: number): Promise<{ event: Stored; commit?: bigint }[]> {
    const out: { event: Stored; commit?: bigint }[] = [];
    for await (const found of this.#streamEvents(stream, fromRevision, direction, maxCount)) out.push(found);
    return out;
  }

  async append(stream: string, events: readonly NewEvent[], options: { expected: ExpectedRevision }): Promise<AppendResult> {
    assertStreamName(stream);
    // Everything is checked and serialised before the first network call: bad input never reaches the server.
    const serialised = serialiseEvents(events, randomUUID, this.#schemas);
    const result = await this.#guard(`append to ${stream}`, () => this.#appendChained(stream, serialised, options.expected));
    for (const listener of this.#listeners) listener();
    return result;
  }

  async #appendChained(stream: string, serialised: SerialisedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const retried = await this.#idempotentRetry(stream, serialised, expected);
      if (retried) return retried;
      const [head] = await this.#readStored(stream, END, BACKWARDS, 1);
      const current = head ? Number(head.event.revision) : -1;
      assertExpected(stream, expected, current);
      const chained = chainEvents(stream, serialised, current, head ? hashOf(head.event) : GENESIS_HASH);
      try {
        // Always the head we chained on, whatever the caller expected: the chain stays linear.
        const written = await this.#client.appendToStream(stream, chained.map(toEventData), { streamState: current < 0 ? NO_STREAM : BigInt(current) });
        const nextRevision = current + serialised.length;
        if (written.position) return { nextRevision, position: Number(written.position.commit) };
        const [last] = await this.#readStored(stream, BigInt(nextRevision), FORWARDS, 1);
        return { nextRevision, position: last ? positionOf(last.event, last.commit) : 0 };
      } catch (err) {
        // The head moved between the read and the write: look again (a retry of these ids, a conflict, or a new head).
        if (!(err instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  /**
   * Events whose given ids are already at consecutive places where the caller expects to write
   * them: a retry after a lost reply, answered with the first answer and without writing.
   */
  async #idempotentRetry(stream: string, serialised: SerialisedEvent[], expected: ExpectedRevision): Promise<AppendResult | null> {
    if (serialised[0]!.event.id === undefined) return null; // a random id cannot be a retry
    const n = serialised.length;
    const found =
      typeof expected === 'number' || expected === 'no_stream'
        ? await this.#readStored(stream, BigInt(expected === 'no_stream' ? 0 : Math.max(0, expected + 1)), FORWARDS, n)
        : (await this.#readStored(stream, END, BACKWARDS, n)).reverse();
    if (found[0]?.event.id !== serialised[0]!.id) return null;
    const first = Number(found[0]!.event.revision);
    const consecutive = found.length === n && found.every((f, i) => f.event.id === serialised[i]!.id && Number(f.event.revision) === first + i);
    if (!consecutive) {
      const [head] = await this.#readStored(stream, END, BACKWARDS, 1);
      throw new ConcurrencyError(stream, `events ${serialised[0]!.id}… to be new`, head ? Number(head.event.revision) : -1);
    }
    const last = found[n - 1]!;
    return { nextRevision: Number(last.event.revision), position: positionOf(last.event, last.commit) };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from: ReadRevision = options.from === undefined ? (backwards ? END : START) : BigInt(Math.max(0, options.from));
    const found = await this.#guard(`read ${stream}`, () => this.#readStored(stream, from, backwards ? BACKWARDS : FORWARDS, options.maxCount));
    return found.filter((f) => accepts(f.event, undefined)).map((f) => this.#toRecorded(f.event, options.raw, f.commit));
  }

  /**
   * `$all` in pages, our events only, after `after` (forwards) or before `before` (backwards),
   * both exclusive whatever the server does at the boundary.
   */
  async *#scan(options: { after?: number; before?: number; backwards?: boolean; filter?: EventFilter; max?: number }): AsyncGenerator<Stored & { position: Position }> {
    const backwards = options.backwards ?? false;
    let bound = backwards ? options.before : options.after;
    let from: ReadPosition = bound ? at(bound) : backwards ? END : START;
    let remaining = options.max ?? Number.POSITIVE_INFINITY;
    const filter = serverFilter(options.filter);
    while (remaining > 0) {
      const page = Math.min(PAGE, remaining + 10);
      let count = 0;
      let last: Position | undefined;
      for await (const resolved of this.#client.readAll({ fromPosition: from, direction: backwards ? BACKWARDS : FORWARDS, maxCount: page, filter })) {
        count++;
        const e: AllStreamResolvedEvent['event'] = resolved.event;
        if (!e) continue;
        last = e.position;
        const p = Number(e.position.commit);
        if (bound !== undefined && (backwards ? p >= bound : p <= bound)) continue;
        if (resolved.link || !accepts(e, options.filter)) continue;
        yield e;
        if (--remaining === 0) return;
      }
      if (count < page || !last) return;
      from = last;
      bound = Number(last.commit);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.#guard('read the log', async () => {
      const out: RecordedEvent[] = [];
      const scan = this.#scan({ after: options.after, before: options.before, backwards: options.direction === 'backwards', filter: options.filter, max: options.maxCount ?? 1000 });
      for await (const e of scan) out.push(this.#toRecorded(e, options.raw));
      return out;
    });
  }

  async *rawLog(options: { after?: number; stream?: string } = {}): AsyncGenerator<RawEvent> {
    const after = options.after ?? 0;
    // One stream: read it directly (its index), not the whole log.
    const source =
      options.stream === undefined
        ? this.#scan({ after })
        : (async function* (events: AsyncGenerator<{ event: Stored; commit?: bigint }>) {
            for await (const { event, commit } of events) {
              const position = positionOf(event, commit);
              if ((after === 0 || position > after) && accepts(event, undefined)) yield { ...event, position: at(position) };
            }
          })(this.#streamEvents(options.stream, START, FORWARDS));
    try {
      for await (const e of source) {
        const { hash, ...metadata } = metadataOf(e);
        yield {
          position: Number(e.position.commit),
          stream: e.streamId,
          revision: Number(e.revision),
          type: e.type,
          dataJson: canonicalJson(e.data),
          metadataJson: canonicalJson(metadata),
          hash: typeof hash === 'string' ? hash : '',
        };
      }
    } catch (err) {
      throw toStoreError(err, 'read the log');
    }
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    const signal = options.signal;
    if (signal?.aborted) return;
    let last = options.after ?? 0;
    // From a position the server sends what comes after it; the check on `last` below keeps that exclusive anyway.
    const subscription = this.#client.subscribeToAll({ fromPosition: last > 0 ? at(last) : START, filter: serverFilter(options.filter) });
    const queue: AllStreamResolvedEvent[] = [];
    let failure: unknown = null;
    let ended = false;
    let wake: (() => void) | null = null;
    const notify = () => {
      const resolve = wake;
      wake = null;
      resolve?.();
    };
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      queue.push(resolved);
      if (queue.length >= PAGE) subscription.pause();
      notify();
    });
    subscription.on('error', (err: Error) => ((failure ??= err), notify()));
    subscription.on('end', () => ((ended = true), notify()));
    signal?.addEventListener('abort', notify, { once: true });
    this.#stops.add(notify);
    try {
      for (;;) {
        if (signal?.aborted || !this.#stops.has(notify)) return;
        const resolved = queue.shift();
        if (resolved) {
          if (queue.length < PAGE / 2 && subscription.isPaused()) subscription.resume();
          const e = resolved.event;
          if (!e || resolved.link || !accepts(e, options.filter) || Number(e.position.commit) <= last) continue;
          last = Number(e.position.commit);
          yield this.#toRecorded(e);
          continue;
        }
        if (failure) throw toStoreError(failure, 'subscribe to the log');
        if (ended) throw new StoreUnavailableError('subscribe to the log: the event store ended the subscription');
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      signal?.removeEventListener('abort', notify);
      this.#stops.delete(notify);
      subscription.removeAllListeners('data');
      // The 'error' listener stays: a cancelled call may still report, and must not become an unhandled error.
      void subscription.unsubscribe().finally(() => subscription.destroy()).catch(() => undefined);
    }
  }

  async listStreams(prefix: string, options: { after?: string; limit?: number } = {}): Promise<string[]> {
    return this.#guard('list streams', async () => {
      // No stream listing in the API: a stream's first event (revision 0) names it.
      const streams = new Set<string>();
      for await (const e of this.#scan({ filter: { streamPrefix: prefix } })) {
        if (e.revision === 0n && (options.after === undefined || e.streamId > options.after)) streams.add(e.streamId);
      }
      return [...streams].sort().slice(0, options.limit ?? 1000);
    });
  }

  async headPosition(): Promise<number> {
    return this.#guard('read the log head', async () => {
      for await (const e of this.#scan({ backwards: true, max: 1 })) return Number(e.position.commit);
      return 0;
    });
  }

  onAppend(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    const stops = [...this.#stops];
    this.#stops.clear();
    for (const stop of stops) stop();
    await this.#client.dispose();
  }
}

/** The event as written: data as the canonical JSON's value, metadata with its hash beside it. */
export function toEventData(event: ChainedEvent) {
  // JSON.parse of canonical JSON: the client re-serialises it, and rawLog's canonicalJson gives back exactly `dataJson`.
  const data: JSONType = JSON.parse(event.dataJson);
  const metadata: Record<string, unknown> = { ...(JSON.parse(event.metadataJson) as Record<string, unknown>), hash: event.hash };
  return jsonEvent({ id: event.id, type: event.type, data, metadata });
}
