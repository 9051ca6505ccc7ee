import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoGeography } from '../domain/geography/geography.js';
import { eventSchemas } from '../domain/schemas.js';
import { SqliteEventStore } from '../eventstore/sqlite.js';
import { Projector, openReadDb, readModels } from '../projections/projector.js';
import { findUser, usersModel } from '../projections/users/model.js';

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const meta = { actor: 'manager', correlationId: 'c', causationId: null, workflowId: null, at: '2026-11-20T08:15:00.000Z' };
const created = (username: string, fullName?: string) => ({
  type: 'UserCreated',
  data: { id: username, username, ...(fullName === undefined ? {} : { fullName }), role: 'enumerator', areaCodes: ['01'], passwordHash: 'scrypt$x' },
  metadata: meta,
});

describe('full names in a read database made before they existed', () => {
  it('come from the log without a manual step, and an account without one stays readable', async () => {
    const store = new SqliteEventStore(':memory:', { schemas: eventSchemas });
    closers.push(() => store.close());
    await store.append('user-enum.old', [created('enum.old')], { expected: 'no_stream' });
    await store.append('user-enum.named', [created('enum.named', 'Nguyễn Thị Lan')], { expected: 'no_stream' });
    await store.append('user-enum.renamed', [created('enum.renamed'), { type: 'UserChanged', data: { fullName: 'Trần Văn Minh' }, metadata: meta }], { expected: 'no_stream' });

    const dir = mkdtempSync(join(tmpdir(), 'user-names-'));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'read.db');

    // An install from before: only the users table, fully caught up.
    const before = openReadDb(file, [usersModel]);
    await new Projector(store, before, [usersModel]).catchUp();
    expect(before.prepare("SELECT name FROM sqlite_master WHERE name = 'user_names'").get()).toBeUndefined();
    before.close();

    // The new version opens the same file with every model: the names model catches up from the start.
    const models = readModels(demoGeography());
    const db = openReadDb(file, models);
    closers.push(() => db.close());
    await new Projector(store, db, models).catchUp();
    expect(findUser(db, 'enum.named')?.fullName).toBe('Nguyễn Thị Lan');
    expect(findUser(db, 'enum.renamed')?.fullName).toBe('Trần Văn Minh');
    expect(findUser(db, 'enum.old')).toEqual({ id: 'enum.old', username: 'enum.old', role: 'enumerator', areaCodes: ['01'], disabled: false });
  });
});
