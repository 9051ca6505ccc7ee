import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, freeTemporalPort } from './helpers/ports.js';

/**
 * `npm run backup` while `npm start`'s program runs a cycle, `npm run restore` into an empty
 * DATA_DIR, and the cycle finished from the restored copy: all as a user runs them.
 */
const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'survey-ops-backup-'));
const [live, saved, restored] = ['live', 'saved', 'restored'].map((name) => join(root, name)) as [string, string, string];
let child: ChildProcess | null = null;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<string> {
  const port = await freePort();
  const temporalPort = await freeTemporalPort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), TEMPORAL_PORT: String(temporalPort), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 150_000;
  while (!output.includes('Ctrl-C stops everything.')) {
    if (proc.exitCode !== null) throw new Error(`npm start exited ${proc.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return `http://127.0.0.1:${port}`;
}

async function stop(): Promise<void> {
  const proc = child;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGINT');
  await exited;
  child = null;
}

function client(base: string) {
  const tokens = new Map<string, string>();
  const call = async (user: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    if (!tokens.has(user)) {
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: 'demo' }) });
      tokens.set(user, ((await login.json()) as { token: string }).token);
    }
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens.get(user)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return call;
}

const backupCommand = (command: 'backup' | 'restore', dataDir: string, dir: string) =>
  run(process.execPath, ['--import', 'tsx', 'bin/backup.ts', command, dir], { env: { ...process.env, DATA_DIR: dataDir } });

describe('backup and restore of the embedded default', () => {
  it('copies a running system consistently, and the restored copy verifies and finishes its cycle', async () => {
    let call = client(await start(live));
    expect(
      (
        await call('manager', 'POST', '/api/surveys', {
          code: 'BK',
          title: { vi: 'Sao lưu', en: 'Backup' },
          kind: 'sample_survey',
          unitType: 'dwelling',
          fields: [{ id: 'n', type: 'integer', required: true, min: 0, label: { vi: 'Số', en: 'Number' } }],
          reviewLevels: ['province'],
          outputs: [{ id: 'dwellings', aggregate: 'count', by: 'province' }],
          minCellSize: 1,
        })
      ).status,
    ).toBe(201);
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
    const { stdout } = await backupCommand('backup', live, saved);
    await during;
    expect(stdout).toMatch(/verify/);
    await stop();

    const restoredOut = await backupCommand('restore', restored, saved);
    expect(restoredOut.stdout).toMatch(/Restored/);
    // A second restore into the same, no longer empty, folder is refused.
    await expect(backupCommand('restore', restored, saved)).rejects.toMatchObject({ stderr: expect.stringMatching(/not empty/) });

    call = client(await start(restored));
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
    await stop();
  }, 600_000);
});
