import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, MAX_EVENT_BYTES } from '../../eventstore/errors.js';
import { GENESIS_HASH } from '../../eventstore/hash.js';
import { derivedEventId } from '../../eventstore/ids.js';
import { Sealer, verifyLog, verifyStream } from '../../eventstore/integrity.js';
import type { EventStore, NewEvent, RecordedEvent } from '../../eventstore/port.js';

export interface ContractTarget {
  readonly store: EventStore;
  /** A second, independent client of the same store (another process's view). */
  other(): Promise<EventStore>;
  close(): Promise<void>;
}

export const ev = (type: string, data: unknown, id?: string): NewEvent => ({
  ...(id ? { id } : {}),
  type,
  data,
  metadata: { actor: 'tester', correlationId: 'corr-1', causationId: 'cause-1', workflowId: 'task/c1.u1', at: '2026-11-01T00:00:00.000Z' },
});

/**
 * What every EventStore adapter must do, KurrentDB's semantics. Streams are named
 * with a prefix unique to each test, so the suite also runs against a shared server.
 */
export function eventStoreContract(name: string, open: () => Promise<ContractTarget>): void {
  describe(`EventStore contract: ${name}`, () => {
    let target: ContractTarget;
    let store: EventStore;
    let p: string;
    const mine = async () => store.readAll({ maxCount: 10_000, filter: { streamPrefix: p } });

    beforeEach(async () => {
      target = await open();
      store = target.store;
      p = `t${randomBytes(4).toString('hex')}-`;
    });
    afterEach(async () => {
      await target.close();
    });

    it('appends with each expected state and refuses a wrong one with a concurrency error', async () => {
      const s = `${p}a`;
      await expect(store.append(s, [ev('A', {})], { expected: 'stream_exists' })).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.append(s, [ev('A', {}), ev('B', {})], { expected: 'no_stream' })).toMatchObject({ nextRevision: 1 });
      await expect(store.append(s, [ev('C', {})], { expected: 'no_stream' })).rejects.toMatchObject({ code: 'concurrency' });
      expect((await store.append(s, [ev('C', {})], { expected: 1 })).nextRevision).toBe(2);
      await expect(store.append(s, [ev('D', {})], { expected: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.append(s, [ev('D', {})], { expected: 'stream_exists' })).nextRevision).toBe(3);
      expect((await store.append(s, [ev('E', {})], { expected: 'any' })).nextRevision).toBe(4);
      expect((await mine()).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
    });

    it('numbers revisions per stream from 0, positions strictly increasing across streams', async () => {
      await store.append(`${p}a`, [ev('A', {}), ev('B', {})], { expected: 'no_stream' });
      await store.append(`${p}b`, [ev('C', {})], { expected: 'no_stream' });
      const last = await store.append(`${p}a`, [ev('D', {})], { expected: 1 });
      const events = await mine();
      expect(events.map((e) => [e.stream, e.revision, e.type])).toEqual([
        [`${p}a`, 0, 'A'],
        [`${p}a`, 1, 'B'],
        [`${p}b`, 0, 'C'],
        [`${p}a`, 2, 'D'],
      ]);
      expect(events.every((e, i) => i === 0 || e.position > events[i - 1]!.position)).toBe(true);
      expect(last.position).toBe(events[3]!.position);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(events[3]!.position);
    });

    it('answers a retry of the same event ids at the same place without writing them twice', async () => {
      const s = `${p}task`;
      const three = [0, 1, 2].map((i) => ev(`E${i}`, { i }, derivedEventId(s, i)));
      const first = await store.append(s, three, { expected: 'no_stream' });
      expect(await store.append(s, three, { expected: 'no_stream' })).toEqual(first);
      await expect(store.append(s, [ev('X', {}, derivedEventId(`${p}other`, 0))], { expected: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await mine()).toHaveLength(3);
    });

    it('keeps the metadata of every event: actor, correlation, causation, workflow, time, schema version, hash chain', async () => {
      await store.append(`${p}m`, [ev('A', { x: 1 }), ev('B', { y: [1, 'two', null, true] })], { expected: 'no_stream' });
      const [a, b] = await store.readStream(`${p}m`);
      expect(a).toMatchObject({ type: 'A', data: { x: 1 }, metadata: { actor: 'tester', correlationId: 'corr-1', causationId: 'cause-1', workflowId: 'task/c1.u1', at: '2026-11-01T00:00:00.000Z', schemaVersion: 1, prevHash: GENESIS_HASH } });
      expect(a!.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(b!.metadata.prevHash).toBe(a!.metadata.hash);
      expect(b!.data).toEqual({ y: [1, 'two', null, true] });
      expect(await verifyStream(store, `${p}m`)).toEqual({ valid: true, events: 2 });
    });

    it('reads a stream forwards, backwards, from a revision, up to a count', async () => {
      const s = `${p}r`;
      await store.append(s, [0, 1, 2, 3].map((i) => ev('E', { i })), { expected: 'no_stream' });
      const revs = (events: RecordedEvent[]) => events.map((e) => e.revision);
      expect(revs(await store.readStream(s))).toEqual([0, 1, 2, 3]);
      expect(revs(await store.readStream(s, { direction: 'backwards' }))).toEqual([3, 2, 1, 0]);
      expect(revs(await store.readStream(s, { from: 1, maxCount: 2 }))).toEqual([1, 2]);
      expect(revs(await store.readStream(s, { from: 1, direction: 'backwards' }))).toEqual([1, 0]);
      expect(await store.readStream(`${p}none`)).toEqual([]);
    });

    it('reads the log after a position, backwards, filtered by stream prefix and event type', async () => {
      await store.append(`${p}cycle-1`, [ev('CycleLaunched', {}), ev('TasksCreated', {})], { expected: 'no_stream' });
      await store.append(`${p}task-1.u1`, [ev('TaskAssigned', {}), ev('ResponseSubmitted', {})], { expected: 'no_stream' });
      await store.append(`${p}task-1.u2`, [ev('TaskAssigned', {})], { expected: 'no_stream' });
      const all = await mine();
      expect(all).toHaveLength(5);
      const after = await store.readAll({ after: all[1]!.position, maxCount: 10, filter: { streamPrefix: p } });
      expect(after.map((e) => e.position)).toEqual(all.slice(2).map((e) => e.position));
      const tasks = await store.readAll({ filter: { streamPrefix: `${p}task-` } });
      expect(tasks.map((e) => e.stream)).toEqual([`${p}task-1.u1`, `${p}task-1.u1`, `${p}task-1.u2`]);
      const assigned = await store.readAll({ filter: { streamPrefix: p, types: ['TaskAssigned', 'TasksCreated'] } });
      expect(assigned.map((e) => e.type)).toEqual(['TasksCreated', 'TaskAssigned', 'TaskAssigned']);
      const backwards = await store.readAll({ direction: 'backwards', maxCount: 2, filter: { streamPrefix: p } });
      expect(backwards.map((e) => e.position)).toEqual([all[4]!.position, all[3]!.position]);
      expect(await store.listStreams(`${p}task-`)).toEqual([`${p}task-1.u1`, `${p}task-1.u2`]);
      expect(await store.listStreams(`${p}task-`, { after: `${p}task-1.u1` })).toEqual([`${p}task-1.u2`]);
      expect(await store.listStreams(p, { limit: 1 })).toEqual([`${p}cycle-1`]);
    });

    it('refuses bad input with a typed error and stores nothing of the batch', async () => {
      const big = 'x'.repeat(MAX_EVENT_BYTES);
      await expect(store.append(`${p}big`, [ev('Small', {}), ev('Big', { big })], { expected: 'any' })).rejects.toMatchObject({ code: 'too_large' });
      for (const stream of ['', '-dash', 'has space', 'a/b', '$system', 'x'.repeat(256)]) {
        await expect(store.append(stream, [ev('A', {})], { expected: 'any' })).rejects.toMatchObject({ code: 'validation' });
      }
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      for (const data of [undefined, cyclic, { n: Number.NaN }, { n: 10n }, { f: () => 1 }]) {
        await expect(store.append(`${p}bad`, [ev('A', data)], { expected: 'any' })).rejects.toMatchObject({ code: 'validation' });
      }
      await expect(store.append(`${p}bad`, [ev('not a type', {})], { expected: 'any' })).rejects.toMatchObject({ code: 'validation' });
      await expect(store.append(`${p}bad`, [], { expected: 'any' })).rejects.toMatchObject({ code: 'validation' });
      expect(await mine()).toEqual([]);
    });

    it('subscribes from a checkpoint: catch-up then live, no gap, duplicate or reordering under concurrent writers', async () => {
      await store.append(`${p}w0`, [0, 1, 2].map((i) => ev('E', { w: 0, i })), { expected: 'no_stream' });
      const [checkpoint] = await mine();
      const other = await target.other();
      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      const expected = 2 + 3 * 40;
      const done = (async () => {
        for await (const event of store.subscribe({ after: checkpoint!.position, filter: { streamPrefix: p }, signal: controller.signal })) {
          seen.push(event);
          if (seen.length === expected) controller.abort();
        }
      })();
      const writer = async (client: EventStore, w: number) => {
        for (let i = 0; i < 40; i++) await client.append(`${p}w${w}`, [ev('E', { w, i })], { expected: i === 0 ? 'no_stream' : i - 1 });
      };
      await Promise.all([writer(store, 1), writer(other, 2), writer(store, 3)]);
      await done;
      await other.close();
      expect(seen).toHaveLength(expected);
      expect(seen.every((e, i) => i === 0 || e.position > seen[i - 1]!.position)).toBe(true);
      expect(new Set(seen.map((e) => e.id)).size).toBe(expected);
      expect(seen.map((e) => e.position)).toEqual((await mine()).slice(1).map((e) => e.position));
      for (const w of [1, 2, 3]) expect(seen.filter((e) => e.stream === `${p}w${w}`).map((e) => e.revision)).toEqual([...Array(40).keys()]);
    });

    it('seals the heads that moved and verifies the whole log against its seals', async () => {
      await store.append(`${p}s1`, [ev('A', {}), ev('B', {})], { expected: 'no_stream' });
      await store.append(`${p}s2`, [ev('A', {})], { expected: 'no_stream' });
      const seal = await new Sealer(store).seal();
      expect(seal?.heads).toEqual(expect.arrayContaining([expect.objectContaining({ stream: `${p}s1`, revision: 1 }), expect.objectContaining({ stream: `${p}s2`, revision: 0 })]));
      await store.append(`${p}s1`, [ev('C', {})], { expected: 1 });
      const result = await verifyLog(store);
      expect(result).toMatchObject({ valid: true, problems: [] });
      expect(result.seals).toBeGreaterThanOrEqual(1);
      expect(result.events).toBeGreaterThanOrEqual(5);
    });
  });
}
