import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, MAX_EVENT_BYTES } from '../../eventstore/errors.js';
import { canonicalJson, eventHash, GENESIS_HASH } from '../../eventstore/hash.js';
import { derivedEventId } from '../../eventstore/ids.js';
import type { NewEvent } from '../../eventstore/port.js';
import { SqliteEventStore } from '../../eventstore/sqlite.js';
import { verifyStream } from '../../eventstore/integrity.js';

let dir: string;
let file: string;
let store: SqliteEventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'survey-ops-unit-'));
  file = join(dir, 'events.db');
  store = new SqliteEventStore(file);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ev = (type: string, data: unknown, id?: string): NewEvent => ({
  ...(id ? { id } : {}),
  type,
  data,
  metadata: { actor: 'tester', correlationId: 'corr-1', causationId: null, workflowId: null, at: '2026-11-01T00:00:00.000Z' },
});
const three = (stream: string) => [0, 1, 2].map((i) => ev(`E${i}`, { n: i, stream }, derivedEventId(stream, i)));
const count = async () => (await store.readAll({ maxCount: 10_000 })).length;

/** Runs SQL against the file behind the store's back, as someone with disk access could. */
function tamper(sql: string, ...params: (string | number)[]): void {
  const db = new Database(file);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

describe('append: expected revision', () => {
  it('no_stream on a new stream, then refused once it exists', async () => {
    expect(await store.append('task-c1.u1', [ev('A', {})], { expected: 'no_stream' })).toMatchObject({ nextRevision: 0 });
    await expect(store.append('task-c1.u1', [ev('B', {})], { expected: 'no_stream' })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('an exact revision, and a ConcurrencyError (code concurrency) on a stale one', async () => {
    await store.append('s-1', [ev('A', {}), ev('B', {})], { expected: 'no_stream' });
    expect((await store.append('s-1', [ev('C', {})], { expected: 1 })).nextRevision).toBe(2);
    await expect(store.append('s-1', [ev('D', {})], { expected: 1 })).rejects.toMatchObject({ code: 'concurrency', actual: 2 });
    await expect(store.append('s-1', [ev('D', {})], { expected: 5 })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await count()).toBe(3);
  });

  it('any always appends; stream_exists only on an existing stream', async () => {
    await expect(store.append('s-2', [ev('A', {})], { expected: 'stream_exists' })).rejects.toBeInstanceOf(ConcurrencyError);
    await store.append('s-2', [ev('A', {})], { expected: 'any' });
    await store.append('s-2', [ev('B', {})], { expected: 'any' });
    expect((await store.append('s-2', [ev('C', {})], { expected: 'stream_exists' })).nextRevision).toBe(2);
  });

  it('numbers revisions per stream from 0 with strictly increasing global positions', async () => {
    await store.append('a-1', [ev('A', {}), ev('B', {})], { expected: 'no_stream' });
    await store.append('b-1', [ev('C', {})], { expected: 'no_stream' });
    await store.append('a-1', [ev('D', {})], { expected: 1 });
    const events = await store.readAll();
    expect(events.map((e) => [e.stream, e.revision, e.type])).toEqual([
      ['a-1', 0, 'A'], ['a-1', 1, 'B'], ['b-1', 0, 'C'], ['a-1', 2, 'D'],
    ]);
    const positions = events.map((e) => e.position);
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
    expect(await store.headPosition()).toBe(positions[3]);
  });
});

describe('append: idempotent retries', () => {
  it('the same ids at the same place succeed and write nothing', async () => {
    const first = await store.append('task-c1.u2', three('task-c1.u2'), { expected: 'no_stream' });
    const again = await store.append('task-c1.u2', three('task-c1.u2'), { expected: 'no_stream' });
    expect(again).toEqual(first);
    expect(await count()).toBe(3);
  });

  it('different ids at a taken revision are a ConcurrencyError', async () => {
    await store.append('task-c1.u3', three('task-c1.u3'), { expected: 'no_stream' });
    await expect(store.append('task-c1.u3', [ev('X', {}, 'other-id')], { expected: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await count()).toBe(3);
  });

  it('known ids in another stream or out of order are a ConcurrencyError', async () => {
    const events = three('task-c1.u4');
    await store.append('task-c1.u4', events, { expected: 'no_stream' });
    await expect(store.append('task-c1.u5', events, { expected: 'no_stream' })).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append('task-c1.u4', [events[2]!, events[0]!], { expected: 'any' })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await count()).toBe(3);
  });
});

describe('append: refused input', () => {
  it('an event over 1 MiB is too_large and nothing of the batch is stored', async () => {
    const big = 'x'.repeat(MAX_EVENT_BYTES);
    await expect(store.append('s-big', [ev('Small', {}), ev('Big', { big })], { expected: 'any' })).rejects.toMatchObject({ code: 'too_large' });
    expect(await count()).toBe(0);
  });

  it.each(['', '-starts-with-dash', 'has space', 'a/b', 'x'.repeat(256)])('stream name %j is a validation error', async (stream) => {
    await expect(store.append(stream, [ev('A', {})], { expected: 'any' })).rejects.toMatchObject({ code: 'validation' });
  });

  it('an empty batch is a validation error', async () => {
    await expect(store.append('s-empty', [], { expected: 'any' })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('reading', () => {
  beforeEach(async () => {
    await store.append('cycle-c1', [ev('CycleLaunched', { i: 0 }), ev('TasksCreated', { i: 1 })], { expected: 'no_stream' });
    await store.append('task-c1.u1', [ev('TaskAssigned', { i: 0 }), ev('ResponseSubmitted', { i: 1 }), ev('ChecksPassed', { i: 2 })], { expected: 'no_stream' });
    await store.append('task-c1.u2', [ev('TaskAssigned', { i: 0 })], { expected: 'no_stream' });
    await store.append('cycle-c1', [ev('CollectionStarted', { i: 2 })], { expected: 1 });
  });

  it('readStream forwards, backwards, from and maxCount', async () => {
    const revs = (events: { revision: number }[]) => events.map((e) => e.revision);
    expect(revs(await store.readStream('task-c1.u1'))).toEqual([0, 1, 2]);
    expect(revs(await store.readStream('task-c1.u1', { direction: 'backwards' }))).toEqual([2, 1, 0]);
    expect(revs(await store.readStream('task-c1.u1', { from: 1 }))).toEqual([1, 2]);
    expect(revs(await store.readStream('task-c1.u1', { from: 1, direction: 'backwards' }))).toEqual([1, 0]);
    expect(revs(await store.readStream('task-c1.u1', { maxCount: 2 }))).toEqual([0, 1]);
    expect(await store.readStream('task-none')).toEqual([]);
    const [first] = await store.readStream('cycle-c1');
    expect(first).toMatchObject({ stream: 'cycle-c1', type: 'CycleLaunched', data: { i: 0 }, metadata: { actor: 'tester', schemaVersion: 1, prevHash: GENESIS_HASH } });
  });

  it('readAll with after, maxCount, streamPrefix and types', async () => {
    const all = await store.readAll();
    expect(all).toHaveLength(7);
    const after = await store.readAll({ after: all[2]!.position });
    expect(after.map((e) => e.position)).toEqual(all.slice(3).map((e) => e.position));
    expect(await store.readAll({ maxCount: 2 })).toEqual(all.slice(0, 2));
    const tasks = await store.readAll({ filter: { streamPrefix: 'task-' } });
    expect(tasks.map((e) => e.stream)).toEqual(['task-c1.u1', 'task-c1.u1', 'task-c1.u1', 'task-c1.u2']);
    const assigned = await store.readAll({ filter: { types: ['TaskAssigned', 'CollectionStarted'] } });
    expect(assigned.map((e) => e.type)).toEqual(['TaskAssigned', 'TaskAssigned', 'CollectionStarted']);
    const both = await store.readAll({ filter: { streamPrefix: 'cycle-', types: ['CollectionStarted'] } });
    expect(both.map((e) => [e.stream, e.revision])).toEqual([['cycle-c1', 2]]);
    expect((await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.type).toBe('CollectionStarted');
  });

  it('listStreams by prefix, with after and limit', async () => {
    expect(await store.listStreams('task-')).toEqual(['task-c1.u1', 'task-c1.u2']);
    expect(await store.listStreams('task-', { after: 'task-c1.u1' })).toEqual(['task-c1.u2']);
    expect(await store.listStreams('task-', { limit: 1 })).toEqual(['task-c1.u1']);
    expect(await store.listStreams('')).toEqual(['cycle-c1', 'task-c1.u1', 'task-c1.u2']);
    expect(await store.listStreams('survey-')).toEqual([]);
  });

  it('data survives closing and reopening the store', async () => {
    const before = await store.readAll();
    await store.close();
    store = new SqliteEventStore(file);
    expect(await store.readAll()).toEqual(before);
    expect((await store.append('cycle-c1', [ev('CollectionClosed', {})], { expected: 2 })).nextRevision).toBe(3);
    expect((await verifyStream(store, 'cycle-c1')).valid).toBe(true);
  });
});

describe('hash chain', () => {
  const STREAM = 'task-c9.u1';
  beforeEach(async () => {
    await store.append(STREAM, [0, 1, 2, 3].map((i) => ev(`E${i}`, { step: i })), { expected: 'no_stream' });
  });

  it('links each event to the previous one; verifyStream finds a good stream valid', async () => {
    const events = await store.readStream(STREAM);
    expect(events[0]?.metadata.prevHash).toBe(GENESIS_HASH);
    expect(events[2]?.metadata.prevHash).toBe(events[1]?.metadata.hash);
    expect(await verifyStream(store, STREAM)).toEqual({ valid: true, events: 4 });
  });

  it('an edited event breaks at its revision', async () => {
    tamper('UPDATE events SET data = ? WHERE stream = ? AND revision = 2', JSON.stringify({ step: 99 }), STREAM);
    expect(await verifyStream(store, STREAM)).toMatchObject({ valid: false, firstBrokenRevision: 2 });
  });

  it('a deleted middle event breaks at the missing revision', async () => {
    tamper('DELETE FROM events WHERE stream = ? AND revision = 1', STREAM);
    expect(await verifyStream(store, STREAM)).toMatchObject({ valid: false, firstBrokenRevision: 1, events: 1 });
  });

  it('two events with swapped data break at the first of them', async () => {
    const [one, two] = await store.readStream(STREAM, { from: 1, maxCount: 2 });
    const update = 'UPDATE events SET data = ? WHERE stream = ? AND revision = ?';
    tamper(update, JSON.stringify(two!.data), STREAM, 1);
    tamper(update, JSON.stringify(one!.data), STREAM, 2);
    expect((await store.readStream(STREAM, { from: 1, maxCount: 1 }))[0]?.data).toEqual({ step: 2 });
    expect(await verifyStream(store, STREAM)).toMatchObject({ valid: false, firstBrokenRevision: 1 });
  });

  it('an edited event with its own hash recomputed breaks the link of the next one', async () => {
    const [target] = await store.readStream(STREAM, { from: 1, maxCount: 1 });
    const { hash: _old, ...rest } = target!.metadata;
    const data = canonicalJson({ step: 42 });
    const hash = eventHash(STREAM, 1, target!.type, data, canonicalJson(rest));
    tamper('UPDATE events SET data = ?, hash = ? WHERE stream = ? AND revision = 1', data, hash, STREAM);
    expect(await verifyStream(store, STREAM)).toMatchObject({ valid: false, firstBrokenRevision: 2 });
  });

  it('canonicalJson sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: undefined, x: null }], c: 'é' } })).toBe('{"a":{"c":"é","d":[1,{"x":null,"z":0}]},"b":1}');
  });

  it('derivedEventId is stable per stream and revision', () => {
    expect(derivedEventId('s-1', 0)).toBe(derivedEventId('s-1', 0));
    expect(derivedEventId('s-1', 0)).not.toBe(derivedEventId('s-1', 1));
    expect(derivedEventId('s-1', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
