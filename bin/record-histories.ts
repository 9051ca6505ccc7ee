/**
 * Records workflow histories for the replay test (`npm run histories:record`): runs the
 * lifecycles of SPEC.md on a fresh dev server and saves each workflow's history under
 * test/histories/. Run it when a release deliberately changes workflow code behind
 * `patched()`, and keep the older files: they are the cycles still running in the field.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePortFor } from './ports.js';
import { startSystem } from './system.js';
import { findTemporalCli, startDevServer } from './temporal.js';

const OUT = 'test/histories';
/** `HISTORIES_TAG=<patch>` names a new set (`<name>.<tag>.json`) beside the older ones instead of replacing them. */
const TAG = process.env.HISTORIES_TAG ? `.${process.env.HISTORIES_TAG}` : '';
const say = (line: string) => process.stdout.write(`${line}\n`);

const dir = mkdtempSync(join(tmpdir(), 'survey-ops-record-'));
const cli = findTemporalCli(say);
const server = await startDevServer({ cli, port: await freePortFor(), uiPort: null });
const system = await startSystem({ dataDir: dir, temporalAddress: server.address, namespace: 'default', taskQueue: 'record', authSecret: 'record-histories-secret-0123456789', demoSeed: true, logger: false });
const { app } = system;

async function as(username: string) {
  const token = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'demo' } })).json<{ token: string }>().token;
  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<Record<string, unknown>>();
  };
  return { get: (url: string) => call('GET', url), post: (url: string, body: object = {}) => call('POST', url, body) };
}

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
}

try {
  const [manager, enumerator, supervisor] = await Promise.all([as('manager'), as('enum.hanoi'), as('sup.hanoi')]);
  const launch = async (period: string, areaCodes: string[], deadlineMs: number) => {
    const { id } = (await manager.post('/api/cycles', { survey: 'LFS', period, areaCodes, collectionDeadline: new Date(Date.now() + deadlineMs).toISOString() })) as { id: string };
    await until(async () => (await manager.get(`/api/cycles/${id}`)).status === 'collecting');
    const tasks = ((await enumerator.get(`/api/cycles/${id}/tasks`)).items as { id: string }[]).map((t) => t.id);
    return { id, tasks };
  };
  const good = { members: 4, employed: 2, unemployed: 1 };

  // A full cycle: failed checks, fix, rejection, resubmission, two review levels, extension, close, publish.
  const full = await launch('2026-11', ['01001'], 864e5);
  const [a, b, c] = full.tasks as [string, string, string];
  await enumerator.post(`/api/tasks/${a}/submit`, { data: { ...good, employed: 9 } });
  await enumerator.post(`/api/tasks/${a}/submit`, { data: good });
  await supervisor.post(`/api/tasks/${a}/review`, { decision: 'reject', level: 'commune', comment: 'Kiểm tra lại' });
  await enumerator.post(`/api/tasks/${a}/submit`, { data: good });
  for (const task of [a, b]) {
    if (task === b) await enumerator.post(`/api/tasks/${task}/submit`, { data: good });
    await supervisor.post(`/api/tasks/${task}/review`, { decision: 'approve', level: 'commune' });
    await supervisor.post(`/api/tasks/${task}/review`, { decision: 'approve', level: 'province' });
  }
  await enumerator.post(`/api/tasks/${c}/submit`, { data: good });
  await manager.post(`/api/cycles/${full.id}/deadline`, { collectionDeadline: new Date(Date.now() + 2 * 864e5).toISOString() });
  await manager.post(`/api/cycles/${full.id}/close`);
  await manager.post(`/api/cycles/${full.id}/publish`);
  await supervisor.post(`/api/tasks/${c}/review`, { decision: 'approve', level: 'commune' });
  await supervisor.post(`/api/tasks/${c}/review`, { decision: 'reject', level: 'province', comment: 'Sai' });
  await until(async () => (await manager.get(`/api/cycles/${full.id}`)).status === 'published');

  // A cycle cancelled while collecting, and one closed by its deadline with overdue tasks.
  const cancelled = await launch('2026-12', ['01002'], 864e5);
  await manager.post(`/api/cycles/${cancelled.id}/cancel`, { reason: 'recorded for replay' });
  const lapsed = await launch('2027-01', ['01003'], 3000);
  await until(async () => (await manager.get(`/api/cycles/${lapsed.id}`)).status === 'closed');
  await new Promise((r) => setTimeout(r, 1000));

  // A cycle launched by a reporting schedule.
  await manager.post('/api/surveys', {
    code: 'MONTHLY',
    title: { vi: 'Báo cáo tháng', en: 'Monthly report' },
    kind: 'reporting',
    unitType: 'enterprise',
    fields: [{ id: 'revenue', type: 'decimal', required: true, label: { vi: 'Doanh thu', en: 'Revenue' } }],
    reviewLevels: ['province'],
    schedule: { every: 'month', collectionDays: 10 },
  });
  await system.client.schedule.getHandle('survey-schedule/MONTHLY').trigger();
  let launchId = '';
  await until(async () => {
    for await (const wf of system.client.workflow.list({ query: "WorkflowType = 'scheduledLaunchWorkflow' AND ExecutionStatus = 'Completed'" })) launchId = wf.workflowId;
    return launchId !== '';
  });
  await system.client.schedule.getHandle('survey-schedule/MONTHLY').delete();

  mkdirSync(OUT, { recursive: true });
  const save = async (name: string, workflowId: string) => {
    // The CLI writes the proto JSON that Worker.runReplayHistories reads.
    const json = execFileSync(cli, ['workflow', 'show', '--address', server.address, '--workflow-id', workflowId, '--output', 'json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    writeFileSync(join(OUT, `${name}${TAG}.json`), json);
    say(`recorded ${name} (${(JSON.parse(json) as { events: unknown[] }).events.length} events)`);
  };
  await save('cycle-published', `cycle/${full.id}`);
  await save('task-rejected-resubmitted-approved', `task/${a}`);
  await save('task-approved', `task/${b}`);
  await save('task-rejected-after-close', `task/${c}`);
  await save('cycle-cancelled', `cycle/${cancelled.id}`);
  await save('task-cancelled', `task/${cancelled.tasks[0]}`);
  await save('cycle-deadline', `cycle/${lapsed.id}`);
  await save('task-overdue-non-response', `task/${lapsed.tasks[0]}`);
  await save('scheduled-launch', launchId);
} finally {
  await system.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
