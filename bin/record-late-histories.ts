/**
 * Records the histories of late submissions for the replay test (`npm run histories:record-late`):
 * a task that takes a late submission after it was reassigned, and a cycle that starts a
 * non-response task again after collection closed to take one, with that task's new run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lfsHousehold } from '../test/helpers/lfs.js';
import { callerFor, launchLfs, saveHistory, say, until } from './histories.js';
import { freePortFor } from './ports.js';
import { startSystem } from './system.js';
import { findTemporalCli, startDevServer } from './temporal.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-ops-record-'));
const cli = findTemporalCli(say);
const server = await startDevServer({ cli, port: await freePortFor(), uiPort: null });
const system = await startSystem({ dataDir: dir, temporalAddress: server.address, namespace: 'default', taskQueue: 'record', authSecret: 'record-histories-secret-0123456789', demoSeed: true, logger: false });
const { app } = system;

try {
  const [manager, enumerator, supervisor] = await Promise.all([callerFor(app, 'manager'), callerFor(app, 'enum.hanoi'), callerFor(app, 'sup.hanoi')]);
  const good = lfsHousehold({ members: 4, employed: 2, unemployed: 1 });
  const sendLate = async (taskId: string, key: string) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/tasks/${taskId}/late-submissions`,
      headers: { authorization: `Bearer ${(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'enum.hanoi', password: 'demo' } })).json<{ token: string }>().token}`, 'idempotency-key': key },
      payload: { data: good, submittedAt: new Date().toISOString(), refusedWith: 'task.not_found' },
    });
    if (res.statusCode >= 400) throw new Error(`late submission: ${res.statusCode} ${res.body}`);
  };

  // Reassigned while the device was offline: the late submission is accepted and reviewed.
  await manager.post('/api/users', { username: 'enum.hanoi2', password: 'second enumerator', role: 'enumerator', areaCodes: ['01'] });
  const moved = await launchLfs(manager, enumerator, '2027-03', ['01001'], 864e5);
  const [m] = moved.tasks as [string];
  await supervisor.post(`/api/tasks/${m}/reassign`, { enumerator: 'enum.hanoi2' });
  await sendLate(m, 'late-recorded-moved');
  await supervisor.post(`/api/tasks/${m}/late-submissions/late-recorded-moved/accept`);
  await supervisor.post(`/api/tasks/${m}/review`, { decision: 'approve', level: 'commune' });

  // Collection closed while the device was offline: the cycle starts the task again and publishes after its review.
  const closed = await launchLfs(manager, enumerator, '2027-04', ['01002'], 864e5);
  const [c] = closed.tasks as [string];
  await manager.post(`/api/cycles/${closed.id}/close`);
  await until(async () => (await manager.get(`/api/tasks/${c}`)).status === 'non_response');
  await sendLate(c, 'late-recorded-closed');
  await supervisor.post(`/api/tasks/${c}/late-submissions/late-recorded-closed/accept`);
  await manager.post(`/api/cycles/${closed.id}/publish`);
  await supervisor.post(`/api/tasks/${c}/review`, { decision: 'approve', level: 'commune' });
  await supervisor.post(`/api/tasks/${c}/review`, { decision: 'approve', level: 'province' });
  await until(async () => (await manager.get(`/api/cycles/${closed.id}`)).status === 'published');

  const save = async (name: string, workflowId: string) => saveHistory(cli, server.address, name, workflowId);
  await save('task-late-accepted-after-reassign', `task/${m}`);
  await save('cycle-reopened-for-late', `cycle/${closed.id}`);
  await save('task-reopened-for-late', `task/${c}`);
} finally {
  await system.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
