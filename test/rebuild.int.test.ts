import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../bin/data-lock.js';
import { launchCycle, startTestSystem, type TestSystem } from './helpers/system.js';
import { lfsHousehold, withSecondHead } from './helpers/lfs.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const good = lfsHousehold({ members: 4, employed: 2, unemployed: 1, income: 20 });

const running: TestSystem[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const system of running) await system.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir?: string): Promise<TestSystem> {
  const system = await startTestSystem({ dataDir, worker: dataDir === undefined });
  running.push(system);
  dirs.push(system.dataDir);
  return system;
}

async function stop(system: TestSystem): Promise<void> {
  running.splice(running.indexOf(system), 1);
  await system.close();
}

/** `npm run projections:rebuild` on a data folder, as an operator runs it. */
function rebuild(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'projections:rebuild'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What clients read about the data made below, each answer as JSON. */
async function answers(system: TestSystem, cycleId: string, taskId: string): Promise<Record<string, unknown>> {
  const [manager, auditor] = await Promise.all([system.login('manager'), system.login('auditor')]);
  const urls = [
    `/api/cycles/${cycleId}`,
    `/api/cycles/${cycleId}/progress?level=commune&parent=01`,
    `/api/cycles/${cycleId}/tasks?limit=100`,
    `/api/tasks/${taskId}`,
    '/api/cycles',
    '/api/surveys',
    '/api/users?limit=100',
  ];
  const out: Record<string, unknown> = {};
  for (const url of urls) {
    const res = await manager.get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    out[url] = res.json();
  }
  out['auditor /api/me'] = (await auditor.get('/api/me')).json();
  return out;
}

describe('npm run projections:rebuild', () => {
  it('rebuilds tampered read models from the log, past a stale lock, and the API answers as before', async () => {
    const first = await start();
    const [manager, enumHanoi] = await Promise.all([first.login('manager'), first.login('enum.hanoi')]);
    const cycle = await launchCycle(manager, { survey: 'LFS', period: 'rebuild-1', areaCodes: ['01'], collectionDeadline: inAMonth() });
    const tasks = (await enumHanoi.get(`/api/cycles/${cycle.id}/tasks?limit=2`)).json<{ items: { id: string }[] }>().items;
    expect((await enumHanoi.post(`/api/tasks/${tasks[0]!.id}/submit`, { data: good })).json()).toMatchObject({ status: 'in_review' });
    expect((await enumHanoi.post(`/api/tasks/${tasks[1]!.id}/submit`, { data: withSecondHead(good) })).json()).toMatchObject({ status: 'checks_failed' });
    await first.projector.settle();
    const before = await answers(first, cycle.id, tasks[0]!.id);
    await stop(first);

    // Wrong rows under an up-to-date checkpoint: the server alone would never notice.
    const db = new Database(join(first.dataDir, 'read.db'));
    db.prepare("UPDATE cycles SET status = 'cancelled'").run();
    db.prepare('DELETE FROM tasks WHERE id = ?').run(tasks[0]!.id);
    db.prepare('UPDATE progress SET n = n + 7').run();
    db.prepare("DELETE FROM users WHERE id = 'auditor'").run();
    db.close();
    // And the lock of a server that crashed: its process is gone, so the lock is stale.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(first.dataDir, LOCK_FILE), `${gone}\nthe server\n`);

    const run = await rebuild(first.dataDir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/from \d+ events in [\d.]+ s \(\d+ events\/s\)/);
    expect(readdirSync(first.dataDir).filter((f) => f.includes('rebuild') || f === LOCK_FILE)).toEqual([]);

    const second = await start(first.dataDir);
    expect(await answers(second, cycle.id, tasks[0]!.id)).toEqual(before);
  });

  it('refuses while a system holds the data folder and touches nothing; so does a second system', async () => {
    const system = await start();
    const file = join(system.dataDir, 'read.db');
    const inode = statSync(file).ino;
    const run = await rebuild(system.dataDir);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/in use by the server \(pid \d+\)/);
    expect(statSync(file).ino).toBe(inode);
    expect(existsSync(`${file}.rebuild`)).toBe(false);
    expect((await (await system.login('manager')).get('/api/me')).statusCode).toBe(200);
    // Nor does a second server start on it.
    await expect(startTestSystem({ dataDir: system.dataDir, worker: false })).rejects.toThrow(/in use by the server/);
  });
});
