import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../bin/cluster.js';
import { verifyLog } from '../eventstore/integrity.js';
import { PostgresEventStore } from '../eventstore/postgres.js';
import { clusterTokens, startTestCluster } from './helpers/cluster.js';
import { dwellingSurvey } from './helpers/scene.js';

/**
 * The cluster profile as `npm run cluster` starts it: PostgreSQL, Temporal's own server on it
 * and two app replicas, each a process of its own, driven over HTTP, and killed in turn.
 */
let cluster: Cluster;
let dataDir: string;
let recent: () => string[] = () => [];
let tokens = new Map<string, string>();

beforeAll(async () => {
  ({ cluster, dataDir, recent } = await startTestCluster());
  tokens = await clusterTokens(cluster.replicas[0]!.url, ['manager', 'enum.hcm', 'sup.hcm', 'auditor']);
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

type Reply = { status: number; body: any };

/** A call to one replica; a connection refused or reset answers status 0. */
async function call(replica: number, user: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  try {
    const res = await fetch(`${cluster.replicas[replica]!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens.get(user)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  } catch {
    return { status: 0, body: null };
  }
}

/**
 * Tries the call until an answer that is not an outage (no connection, 5xx), on either replica,
 * the preferred one first. Recovery from a kill is slower on a loaded machine than alone (a
 * minute alone); the failure shows what the processes said last.
 */
async function steady(prefer: number, user: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply> {
  const deadline = Date.now() + 480_000;
  for (let attempt = 0; ; attempt++) {
    const reply = await call((prefer + attempt) % 2, user, method, path, body, headers);
    if (reply.status !== 0 && reply.status < 500) return reply;
    if (Date.now() > deadline) throw new Error(`${method} ${path} still failing: ${reply.status} ${JSON.stringify(reply.body)}\nLast said:\n${recent().slice(-40).join('\n')}`);
    await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * 2 ** Math.min(attempt, 5))));
  }
}

describe('two replicas on one log', () => {
  it('read, through the other replica right after its answer, what one wrote', async () => {
    for (let i = 0; i < 5; i++) {
      const code = `RW${i}`;
      const created = await call(i % 2, 'manager', 'POST', '/api/surveys', dwellingSurvey(code));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const read = await call((i + 1) % 2, 'manager', 'GET', `/api/surveys/${code}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: code });
    }
  });
});

describe('a cycle of 1,000 tasks while a replica, the Temporal server and PostgreSQL are killed in turn', () => {
  const TASKS = 1_000;

  it('ends with every task final, no event lost or written twice, and the whole log verified', async () => {
    const units = Array.from({ length: TASKS }, (_, i) => ({ id: `D${String(i).padStart(4, '0')}`, type: 'dwelling', areaCode: '79002', name: `Nhà ${i}`, enumerator: 'enum.hcm' }));
    expect((await steady(0, 'manager', 'POST', '/api/units/import', units)).body).toMatchObject({ imported: TASKS });
    const launched = await steady(1, 'manager', 'POST', '/api/cycles', { survey: 'RW0', period: '2027-01', areaCodes: ['79002'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    expect(launched.status, JSON.stringify(launched.body)).toBe(202);
    const cycleId = launched.body.id as string;
    const overview = async () => (await steady(0, 'manager', 'GET', `/api/cycles/${cycleId}`)).body;
    for (let o = await overview(); o.status === 'launching' || o.total !== TASKS || Object.values(o.counts as Record<string, number>).reduce((a, b) => a + b, 0) < TASKS; o = await overview()) {
      await new Promise((r) => setTimeout(r, 500));
    }
    const ids: string[] = [];
    for (let after = ''; ; ) {
      const page = (await steady(1, 'enum.hcm', 'GET', `/api/cycles/${cycleId}/tasks?limit=500${after ? `&cursor=${encodeURIComponent(after)}` : ''}`)).body;
      ids.push(...page.items.map((t: { id: string }) => t.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(ids).toHaveLength(TASKS);

    // The faults, each when a quarter more of the tasks are through.
    let done = 0;
    const faults: Promise<void>[] = [];
    const fault = (at: number, name: string, run: () => Promise<void>) => ({ at, name, run, fired: false });
    const plan = [
      fault(250, 'replica 1', async () => {
        cluster.replicas[0]!.process.kill('SIGKILL');
        await cluster.replicas[0]!.restart();
      }),
      fault(500, 'Temporal server', async () => {
        cluster.temporal.process.kill('SIGKILL');
        await new Promise((r) => setTimeout(r, 2_000));
        await cluster.restartTemporal();
      }),
      fault(750, 'PostgreSQL', async () => {
        const pid = cluster.postgres.pid()!;
        const children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
        // A child may end by itself the moment its postmaster dies: one already gone is no failure (else PostgreSQL would never be restarted).
        for (const child of [String(pid), ...children]) {
          try {
            process.kill(Number(child), 'SIGKILL');
          } catch {
            // gone already
          }
        }
        await new Promise((r) => setTimeout(r, 2_000));
        await cluster.restartPostgres();
      }),
    ];
    const progress = () => {
      done++;
      for (const step of plan) {
        if (!step.fired && done >= step.at) {
          step.fired = true;
          faults.push(step.run());
        }
      }
    };

    const queue = ids.entries();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (const [i, id] of queue) {
          const submitted = await steady(i % 2, 'enum.hcm', 'POST', `/api/tasks/${id}/submit`, { data: { n: i } }, { 'idempotency-key': `submit-${id}` });
          expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
          const reviewed = await steady((i + 1) % 2, 'sup.hcm', 'POST', `/api/tasks/${id}/review`, { decision: 'approve', level: 'province' });
          // A review whose answer was lost finds the task approved already on its retry.
          if (reviewed.status !== 200) expect((await steady(i % 2, 'sup.hcm', 'GET', `/api/tasks/${id}`)).body).toMatchObject({ status: 'approved' });
          progress();
        }
      }),
    );
    await Promise.all(faults);
    expect(plan.every((step) => step.fired)).toBe(true);

    const deadline = Date.now() + 300_000;
    let final = await overview();
    while (final.counts.approved !== TASKS && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      final = await overview();
    }
    expect(final.counts).toMatchObject({ approved: TASKS, assigned: 0, in_review: 0 });

    // Straight from the log: one accepted submission and one approval per task, and a log that verifies.
    const store = new PostgresEventStore(cluster.eventStore);
    try {
      const counts = new Map<string, number>();
      for (let after: string | undefined; ; ) {
        const streams = await store.listStreams(`task-${cycleId}.`, { after, limit: 500 });
        for (const stream of streams) {
          for (const event of await store.readStream(stream)) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
        }
        if (streams.length < 500) break;
        after = streams[streams.length - 1];
      }
      expect(counts.get('TaskAssigned')).toBe(TASKS);
      expect(counts.get('ResponseSubmitted')).toBe(TASKS);
      expect(counts.get('TaskApproved')).toBe(TASKS);
      const verified = await verifyLog(store);
      expect(verified).toMatchObject({ valid: true, problems: [] });
    } finally {
      await store.close();
    }
  }, 1_800_000);
});
