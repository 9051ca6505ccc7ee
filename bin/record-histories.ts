/**
 * Records workflow histories for the replay test (`npm run histories:record`): runs the
 * lifecycles of SPEC.md on a fresh dev server and saves each workflow's history under
 * test/histories/. Run it when a release deliberately changes workflow code behind
 * `patched()`, and keep the older files: they are the cycles still running in the field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { householdRosterSurvey, person } from '../test/helpers/household-roster.js';
import { lfsHousehold, withSecondHead } from '../test/helpers/lfs.js';
import { callerFor, launchCycle, launchLfs, saveHistory, say, until } from './histories.js';
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
  const launch = (period: string, areaCodes: string[], deadlineMs: number) => launchLfs(manager, enumerator, period, areaCodes, deadlineMs);
  const good = lfsHousehold({ members: 4, employed: 2, unemployed: 1 });

  // A full cycle: failed checks, fix, rejection, resubmission, two review levels, extension, close, publish.
  const full = await launch('2026-11', ['01001'], 864e5);
  const [a, b, c] = full.tasks as [string, string, string];
  await enumerator.post(`/api/tasks/${a}/submit`, { data: withSecondHead(good) });
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
  await until(async () => (await manager.get(`/api/cycles/${cancelled.id}`)).status === 'cancelled');
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

  // A questionnaire with a roster: a response refused by a check across the roster, then one with a warning on a row, explained.
  await manager.post('/api/surveys', householdRosterSurvey('HHROSTER'));
  const roster = await launchCycle(manager, enumerator, 'HHROSTER', '2027-02', ['01001'], 864e5);
  const [r, u] = roster.tasks as [string, string];
  const adults = [person('Lan', '1', '2', 40, true, 40), person('Minh', '2', '1', 42, false)];
  await enumerator.post(`/api/tasks/${r}/submit`, { data: { members: 2, persons: adults.map((p) => ({ ...p, relation: '2' })) } });
  await enumerator.post(`/api/tasks/${r}/submit`, { data: { members: 3, persons: [...adults, person('Tú', '3', '1', 16, true, 10)] }, explanations: { 'minor_working@persons[3]': 'phụ giúp gia đình' } });
  await supervisor.post(`/api/tasks/${r}/review`, { decision: 'approve', level: 'commune' });
  // A revision during fieldwork: the open task moves to version 2 and is answered in it.
  const revised = householdRosterSurvey('HHROSTER');
  await manager.post('/api/surveys/HHROSTER/versions', { ...revised, items: [...revised.items, { id: 'phone', type: 'text', label: { vi: 'Điện thoại', en: 'Phone' } }] });
  await manager.post(`/api/cycles/${roster.id}/upgrade`);
  await enumerator.post(`/api/tasks/${u}/submit`, { data: { members: 1, persons: [adults[0]], phone: '0912345678' } });

  const save = async (name: string, workflowId: string) => saveHistory(cli, server.address, name, workflowId);
  await save('cycle-published', `cycle/${full.id}`);
  await save('task-rejected-resubmitted-approved', `task/${a}`);
  await save('task-approved', `task/${b}`);
  await save('task-rejected-after-close', `task/${c}`);
  await save('cycle-cancelled', `cycle/${cancelled.id}`);
  await save('task-cancelled', `task/${cancelled.tasks[0]}`);
  await save('cycle-deadline', `cycle/${lapsed.id}`);
  await save('task-overdue-non-response', `task/${lapsed.tasks[0]}`);
  await save('scheduled-launch', launchId);
  await save('task-roster-approved', `task/${r}`);
  await save('task-upgraded', `task/${u}`);
} finally {
  await system.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
