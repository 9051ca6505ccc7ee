import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lfsHousehold, withSecondHead } from './helpers/lfs.js';
import { launchCycle, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

/**
 * Receipts (api/receipts.ts): each accepted submission answers with one, and anyone holding
 * it can have it verified without logging in; the verification says what was received and
 * when, never the answers, and cannot be had for a made-up or altered receipt.
 */
type Receipt = { id: string; position: number; hash: string; at: string };
type Check = { valid: boolean; at: string | null; survey: string | null; period: string | null };

let system: TestSystem;
let enumerator: Api;
let tasks: string[];
const answers = lfsHousehold({ members: 4, employed: 2, unemployed: 1, income: 8765 });

/** `GET /api/receipts/:id` with no token. */
const check = async (id: string) => system.app.inject({ method: 'GET', url: `/api/receipts/${encodeURIComponent(id)}` });
const submit = (taskId: string, data: object, key: string) => enumerator.post(`/api/tasks/${taskId}/submit`, { data }, { 'idempotency-key': key });

beforeAll(async () => {
  system = await startTestSystem();
  const manager = await system.login('manager');
  enumerator = await system.login('enum.hanoi');
  const cycle = await launchCycle(manager, { survey: 'LFS', period: '2026-09', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
  tasks = (await manager.get(`/api/cycles/${cycle.id}/tasks?limit=4&enumerator=enum.hanoi`)).json<{ items: { id: string }[] }>().items.map((t) => t.id);
  expect(tasks).toHaveLength(4);
});

afterAll(async () => {
  await system?.stop();
});

describe('a receipt', () => {
  let receipt: Receipt;

  beforeAll(async () => {
    const res = await submit(tasks[0]!, answers, `receipt-first-${process.pid}`);
    expect(res.statusCode, res.body).toBe(200);
    receipt = res.json<{ receipt: Receipt }>().receipt;
  });

  it('comes with an accepted submission and names its event in the log', async () => {
    expect(receipt).toEqual({ id: expect.stringMatching(/^\d+-[A-Za-z0-9_-]{22}$/), position: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/), at: expect.any(String) });
    const [event] = await system.store.readAll({ after: receipt.position - 1, maxCount: 1 });
    expect(event).toMatchObject({ type: 'ResponseSubmitted', stream: `task-${tasks[0]}`, position: receipt.position, metadata: { hash: receipt.hash, at: receipt.at } });
  });

  it('is the same when the submission is sent again with its key', async () => {
    const again = await submit(tasks[0]!, answers, `receipt-first-${process.pid}`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<{ receipt: Receipt }>().receipt).toEqual(receipt);
  });

  it('is verified without logging in, naming the survey and period and none of the answers', async () => {
    const res = await check(receipt.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Check>()).toEqual({ valid: true, at: receipt.at, survey: 'LFS', period: '2026-09' });
    for (const word of ['persons', 'income', 'members', '8765', 'enum.hanoi', tasks[0]!]) expect(res.body).not.toContain(word);
  });

  it('is not valid when made up: another MAC, another position, or another event’s place', async () => {
    // The MAC is base64url, which may hold a '-' too: the position ends at the first.
    const cut = receipt.id.indexOf('-');
    const [position, mac] = [receipt.id.slice(0, cut), receipt.id.slice(cut + 1)];
    const flipped = `${position}-${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    const elsewhere = `${Number(position) - 1}-${mac}`;
    for (const id of [flipped, elsewhere, `999999999-${mac}`]) {
      const res = await check(id);
      expect(res.statusCode, id).toBe(200);
      expect(res.json<Check>(), id).toEqual({ valid: false, at: null, survey: null, period: null });
    }
  });

  it('refuses an id that is not a receipt’s with 400 naming it', async () => {
    for (const id of ['0-AAAAAAAAAAAAAAAAAAAAAA', '12-short', 'x'.repeat(40), '1 OR 1=1']) {
      const res = await check(id);
      expect(res.statusCode, id).toBe(400);
      expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['params.id']);
    }
  });

  it('is not given for a submission whose checks failed', async () => {
    const res = await submit(tasks[1]!, withSecondHead(answers), `receipt-failed-${process.pid}`);
    expect(res.json()).toMatchObject({ status: 'checks_failed', receipt: null });
  });

  it('no longer verifies once its event is altered in the event store file', async () => {
    const other = (await submit(tasks[2]!, answers, `receipt-altered-${process.pid}`)).json<{ receipt: Receipt }>().receipt;
    expect((await check(other.id)).json<Check>().valid).toBe(true);
    const events = new Database(join(system.dataDir, 'events.db'));
    try {
      events.prepare("UPDATE events SET data = json_set(data, '$.data.income', 1) WHERE position = ?").run(other.position);
    } finally {
      events.close();
    }
    expect((await check(other.id)).json<Check>()).toEqual({ valid: false, at: null, survey: null, period: null });
    // The first receipt, whose event is untouched, still verifies.
    expect((await check(receipt.id)).json<Check>().valid).toBe(true);
  });
});
