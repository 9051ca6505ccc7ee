/**
 * A census-sized event log for the read-path benchmarks: the demo users and survey, one
 * cycle over the whole country and `tasks` task streams spread over the 3,321 communes,
 * each with a realistic history (about ten events per task on average). Written through
 * the event store, so hash chains and metadata are the real ones. Kept between runs in
 * the system's temporary folder, since writing ten million events takes a while.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoGeography } from '../domain/geography/geography.js';
import { eventSchemas } from '../domain/schemas.js';
import type { NewEvent } from '../eventstore/port.js';
import { SqliteEventStore } from '../eventstore/sqlite.js';
import { randomBytes } from 'node:crypto';
import { seedDemo } from '../bin/seed.js';
import { startSystem, type System } from '../bin/system.js';
import { lfsHousehold, withSecondHead } from '../test/helpers/lfs.js';

export const CENSUS_CYCLE = 'CENSUS-2029';

export interface Census {
  readonly dir: string;
  readonly eventsFile: string;
  readonly tasks: number;
  readonly events: number;
}

const good = lfsHousehold({ members: 4, employed: 2, unemployed: 1, income: 20 });
const bad = withSecondHead(good);

/** The events of task `i` (9.8 on average): most are approved after a failed check and a rejection, some are still open. */
function taskHistory(i: number, areaCode: string, enumerator: string, supervisor: string): Omit<NewEvent, 'metadata'>[] {
  const dueAt = '2029-04-30T17:00:00.000Z';
  const events: Omit<NewEvent, 'metadata'>[] = [
    {
      type: 'TaskAssigned',
      data: { taskId: `${CENSUS_CYCLE}.U${i}`, cycleId: CENSUS_CYCLE, surveyId: 'LFS', unitId: `U${i}`, areaCode, enumerator, reviewLevels: ['commune', 'province'], dueAt },
    },
    { type: 'TaskReminded', data: { enumerator, dueAt } },
  ];
  const submit = (data: typeof good, n: number) => events.push({ type: 'ResponseSubmitted', data: { submissionId: `s${i}-${n}`, data, by: enumerator } });
  const failed = { id: 'one_head', severity: 'block' as const, outcome: 'failed' as const, message: { vi: 'Hộ phải có đúng một chủ hộ', en: 'A household has exactly one head' } };
  const stage = i % 10;
  if (stage === 0) return events; // not yet submitted
  submit(bad, 1);
  events.push({ type: 'ChecksFailed', data: { failed: [failed], warnings: [] } });
  if (stage === 1) return events;
  submit(good, 2);
  events.push({ type: 'ChecksPassed', data: { warnings: [], reviewLevel: 'commune' } });
  if (stage === 2) return events;
  events.push(
    { type: 'ReviewApproved', data: { level: 'commune', by: supervisor, comment: '', nextLevel: 'province' } },
    { type: 'TaskRejected', data: { level: 'province', by: supervisor, comment: 'Kiểm tra lại số thành viên' } },
  );
  if (stage === 3) return events;
  submit(good, 3);
  events.push(
    { type: 'ChecksPassed', data: { warnings: [], reviewLevel: 'commune' } },
    { type: 'ReviewApproved', data: { level: 'commune', by: supervisor, comment: '', nextLevel: 'province' } },
    { type: 'ReviewApproved', data: { level: 'province', by: supervisor, comment: '', nextLevel: null } },
    { type: 'TaskApproved', data: {} },
  );
  return events;
}

/** The census log with `tasks` tasks, built once per size and reused. */
export async function censusLog(tasks: number, say: (line: string) => void): Promise<Census> {
  const dir = join(tmpdir(), `survey-ops-census-${tasks}`);
  const eventsFile = join(dir, 'events.db');
  if (existsSync(eventsFile)) {
    const store = new SqliteEventStore(eventsFile, { readonly: true });
    const events = await store.headPosition();
    await store.close();
    say(`census log of ${tasks.toLocaleString('en-US')} tasks reused: ${events.toLocaleString('en-US')} events`);
    return { dir, eventsFile, tasks, events };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const building = join(dir, 'events.building.db');
  const store = new SqliteEventStore(building, { schemas: eventSchemas });
  await seedDemo(store, { frame: false });
  const geography = demoGeography();
  const communes = geography.children('VN').flatMap((province) => geography.children(province.code));
  const at = '2029-04-01T08:00:00.000Z';
  const meta = (actor: string, workflowId: string) => ({ actor, correlationId: 'census-bench', causationId: null, workflowId, at });
  await store.append(
    `cycle-${CENSUS_CYCLE}`,
    [
      { type: 'CycleLaunched', data: { cycleId: CENSUS_CYCLE, surveyId: 'LFS', surveyCode: 'LFS', period: '2029-census', areaCodes: [], collectionDeadline: '2029-04-30T17:00:00.000Z', autoPublish: false }, metadata: meta('manager', `cycle/${CENSUS_CYCLE}`) },
      { type: 'TasksCreated', data: { count: tasks, total: tasks }, metadata: meta('manager', `cycle/${CENSUS_CYCLE}`) },
      { type: 'CollectionStarted', data: { total: tasks }, metadata: meta('manager', `cycle/${CENSUS_CYCLE}`) },
    ],
    { expected: 'no_stream' },
  );
  const started = performance.now();
  let events = 0;
  for (let i = 0; i < tasks; i++) {
    const commune = communes[i % communes.length]!;
    const province = commune.parent ?? '';
    const enumerator = province === '01' ? 'enum.hanoi' : province === '79' ? 'enum.hcm' : `enum.${commune.code}`;
    const supervisor = province === '01' ? 'sup.hanoi' : province === '79' ? 'sup.hcm' : `sup.${province}`;
    const history = taskHistory(i, commune.code, enumerator, supervisor);
    const workflowId = `task/${CENSUS_CYCLE}.U${i}`;
    await store.append(`task-${CENSUS_CYCLE}.U${i}`, history.map((e) => ({ ...e, metadata: meta(e.type === 'TaskAssigned' ? 'system' : enumerator, workflowId) })), { expected: 'no_stream' });
    events += history.length;
    if ((i + 1) % 100_000 === 0) say(`  ${(i + 1).toLocaleString('en-US')} tasks, ${events.toLocaleString('en-US')} events, ${Math.round(events / ((performance.now() - started) / 1000)).toLocaleString('en-US')} events/s`);
  }
  const total = await store.headPosition();
  await store.close();
  renameSync(building, eventsFile);
  for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  say(`census log of ${tasks.toLocaleString('en-US')} tasks written: ${total.toLocaleString('en-US')} events in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { dir, eventsFile, tasks, events: total };
}

/** The API and projector (no worker) over an existing log, with limits that stay out of a benchmark's way. */
export function systemOnLog(options: { dataDir: string; eventsFile: string; temporalAddress: string; name: string }): Promise<System> {
  return startSystem({
    dataDir: options.dataDir,
    eventStore: `sqlite:${options.eventsFile}`,
    temporalAddress: options.temporalAddress,
    namespace: 'default',
    taskQueue: `${options.name}-${randomBytes(3).toString('hex')}`,
    authSecret: randomBytes(32).toString('hex'),
    demoSeed: false,
    logger: false,
    worker: false,
    loginRateLimit: 1000,
    writeRateLimit: 1_000_000,
  });
}
