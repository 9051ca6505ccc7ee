import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { derivedEventId } from '../../eventstore/ids.js';
import { verifyStream } from '../../eventstore/integrity.js';
import { KurrentDbEventStore } from '../../eventstore/kurrentdb.js';
import type { EventStore, RecordedEvent } from '../../eventstore/port.js';
import { SqliteEventStore } from '../../eventstore/sqlite.js';
import { ev, eventStoreContract } from './contract.js';

/**
 * Against a real KurrentDB, e.g. `docker run -p 2113:2113 docker.kurrent.io/kurrent-latest/kurrentdb:25.1 --insecure`
 * then `KURRENTDB_CONNECTION_STRING='kurrentdb://127.0.0.1:2113?tls=false' npx vitest run test/eventstore/kurrentdb`.
 * Streams carry a random prefix per test, so a shared server is fine.
 */
const connection = process.env.KURRENTDB_CONNECTION_STRING;

describe.skipIf(!connection)('KurrentDB adapter', () => {
  eventStoreContract('KurrentDB', async () => {
    const store = new KurrentDbEventStore(connection!);
    const others: EventStore[] = [];
    return {
      store,
      async other() {
        const other = new KurrentDbEventStore(connection!);
        others.push(other);
        return other;
      },
      async close() {
        for (const other of others) await other.close();
        await store.close();
      },
    };
  });

  describe('beyond the contract', () => {
    const dirs: string[] = [];
    afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    const prefix = () => `k${randomBytes(4).toString('hex')}-`;

    it('computes the same hash chain as the SQLite adapter for the same events', async () => {
      const kurrent = new KurrentDbEventStore(connection!);
      const dir = mkdtempSync(join(tmpdir(), 'survey-ops-kdb-'));
      dirs.push(dir);
      const sqlite = new SqliteEventStore(join(dir, 'same.db'));
      try {
        const s = `${prefix()}task`;
        const batches = [
          [ev('A', { '10': 1, '9': 2, nested: { b: [1, null, 'x'], a: 'é' } }, derivedEventId(s, 0)), ev('B', 'text', derivedEventId(s, 1))],
          [ev('C', 0.1, derivedEventId(s, 2))],
        ];
        for (const [i, batch] of batches.entries()) {
          const expected = i === 0 ? 'no_stream' : 1;
          await kurrent.append(s, batch!, { expected });
          await sqlite.append(s, batch!, { expected });
        }
        const hashes = async (store: EventStore) => (await store.readStream(s)).map((e) => [e.id, e.revision, e.metadata.prevHash, e.metadata.hash]);
        expect(await hashes(kurrent)).toEqual(await hashes(sqlite));
        const raw = async (store: EventStore) => {
          const out = [];
          for await (const { position: _p, ...e } of store.rawLog({ stream: s })) out.push(e);
          return out;
        };
        expect(await raw(kurrent)).toEqual(await raw(sqlite));
        expect(await verifyStream(kurrent, s)).toEqual({ valid: true, events: 3 });
      } finally {
        await kurrent.close();
        await sqlite.close();
      }
    });

    it('answers a retry with expected any or stream_exists without writing, and chains appends that race on one stream', async () => {
      const a = new KurrentDbEventStore(connection!);
      const b = new KurrentDbEventStore(connection!);
      try {
        const s = `${prefix()}shared`;
        await a.append(s, [ev('Start', {})], { expected: 'no_stream' });
        const batch = [ev('X', { n: 1 }, derivedEventId(s, 1)), ev('Y', { n: 2 }, derivedEventId(s, 2))];
        const first = await a.append(s, batch, { expected: 'any' });
        expect(await b.append(s, batch, { expected: 'stream_exists' })).toEqual(first);
        // Two clients appending with `any` at once: each append lands on a fresh head, the chain stays linear.
        await Promise.all([0, 1, 2, 3, 4].map((i) => (i % 2 ? a : b).append(s, [ev('R', { i })], { expected: 'any' })));
        const events = await a.readStream(s);
        expect(events.map((e) => e.revision)).toEqual([...Array(8).keys()]);
        expect(await verifyStream(a, s)).toEqual({ valid: true, events: 8 });
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('resumes a subscription from a checkpoint and stops when the signal aborts', async () => {
      const store = new KurrentDbEventStore(connection!);
      try {
        const p = prefix();
        await store.append(`${p}s`, [0, 1, 2, 3].map((i) => ev('E', { i })), { expected: 'no_stream' });
        const all = await store.readAll({ filter: { streamPrefix: p } });
        const controller = new AbortController();
        const seen: RecordedEvent[] = [];
        const done = (async () => {
          for await (const e of store.subscribe({ after: all[1]!.position, filter: { streamPrefix: p, types: ['E', 'F'] }, signal: controller.signal })) {
            seen.push(e);
            if (seen.length === 3) setTimeout(() => controller.abort(), 200);
          }
        })();
        await store.append(`${p}s`, [ev('Other', {}), ev('F', { i: 4 })], { expected: 3 });
        await done;
        expect(seen.map((e) => [e.type, e.revision])).toEqual([['E', 2], ['E', 3], ['F', 5]]);
      } finally {
        await store.close();
      }
    });
  });
});
