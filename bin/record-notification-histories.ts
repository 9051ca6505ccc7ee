/**
 * Records the histories of tasks that write to people, for the replay test
 * (`npm run histories:record-notifications`): invitation, receipts and a rejection sent at once;
 * a receipt that fails while the mail server is down and goes when it is back; a reminder; an
 * overdue notice of a task whose cycle then closed. On a fresh dev server and a Mailpit of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lfsHousehold, withSecondHead } from '../test/helpers/lfs.js';
import { callerFor, launchLfs, saveHistory, say, until } from './histories.js';
import { findMailpit, startMailpit, type Mailpit } from './mailpit.js';
import { freePortFor } from './ports.js';
import { startSystem } from './system.js';
import { findTemporalCli, startDevServer } from './temporal.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-ops-record-'));
const cli = findTemporalCli(say);
const server = await startDevServer({ cli, port: await freePortFor(), uiPort: null });
const bin = findMailpit(say);
if (!bin) throw new Error('recording these histories needs Mailpit (and Go to build it)');
const ports = { smtpPort: await freePortFor(), uiPort: await freePortFor() };
let mailpit: Mailpit = await startMailpit({ bin, ...ports, maxMessages: 0 });
const system = await startSystem({
  dataDir: dir,
  temporalAddress: server.address,
  namespace: 'default',
  taskQueue: 'record',
  authSecret: 'record-histories-secret-0123456789',
  demoSeed: true,
  logger: false,
  mail: { smtpUrl: mailpit.smtpUrl, from: 'Thống kê <no-reply@survey-ops.local>', publicUrl: 'http://localhost:3000', retry: { firstRetryMs: 1000, maxRetryMs: 2000, afterFinalMs: 5000 } },
});
const { app } = system;

try {
  const [manager, enumerator, supervisor] = await Promise.all([callerFor(app, 'manager'), callerFor(app, 'enum.hanoi'), callerFor(app, 'sup.hanoi')]);
  const token = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'manager', password: 'demo' } })).json<{ token: string }>().token;
  await app.inject({ method: 'PATCH', url: '/api/users/enum.hanoi', headers: { authorization: `Bearer ${token}` }, payload: { email: 'bao@example.vn', language: 'en' } });
  const good = lfsHousehold({ members: 4, employed: 2, unemployed: 1 });
  const events = async (taskId: string) => (await system.store.readStream(`task-${taskId}`)).map((e) => e.type);
  const sentCount = async (taskId: string) => (await events(taskId)).filter((t) => t === 'NotificationSent').length;

  // Sent at once: invitation, a refused submission (no receipt), receipts, a rejection, approval.
  const full = await launchLfs(manager, enumerator, '2027-05', ['01001'], 864e5);
  const [a, b] = full.tasks as [string, string];
  await until(async () => (await sentCount(a)) === 1, 'the invitation');
  await enumerator.post(`/api/tasks/${a}/submit`, { data: withSecondHead(good) });
  await enumerator.post(`/api/tasks/${a}/submit`, { data: good });
  await supervisor.post(`/api/tasks/${a}/review`, { decision: 'reject', level: 'commune', comment: 'Kiểm tra lại' });
  await enumerator.post(`/api/tasks/${a}/submit`, { data: good });
  await supervisor.post(`/api/tasks/${a}/review`, { decision: 'approve', level: 'commune' });
  await supervisor.post(`/api/tasks/${a}/review`, { decision: 'approve', level: 'province' });
  await until(async () => (await sentCount(a)) === 4, 'two receipts and a rejection');

  // The mail server down for a receipt, then back; the task approved meanwhile.
  await until(async () => (await sentCount(b)) === 1, 'the invitation');
  await mailpit.stop();
  await enumerator.post(`/api/tasks/${b}/submit`, { data: good });
  await until(async () => (await events(b)).filter((t) => t === 'NotificationFailed').length >= 2, 'two failed attempts');
  mailpit = await startMailpit({ bin, ...ports, maxMessages: 0 });
  await until(async () => (await sentCount(b)) === 2, 'the receipt');
  await supervisor.post(`/api/tasks/${b}/review`, { decision: 'approve', level: 'commune' });
  await supervisor.post(`/api/tasks/${b}/review`, { decision: 'approve', level: 'province' });

  // A reminder a day before the due date, then the cycle closed by hand.
  const reminded = await launchLfs(manager, enumerator, '2027-06', ['01002'], 864e5 + 4000);
  const [r] = reminded.tasks as [string];
  await until(async () => (await events(r)).includes('TaskReminded') && (await sentCount(r)) === 2, 'the reminder');
  await manager.post(`/api/cycles/${reminded.id}/close`);

  // Overdue at its due date, then closed by the deadline.
  const lapsed = await launchLfs(manager, enumerator, '2027-07', ['01003'], 3000);
  const [o] = lapsed.tasks as [string];
  await until(async () => (await manager.get(`/api/cycles/${lapsed.id}`)).status === 'closed', 'the deadline');

  const done = async (workflowId: string) => until(async () => (await system.client.workflow.getHandle(workflowId).describe()).status.name === 'COMPLETED', `${workflowId} to end`);
  for (const task of [a, b, r, o]) await done(`task/${task}`);
  const save = async (name: string, workflowId: string) => saveHistory(cli, server.address, name, workflowId);
  await save('task-notified', `task/${a}`);
  await save('task-notified-after-failures', `task/${b}`);
  await save('task-notified-reminder', `task/${r}`);
  await save('task-notified-overdue', `task/${o}`);
} finally {
  await system.close();
  await mailpit.stop();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
