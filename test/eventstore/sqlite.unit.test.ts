import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CycleLaunched } from '../../domain/cycle/events.js';
import { evolveCycle, initialCycleState } from '../../domain/cycle/state.js';
import { eventSchemas } from '../../domain/schemas.js';
import { canonicalJson, eventHash } from '../../eventstore/hash.js';
import { SEAL_HEADS_PER_EVENT, Sealer, verifyLog, verifyStream } from '../../eventstore/integrity.js';
import { SqliteEventStore } from '../../eventstore/sqlite.js';
import { ev, eventStoreContract } from './contract.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-ops-es-'));
  dirs.push(dir);
  return join(dir, 'events.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

eventStoreContract('SQLite', async () => {
  const file = tempFile();
  const store = new SqliteEventStore(file);
  const others: SqliteEventStore[] = [];
  return {
    store,
    async other() {
      const other = new SqliteEventStore(file);
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.close();
      await store.close();
    },
  };
});

describe('SQLite event store: the file behind it', () => {
  let file: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    file = tempFile();
    store = new SqliteEventStore(file);
  });
  afterEach(async () => {
    await store.close();
  });

  /** Runs SQL against the file behind the store's back, as someone with disk access could. */
  const tamper = (sql: string, ...params: (string | number)[]) => {
    const db = new Database(file);
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  };

  const fill = async () => {
    await store.append('task-c1.u1', [0, 1, 2, 3].map((i) => ev('E', { step: i })), { expected: 'no_stream' });
    await store.append('task-c1.u2', [0, 1, 2].map((i) => ev('E', { step: i })), { expected: 'no_stream' });
    await new Sealer(store).seal();
  };

  it('keeps everything across closing and reopening', async () => {
    await fill();
    const before = await store.readAll();
    await store.close();
    store = new SqliteEventStore(file);
    expect(await store.readAll()).toEqual(before);
    expect((await store.append('task-c1.u1', [ev('E', {})], { expected: 3 })).nextRevision).toBe(4);
    expect((await verifyLog(store)).valid).toBe(true);
  });

  it('commits appends made together in one go, judging each on its own', async () => {
    await store.append('task-c1.u1', [ev('E', { step: 0 })], { expected: 'no_stream' });
    const together = await Promise.allSettled([
      store.append('task-c1.u2', [ev('E', { step: 0 })], { expected: 'no_stream' }),
      store.append('task-c1.u1', [ev('E', { step: 1 })], { expected: 5 }),
      store.append('task-c1.u2', [ev('E', { step: 1 })], { expected: 0 }),
      store.append('task-c1.u3', [ev('E', { step: 0 }), ev('E', { step: 1 })], { expected: 'no_stream' }),
    ]);
    expect(together.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((together[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'concurrency' });
    const positions = together.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.position] : []));
    expect(positions).toEqual([2, 3, 5]);
    expect((await store.readStream('task-c1.u1')).map((e) => e.data)).toEqual([{ step: 0 }]);
    expect((await store.readStream('task-c1.u2')).map((e) => e.revision)).toEqual([0, 1]);
    expect((await verifyLog(store)).valid).toBe(true);
  });

  it('reports an edited event with its stream and revision', async () => {
    await fill();
    tamper("UPDATE events SET data = ? WHERE stream = 'task-c1.u1' AND revision = 2", JSON.stringify({ step: 99 }));
    expect(await verifyStream(store, 'task-c1.u1')).toMatchObject({ valid: false, firstBrokenRevision: 2 });
    expect((await verifyLog(store)).problems).toEqual([{ stream: 'task-c1.u1', revision: 2, reason: 'its content does not match its hash' }]);
  });

  it('reports a deleted middle event at the missing revision', async () => {
    await fill();
    tamper("DELETE FROM events WHERE stream = 'task-c1.u2' AND revision = 1");
    expect(await verifyStream(store, 'task-c1.u2')).toMatchObject({ valid: false, firstBrokenRevision: 1, events: 1 });
    expect((await verifyLog(store)).problems).toEqual([expect.objectContaining({ stream: 'task-c1.u2', revision: 1 })]);
  });

  it('reports reordered events at the first of them', async () => {
    await fill();
    tamper("UPDATE events SET revision = -1 WHERE stream = 'task-c1.u1' AND revision = 1");
    tamper("UPDATE events SET revision = 1 WHERE stream = 'task-c1.u1' AND revision = 2");
    tamper("UPDATE events SET revision = 2 WHERE stream = 'task-c1.u1' AND revision = -1");
    expect(await verifyStream(store, 'task-c1.u1')).toMatchObject({ valid: false, firstBrokenRevision: 1 });
    expect((await verifyLog(store)).problems).toEqual([expect.objectContaining({ stream: 'task-c1.u1', revision: 1 })]);
  });

  it('reports an edited event whose own hash was recomputed at the next one', async () => {
    await fill();
    const [target] = await store.readStream('task-c1.u1', { from: 1, maxCount: 1 });
    const { hash: _old, ...rest } = target!.metadata;
    const data = canonicalJson({ step: 42 });
    tamper("UPDATE events SET data = ?, hash = ? WHERE stream = 'task-c1.u1' AND revision = 1", data, eventHash('task-c1.u1', 1, 'E', data, canonicalJson(rest)));
    expect(await verifyStream(store, 'task-c1.u1')).toMatchObject({ valid: false, firstBrokenRevision: 2 });
  });

  it('catches the newest events of a stream cut off, which no chain can see, through the seals', async () => {
    await fill();
    tamper("DELETE FROM events WHERE stream = 'task-c1.u1' AND revision >= 2");
    expect((await verifyStream(store, 'task-c1.u1')).valid).toBe(true);
    const result = await verifyLog(store);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ stream: 'task-c1.u1', revision: 2, reason: expect.stringContaining('cut short') })]);
  });

  it('seals more streams than one event can hold in several parts, and misses none of them', async () => {
    const streams = SEAL_HEADS_PER_EVENT * 2 + 10;
    for (let i = 0; i < streams; i += 500) {
      const batch = Math.min(500, streams - i);
      await Promise.all(Array.from({ length: batch }, (_, k) => store.append(`task-big.u${i + k}`, [ev('E', { n: i + k })], { expected: 'no_stream' })));
    }
    const seal = await new Sealer(store).seal();
    expect(seal?.heads).toHaveLength(streams);
    const parts = await store.readStream('seals');
    expect(parts.map((p) => [(p.data as { part: number }).part, (p.data as { parts: number }).parts])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(await verifyLog(store)).toMatchObject({ valid: true, seals: 1 });

    // A stream sealed in the last part, cut short, is still caught; so is a lost part.
    tamper("DELETE FROM events WHERE stream = ? AND revision = 0", `task-big.u${streams - 1}`);
    expect((await verifyLog(store)).problems).toEqual([expect.objectContaining({ stream: `task-big.u${streams - 1}`, reason: expect.stringContaining('cut short') })]);
    tamper("DELETE FROM events WHERE stream = 'seals' AND revision = 2");
    expect((await verifyLog(store)).problems).toEqual(expect.arrayContaining([expect.objectContaining({ stream: 'seals', reason: expect.stringContaining('2 of its 3 parts') })]));
  });

  it('catches a forged event inserted into a sealed range, even with a valid chain', async () => {
    await fill();
    // u1's head is followed in the log by u2's events, all of them sealed.
    const [head] = await store.readStream('task-c1.u1', { direction: 'backwards', maxCount: 1 });
    const metadataJson = canonicalJson({ ...ev('E', {}).metadata, schemaVersion: 1, prevHash: head!.metadata.hash });
    const dataJson = canonicalJson({ step: 'forged' });
    // Make room right after u1's head by moving later positions up, then slip a well-linked forgery in.
    tamper('UPDATE events SET position = position + 1000 WHERE position > ?', head!.position);
    tamper('INSERT INTO events (position, id, stream, revision, type, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', head!.position + 1, 'forged-id', 'task-c1.u1', 4, 'E', dataJson, metadataJson, eventHash('task-c1.u1', 4, 'E', dataJson, metadataJson));
    tamper("UPDATE events SET data = json_set(data, '$.upTo', json_extract(data, '$.upTo') + 1000) WHERE stream = 'seals'");
    expect((await verifyStream(store, 'task-c1.u1')).valid).toBe(true);
    expect((await verifyLog(store)).problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ stream: 'task-c1.u1', revision: 4, reason: expect.stringContaining('inserted') })]),
    );
  });

  it('answers a full disk with a typed error and keeps what was stored', async () => {
    await store.close();
    store = new SqliteEventStore(file, { maxBytes: 256 * 1024 });
    await store.append('s-1', [ev('A', { n: 1 })], { expected: 'no_stream' });
    const chunk = 'x'.repeat(100_000);
    await expect(
      (async () => {
        for (let i = 0; i < 10; i++) await store.append('s-1', [ev('B', { chunk })], { expected: 'any' });
      })(),
    ).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('disk is full') });
    const kept = await store.readStream('s-1');
    expect(kept[0]?.data).toEqual({ n: 1 });
    expect((await verifyStream(store, 's-1')).valid).toBe(true);
  });

  it('answers a read-only file with a typed error on append, and still reads', async () => {
    await store.append('s-1', [ev('A', {})], { expected: 'no_stream' });
    await store.close();
    chmodSync(file, 0o444);
    const reader = new SqliteEventStore(file, { readonly: true });
    await expect(reader.append('s-1', [ev('B', {})], { expected: 0 })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('read-only') });
    expect(await reader.readStream('s-1')).toHaveLength(1);
    await reader.close();
    chmodSync(file, 0o644);
    store = new SqliteEventStore(file);
  });

  it('refuses to open a file that is not a database, without touching it', async () => {
    const junk = tempFile();
    writeFileSync(junk, 'this is not a database, it is a shopping list\n'.repeat(100));
    expect(() => new SqliteEventStore(junk)).toThrow(expect.objectContaining({ code: 'unavailable', message: expect.stringContaining('corrupt') }));
  });

  it('reads a log written in an older shape in the newest one, and verifies it as stored', async () => {
    // Written as version 1 of CycleLaunched, before autoPublish existed.
    const v1 = { cycleId: 'c1', surveyId: 'LFS', surveyCode: 'LFS', period: '2025-11', areaCodes: [], collectionDeadline: '2025-12-01T00:00:00.000Z' };
    await store.append('cycle-c1', [{ ...ev('CycleLaunched', v1), metadata: { ...ev('X', {}).metadata, schemaVersion: 1 } }], { expected: 'no_stream' });
    await store.close();
    store = new SqliteEventStore(file, { schemas: eventSchemas });
    const [event] = await store.readStream('cycle-c1');
    // Up through every version since: autoPublish (2), then the survey version its tasks answer (3).
    expect(event).toMatchObject({ data: { ...v1, autoPublish: false, surveyVersion: 1 }, metadata: { schemaVersion: 3 } });
    expect(evolveCycle(initialCycleState, { type: 'CycleLaunched', data: event!.data as CycleLaunched['data'] })).toMatchObject({ autoPublish: false, status: 'launching' });
    expect((await store.readStream('cycle-c1', { raw: true }))[0]).toMatchObject({ data: v1, metadata: { schemaVersion: 1 } });
    expect((await verifyStream(store, 'cycle-c1')).valid).toBe(true);
  });

  it('stamps new events with their type’s current version and refuses a wrong shape', async () => {
    await store.close();
    store = new SqliteEventStore(file, { schemas: eventSchemas });
    await store.append('task-c1.u1', [ev('TaskCancelled', { reason: 'x' })], { expected: 'no_stream' });
    expect((await store.readStream('task-c1.u1'))[0]?.metadata.schemaVersion).toBe(1);
    await expect(store.append('task-c1.u1', [ev('TaskCancelled', { why: 'x' })], { expected: 0 })).rejects.toMatchObject({ code: 'validation', errors: [{ path: 'data.reason' }] });
    expect(await store.readStream('task-c1.u1')).toHaveLength(1);
  });
});
