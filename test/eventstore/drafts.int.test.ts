import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortFor } from '../../bin/ports.js';
import { startPostgres, type Postgres } from '../../bin/postgres.js';
import { DRAFTS_SCHEMA, DraftStore } from '../../eventstore/drafts.js';
import { openSideDb, type SideDb } from '../../eventstore/side-db.js';

/** Both draft stores keep the same promises: one draft per task and holder, the later save wins, kept across reopening. */
let dir: string;
let server: Postgres;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'survey-ops-drafts-'));
  server = await startPostgres({ dir: join(dir, 'postgres'), port: await freePortFor() });
}, 120_000);

afterAll(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sides: [string, () => SideDb][] = [
  ['SQLite', () => openSideDb(`sqlite:${join(dir, 'events.db')}`, join(dir, 'side.db'), DRAFTS_SCHEMA)],
  ['PostgreSQL', () => openSideDb(server.url, join(dir, 'unused.db'), DRAFTS_SCHEMA)],
];

describe.each(sides)('the %s draft store', (_name, open) => {
  it('keeps one draft per task and holder, the later savedAt winning, across reopening', async () => {
    let db = open();
    let store = new DraftStore(db);
    try {
      const task = `T-${Math.random().toString(36).slice(2)}`;
      expect(await store.get(task, 'enum.a')).toBeNull();
      const kept = await store.put({ taskId: task, holder: 'enum.a', data: { members: 2, persons: [{ name: 'Lan' }] }, savedAt: '2026-12-01T08:00:00.000+07:00' });
      expect(kept).toMatchObject({ taskId: task, holder: 'enum.a', data: { members: 2, persons: [{ name: 'Lan' }] }, savedAt: '2026-12-01T01:00:00.000Z' });
      // An earlier save arriving late, and the same save again, change nothing; a later one replaces it.
      expect((await store.put({ taskId: task, holder: 'enum.a', data: { members: 1 }, savedAt: '2026-12-01T00:59:59.999Z' })).data).toEqual({ members: 2, persons: [{ name: 'Lan' }] });
      expect((await store.put({ taskId: task, holder: 'enum.a', data: { members: 9 }, savedAt: '2026-12-01T01:00:00.000Z' })).data).toEqual({ members: 2, persons: [{ name: 'Lan' }] });
      expect((await store.put({ taskId: task, holder: 'enum.a', data: { members: 3 }, savedAt: '2026-12-01T01:00:00.001Z' })).data).toEqual({ members: 3 });
      // Another holder of the same task has a draft of their own.
      await store.put({ taskId: task, holder: 'enum.b', data: { members: 7 }, savedAt: '2026-11-01T00:00:00Z' });
      await db.close();
      db = open();
      store = new DraftStore(db);
      expect((await store.get(task, 'enum.a'))?.data).toEqual({ members: 3 });
      await store.remove(task, 'enum.a');
      expect(await store.get(task, 'enum.a')).toBeNull();
      expect((await store.get(task, 'enum.b'))?.data).toEqual({ members: 7 });
    } finally {
      await db.close();
    }
  });
});
