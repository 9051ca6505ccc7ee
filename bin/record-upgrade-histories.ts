/**
 * Records how cycles started under an earlier release finish under this one
 * (`npm run histories:record-upgrade -- <git ref>`, e.g. the last released commit). The
 * earlier release's workflow code is bundled from a git worktree of that ref; cycles are
 * launched and worked under it, its worker stops, and this checkout's worker takes over
 * and closes, cancels and lets the deadline pass. The saved histories hold both releases'
 * steps, so the replay test proves that a release keeps running cycles alive.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { lfsHousehold } from '../test/helpers/lfs.js';
import { callerFor, launchLfs, saveHistory, say, until } from './histories.js';
import { freePortFor } from './ports.js';
import { startSystem, type SystemOptions } from './system.js';
import { findTemporalCli, startDevServer } from './temporal.js';
import { quietBundlerLogger } from './worker.js';

const ref = process.argv[2];
if (!ref) throw new Error('usage: npm run histories:record-upgrade -- <git ref of the earlier release>');

const work = mkdtempSync(join(tmpdir(), 'survey-ops-upgrade-'));
const earlier = join(work, 'earlier');
execFileSync('git', ['worktree', 'add', '--detach', earlier, ref], { stdio: 'ignore' });
symlinkSync(resolve('node_modules'), join(earlier, 'node_modules'));
const earlierBundle = await bundleWorkflowCode({ workflowsPath: join(earlier, 'workflows', 'index.ts'), logger: quietBundlerLogger });
say(`bundled the workflows of ${ref}`);

const cli = findTemporalCli(say);
const server = await startDevServer({ cli, port: await freePortFor(), uiPort: null });
const dataDir = join(work, 'data');
const options: SystemOptions = { dataDir, temporalAddress: server.address, namespace: 'default', taskQueue: 'record-upgrade', authSecret: 'record-histories-secret-0123456789', demoSeed: true, logger: false };

try {
  // Under the earlier release: three cycles, with tasks assigned, in review and approved.
  let system = await startSystem({ ...options, workflowBundle: { code: earlierBundle.code } });
  let [manager, enumerator, supervisor] = await Promise.all([callerFor(system.app, 'manager'), callerFor(system.app, 'enum.hanoi'), callerFor(system.app, 'sup.hanoi')]);
  const good = lfsHousehold({ members: 4, employed: 2, unemployed: 1 });
  const closed = await launchLfs(manager, enumerator, '2026-11', ['01001'], 864e5);
  const cancelled = await launchLfs(manager, enumerator, '2026-12', ['01002'], 864e5);
  const lapsed = await launchLfs(manager, enumerator, '2027-01', ['01003'], 20_000);
  const [open, inReview, approved] = closed.tasks as [string, string, string];
  await enumerator.post(`/api/tasks/${inReview}/submit`, { data: good });
  await enumerator.post(`/api/tasks/${approved}/submit`, { data: good });
  await supervisor.post(`/api/tasks/${approved}/review`, { decision: 'approve', level: 'commune' });
  await supervisor.post(`/api/tasks/${approved}/review`, { decision: 'approve', level: 'province' });
  await enumerator.post(`/api/tasks/${cancelled.tasks[0]}/submit`, { data: good });
  await system.close();
  say(`worked three cycles under ${ref}; this checkout takes over`);

  // Under this release, on the same data and task queue.
  system = await startSystem(options);
  [manager, enumerator, supervisor] = await Promise.all([callerFor(system.app, 'manager'), callerFor(system.app, 'enum.hanoi'), callerFor(system.app, 'sup.hanoi')]);
  await manager.post(`/api/cycles/${closed.id}/close`);
  await until(async () => (await manager.get(`/api/cycles/${closed.id}`)).status === 'closed', 'the close');
  await supervisor.post(`/api/tasks/${inReview}/review`, { decision: 'reject', level: 'commune', comment: 'Thiếu thông tin' });
  await manager.post(`/api/cycles/${closed.id}/publish`);
  await until(async () => (await manager.get(`/api/cycles/${closed.id}`)).status === 'published', 'the publication');
  await manager.post(`/api/cycles/${cancelled.id}/cancel`, { reason: 'recorded across an upgrade' });
  await until(async () => (await manager.get(`/api/cycles/${cancelled.id}`)).status === 'cancelled', 'the cancellation');
  await until(async () => (await manager.get(`/api/cycles/${lapsed.id}`)).status === 'closed', 'the deadline');
  await new Promise((r) => setTimeout(r, 1000));
  await system.close();

  const save = (name: string, workflowId: string) => saveHistory(cli, server.address, name, workflowId);
  save('upgrade.cycle-closed-published', `cycle/${closed.id}`);
  save('upgrade.task-open-at-close', `task/${open}`);
  save('upgrade.task-rejected-after-close', `task/${inReview}`);
  save('upgrade.task-approved', `task/${approved}`);
  save('upgrade.cycle-cancelled', `cycle/${cancelled.id}`);
  save('upgrade.task-in-review-cancelled', `task/${cancelled.tasks[0]}`);
  save('upgrade.cycle-deadline', `cycle/${lapsed.id}`);
  save('upgrade.task-open-at-deadline', `task/${lapsed.tasks[0]}`);
} finally {
  await server.stop();
  execFileSync('git', ['worktree', 'remove', '--force', earlier], { stdio: 'ignore' });
  if (existsSync(work)) rmSync(work, { recursive: true, force: true });
}
