import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadlineExceededError, KurrentDBClient, UnavailableError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { chainEvents, serialiseEvents } from '../../eventstore/chain.js';
import { ConcurrencyError, MAX_EVENT_BYTES, StoreUnavailableError } from '../../eventstore/errors.js';
import { GENESIS_HASH, canonicalJson, eventHash } from '../../eventstore/hash.js';
import { derivedEventId } from '../../eventstore/ids.js';
import { KurrentDbEventStore, toEventData, toStoreError } from '../../eventstore/kurrentdb.js';
import { openEventStore } from '../../eventstore/open.js';
import { SqliteEventStore } from '../../eventstore/sqlite.js';
import { ev } from './contract.js';

/** Nothing listens on port 1: every call that reaches the network fails to connect. */
const CLOSED = 'kurrentdb://127.0.0.1:1?tls=false&maxDiscoverAttempts=1&defaultDeadline=2000';
const BOUND_MS = 10_000;

const unavailable = expect.objectContaining({ code: 'unavailable', message: expect.stringContaining('unreachable') });

async function timed<T>(work: Promise<T>): Promise<{ error: unknown; ms: number }> {
  const start = Date.now();
  try {
    await work;
    return { error: null, ms: Date.now() - start };
  } catch (error) {
    return { error, ms: Date.now() - start };
  }
}

describe('KurrentDB adapter without a server', () => {
  let store: KurrentDbEventStore;
  beforeEach(() => {
    store = new KurrentDbEventStore(CLOSED);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await store.close();
  });

  it('answers append, readStream, readAll and the other reads with a typed unavailable error, in bounded time', async () => {
    const drain = async (events: AsyncIterable<unknown>) => {
      for await (const _ of events) {
        /* none */
      }
    };
    const calls: [string, () => Promise<unknown>][] = [
      ['append (random id)', () => store.append('task-c1.u1', [ev('A', {})], { expected: 'no_stream' })],
      ['append (derived id)', () => store.append('task-c1.u1', [ev('A', {}, derivedEventId('task-c1.u1', 3))], { expected: 2 })],
      ['readStream', () => store.readStream('task-c1.u1')],
      ['readAll', () => store.readAll({ filter: { streamPrefix: 'task-' } })],
      ['headPosition', () => store.headPosition()],
      ['listStreams', () => store.listStreams('task-')],
      ['rawLog', () => drain(store.rawLog())],
      ['rawLog of a stream', () => drain(store.rawLog({ stream: 'seals' }))],
    ];
    for (const [name, call] of calls) {
      const { error, ms } = await timed(call());
      expect(error, name).toBeInstanceOf(StoreUnavailableError);
      expect(error, name).toEqual(unavailable);
      expect(ms, name).toBeLessThan(BOUND_MS);
    }
  });

  it('ends a subscription with a typed unavailable error instead of hanging', async () => {
    const controller = new AbortController();
    const guard = setTimeout(() => controller.abort(), BOUND_MS);
    const { error } = await timed(
      (async () => {
        for await (const _ of store.subscribe({ signal: controller.signal })) {
          /* none */
        }
      })(),
    );
    clearTimeout(guard);
    expect(controller.signal.aborted).toBe(false);
    expect(error).toEqual(unavailable);
  });

  it('finishes a subscription whose signal is already aborted without touching the network', async () => {
    const subscribe = vi.spyOn(KurrentDBClient.prototype, 'subscribeToAll');
    const controller = new AbortController();
    controller.abort();
    const seen: unknown[] = [];
    for await (const event of store.subscribe({ signal: controller.signal })) seen.push(event);
    expect(seen).toEqual([]);
    expect(subscribe).not.toHaveBeenCalled();
  });

  it('refuses bad input with the typed error before any network call', async () => {
    const network = [
      vi.spyOn(KurrentDBClient.prototype, 'appendToStream'),
      vi.spyOn(KurrentDBClient.prototype, 'readStream'),
      vi.spyOn(KurrentDBClient.prototype, 'readAll'),
    ];
    const big = 'x'.repeat(MAX_EVENT_BYTES);
    await expect(store.append('big-1', [ev('Small', {}), ev('Big', { big })], { expected: 'any' })).rejects.toMatchObject({ code: 'too_large' });
    for (const stream of ['', '-dash', 'has space', 'a/b', '$system', '$$meta', 'x'.repeat(256)]) {
      await expect(store.append(stream, [ev('A', {})], { expected: 'any' }), stream).rejects.toMatchObject({ code: 'validation' });
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const data of [undefined, cyclic, { n: Number.NaN }, { n: 10n }, { f: () => 1 }]) {
      await expect(store.append('bad-1', [ev('A', data)], { expected: 0 })).rejects.toMatchObject({ code: 'validation' });
    }
    await expect(store.append('bad-1', [ev('not a type', {})], { expected: 'any' })).rejects.toMatchObject({ code: 'validation' });
    await expect(store.append('bad-1', [], { expected: 'no_stream' })).rejects.toMatchObject({ code: 'validation' });
    for (const spy of network) expect(spy).not.toHaveBeenCalled();
  });
});

