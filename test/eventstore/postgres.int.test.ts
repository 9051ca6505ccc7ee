import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortFor } from '../../bin/ports.js';
import { startPostgres, type Postgres } from '../../bin/postgres.js';
import { verifyLog } from '../../eventstore/integrity.js';
import { openEventStore } from '../../eventstore/open.js';
import type { EventStore, RecordedEvent } from '../../eventstore/port.js';
import { PostgresEventStore } from '../../eventstore/postgres.js';
import { eventSchemas } from '../../domain/schemas.js';
import { ev, eventStoreContract } from './contract.js';

/** A PostgreSQL server of its own for this file, from the machine's packages (bin/postgres.ts). */
let server: Postgres;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'survey-ops-pg-'));
  server = await startPostgres({ dir, port: await freePortFor() });
}, 120_000);

afterAll(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

eventStoreContract('PostgreSQL', async () => {
  const store = new PostgresEventStore(server.url, { pollMs: 50 });
  const others: EventStore[] = [];
  return {
    store,
    async other() {
      const other = new PostgresEventStore(server.url, { pollMs: 50 });
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.close();
      await store.close();
    },
  };
});

describe('the PostgreSQL log under concurrent writers', () => {
  it('gives a reader tailing it every event exactly once, in order, while 50 writers in 5 processes append at once', async () => {
    // Five stores stand for five processes: each its own pool of connections, committing on its own.
    const writers = Array.from({ length: 5 }, () => new PostgresEventStore(server.url));
    const reader = new PostgresEventStore(server.url, { pollMs: 20 });
    const prefix = `gap${Date.now()}-`;
    const start = await reader.headPosition();
    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    const expected = 50 * 20;
    const tail = (async () => {
      for await (const event of reader.subscribe({ after: start, filter: { streamPrefix: prefix }, signal: controller.signal })) {
        seen.push(event);
        if (seen.length === expected) controller.abort();
      }
    })();
    await Promise.all(
      Array.from({ length: 50 }, async (_, w) => {
        const store = writers[w % writers.length]!;
        for (let i = 0; i < 20; i++) await store.append(`${prefix}${w}`, [ev('Counted', { w, i })], { expected: i - 1 === -1 ? 'no_stream' : i - 1 });
      }),
    );
    const timeout = setTimeout(() => controller.abort(), 30_000);
    await tail;
    clearTimeout(timeout);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen.map((e) => e.id)).size).toBe(expected);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.position).toBeGreaterThan(seen[i - 1]!.position);
    // Positions leave no hole for a late commit to fill: the log is numbered without gaps.
    const all = await reader.readAll({ after: start, maxCount: 100_000 });
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => start + 1 + i));
    for (const store of [...writers, reader]) await store.close();
  }, 60_000);

  it('is opened from its URL, keeps the domain schemas, and verifies whole', async () => {
    const store = openEventStore(server.url, { schemas: eventSchemas });
    const stream = `survey-PG${Date.now()}`;
    await expect(store.append(stream, [ev('ResultsPublished', { nonsense: true })], { expected: 'no_stream' })).rejects.toMatchObject({ code: 'validation' });
    const report = await verifyLog(store);
    expect(report).toMatchObject({ valid: true, problems: [] });
    await store.close();
  });
});
