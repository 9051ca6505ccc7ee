import { expect } from 'vitest';
import { dwellingSurvey } from './scene.js';

/** A call as a demo user (password `demo`, logged in at first use) to a running server. */
export type Call = (user: string, method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/**
 * Calls to the running servers at `bases`, taken in turn. Each on a connection of its own: the
 * restored servers listen on the ports the stopped ones had, and a pooled connection to a
 * stopped server could take a request and drop it ("other side closed").
 */
export function demoClient(bases: readonly string[]): Call {
  const tokens = new Map<string, string>();
  let turn = 0;
  return async (user, method, path, body) => {
    const base = bases[turn++ % bases.length]!;
    if (!tokens.has(user)) {
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ username: user, password: 'demo' }) });
      tokens.set(user, ((await login.json()) as { token: string }).token);
    }
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens.get(user)}`, connection: 'close', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

export interface BackupProfile {
  /** Starts the system on a data folder; the URLs of its servers. */
  start(dataDir: string): Promise<string[]>;
  stop(): Promise<void>;
  /** `npm run backup -- dir` for the data folder; its output. */
  backup(dataDir: string, dir: string): Promise<string>;
  /** `npm run restore -- dir` into the data folder; its output. */
  restore(dataDir: string, dir: string): Promise<string>;
}

/**
 * A cycle of 12 tasks: four approved, a backup taken while four more go through, the system
 * stopped, the backup restored into an empty folder (and refused into the same one again), and
 * the cycle finished from the restored copy with the whole log verified before and after.
 */
export async function backUpAndRestoreACycle(profile: BackupProfile, folders: { live: string; saved: string; restored: string }): Promise<{ backupOutput: string }> {
  let call = demoClient(await profile.start(folders.live));
  const survey = dwellingSurvey('BK', { vi: 'Sao lưu', en: 'Backup' });
  expect((await call('manager', 'POST', '/api/surveys', survey)).status).toBe(201);
  const units = Array.from({ length: 12 }, (_, i) => ({ id: `BK${String(i).padStart(2, '0')}`, type: 'dwelling', areaCode: '01001', name: `Nhà ${i}`, enumerator: 'enum.hanoi' }));
  expect((await call('manager', 'POST', '/api/units/import', units)).body).toMatchObject({ imported: 12 });
  const launched = await call('manager', 'POST', '/api/cycles', { survey: 'BK', period: '2027-02', areaCodes: ['01001'], collectionDeadline: new Date(Date.now() + 864e5).toISOString(), autoPublish: true });
  const cycleId = launched.body.id as string;
  const overview = async () => (await call('manager', 'GET', `/api/cycles/${cycleId}`)).body;
  for (let o = await overview(); o.status !== 'collecting' || o.counts.assigned !== 12; o = await overview()) await new Promise((r) => setTimeout(r, 250));
  const ids = ((await call('enum.hanoi', 'GET', `/api/cycles/${cycleId}/tasks?limit=100`)).body.items as { id: string }[]).map((t) => t.id).sort();
  const finish = async (id: string, n: number) => {
    expect((await call('enum.hanoi', 'POST', `/api/tasks/${id}/submit`, { data: { n } })).status).toBe(200);
    expect((await call('sup.hanoi', 'POST', `/api/tasks/${id}/review`, { decision: 'approve', level: 'province' })).body).toMatchObject({ status: 'approved' });
  };
  for (const [i, id] of ids.slice(0, 4).entries()) await finish(id, i);

  // The backup runs while four more tasks go through.
  const during = (async () => {
    for (const [i, id] of ids.slice(4, 8).entries()) await finish(id, 4 + i);
  })();
  const backupOutput = await profile.backup(folders.live, folders.saved);
  await during;
  expect(backupOutput).toMatch(/verify/);
  await profile.stop();

  expect(await profile.restore(folders.restored, folders.saved)).toMatch(/Restored/);
  // A second restore into the same, no longer empty, folder is refused.
  await expect(profile.restore(folders.restored, folders.saved)).rejects.toMatchObject({ stderr: expect.stringMatching(/not empty/) });

  call = demoClient(await profile.start(folders.restored));
  expect((await call('auditor', 'GET', '/api/audit/verify')).body).toMatchObject({ valid: true, problems: [] });
  // The copy holds at least the four tasks approved before the backup began; the rest are finished now.
  const tasks = (await call('sup.hanoi', 'GET', `/api/cycles/${cycleId}/tasks?limit=100`)).body.items as { id: string; status: string }[];
  expect(tasks.filter((t) => t.status === 'approved').length).toBeGreaterThanOrEqual(4);
  for (const [i, task] of tasks.entries()) {
    if (task.status === 'approved') continue;
    if (task.status === 'in_review') expect((await call('sup.hanoi', 'POST', `/api/tasks/${task.id}/review`, { decision: 'approve', level: 'province' })).status).toBe(200);
    else await finish(task.id, 100 + i);
  }
  const deadline = Date.now() + 60_000;
  let final = await overview();
  while (final.status !== 'published' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    final = await overview();
  }
  expect(final).toMatchObject({ status: 'published', counts: { approved: 12 } });
  expect((await call('auditor', 'GET', '/api/audit/verify')).body).toMatchObject({ valid: true });
  await profile.stop();
  return { backupOutput };
}