describe('KurrentDB error mapping', () => {
  it('maps a conflict to ConcurrencyError with the actual revision', () => {
    const conflict = toStoreError(new WrongExpectedVersionError(undefined, { streamName: 'task-c1.u1', expected: 1n, current: 3n }), 'append');
    expect(conflict).toBeInstanceOf(ConcurrencyError);
    expect(conflict).toMatchObject({ code: 'concurrency', stream: 'task-c1.u1', actual: 3, expected: 'revision 1' });
    const none = toStoreError(new WrongExpectedVersionError(undefined, { streamName: 's-1', expected: 'stream_exists', current: 'no_stream' }), 'append');
    expect(none).toMatchObject({ code: 'concurrency', actual: -1, expected: 'stream_exists' });
  });

  it('maps an unreachable or silent server to StoreUnavailableError', () => {
    const grpc14 = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    for (const err of [new UnavailableError(), grpc14, new DeadlineExceededError(), Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 })]) {
      const mapped = toStoreError(err, 'append to s-1');
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect(mapped).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/^append to s-1: the event store (is unreachable|did not answer in time)/) });
    }
  });

  it('passes domain errors and anything else through unchanged', () => {
    const domain = new DomainError('validation', 'no');
    expect(toStoreError(domain, 'x')).toBe(domain);
    const other = new TypeError('a bug');
    expect(toStoreError(other, 'x')).toBe(other);
    const denied = Object.assign(new Error('access denied'), { code: 7 });
    expect(toStoreError(denied, 'x')).toBe(denied);
  });
});

describe('KurrentDB event encoding', () => {
  it('writes events whose stored form gives back the canonical JSON and the hash the SQLite adapter computes', () => {
    const tricky = { '10': 'ten', '9': 'nine', b: [1, -0, 1e21, 0.1, null, true], a: { z: 'é ✓ "q"', y: { '2': 2, '1': 1 } } };
    const serialised = serialiseEvents([ev('A', tricky), ev('B', 'just a string'), ev('C', 42), ev('D', null)], () => 'fixed-id');
    const chained = chainEvents('task-c1.u1', serialised, -1, GENESIS_HASH);
    for (const event of chained) {
      const written = toEventData(event);
      // What the client sends (JSON.stringify) and what a read gives back (JSON.parse).
      const data: unknown = JSON.parse(JSON.stringify(written.data));
      const { hash, ...metadata } = JSON.parse(JSON.stringify(written.metadata)) as Record<string, unknown>;
      expect(written).toMatchObject({ id: event.id, type: event.type, contentType: 'application/json' });
      expect(canonicalJson(data)).toBe(event.dataJson);
      expect(canonicalJson(metadata)).toBe(event.metadataJson);
      expect(hash).toBe(event.hash);
      expect(eventHash('task-c1.u1', event.revision, event.type, canonicalJson(data), canonicalJson(metadata))).toBe(hash);
    }
  });
});

describe('openEventStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-ops-open-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens SQLite for sqlite:<path>', async () => {
    for (const url of [`sqlite:${join(dir, 'a.db')}`, `sqlite://${join(dir, 'b.db')}`]) {
      const store = openEventStore(url);
      expect(store, url).toBeInstanceOf(SqliteEventStore);
      await store.close();
    }
  });

  it('opens KurrentDB for kurrentdb:// and esdb:// connection strings, without connecting', async () => {
    for (const url of ['kurrentdb://127.0.0.1:1?tls=false', 'kurrentdb+discover://127.0.0.1:1?tls=false', 'esdb://127.0.0.1:1?tls=false']) {
      const store = openEventStore(url);
      expect(store, url).toBeInstanceOf(KurrentDbEventStore);
      await store.close();
    }
  });

  it('refuses an unknown scheme or a missing path with a clear error', () => {
    for (const url of ['mysql://db/events', 'events.db', '', 'sqlite:']) {
      expect(() => openEventStore(url), url).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringMatching(/sqlite:<path>/) }));
    }
    expect(() => openEventStore('mysql://db/events')).toThrow(expect.objectContaining({ message: expect.stringContaining('postgres://') }));
    expect(() => openEventStore('mysql://user:secret@db/x')).toThrow(expect.not.objectContaining({ message: expect.stringContaining('secret') }));
  });
});
