import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchCycle, startTestSystem, type Api, type CycleOverview, type TestSystem } from './helpers/system.js';
import { lfsHousehold, type LfsPerson } from './helpers/lfs.js';

type Overview = CycleOverview;
type TaskItem = { id: string; unitId: string; unitName: string | null; unitAddress: string | null; areaName: string | null; status: string; reviewLevel: string | null; enumerator: string; areaCode: string };

let system: TestSystem;
let manager: Api;
let enumerator: Api;
let supervisor: Api;
let otherSupervisor: Api;
let auditor: Api;

beforeAll(async () => {
  system = await startTestSystem();
  [manager, enumerator, supervisor, otherSupervisor, auditor] = await Promise.all([
    system.login('manager'),
    system.login('enum.hanoi'),
    system.login('sup.hanoi'),
    system.login('sup.hcm'),
    system.login('auditor'),
  ]);
});

afterAll(async () => {
  await system?.stop();
});

const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();

const launch = (body: Record<string, unknown>) => launchCycle(manager, body);

async function tasksOf(api: Api, cycleId: string, query = ''): Promise<TaskItem[]> {
  const res = await api.get(`/api/cycles/${cycleId}/tasks?limit=1000${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: TaskItem[] }>().items;
}

const submit = (taskId: string, data: Record<string, unknown>, key?: string) =>
  enumerator.post(`/api/tasks/${taskId}/submit`, { data }, key ? { 'idempotency-key': key } : {});
const review = (api: Api, taskId: string, decision: 'approve' | 'reject', level: string, comment = '') =>
  api.post(`/api/tasks/${taskId}/review`, { decision, level, comment });
const good = lfsHousehold({ members: 4, employed: 2, unemployed: 1, income: 20 });

describe('a cycle of the demo LFS in Hà Nội, through the API', () => {
  let cycle: Overview;
  let tasks: TaskItem[];

  it('launches one task workflow per household of the frame in the chosen areas', async () => {
    cycle = await launch({ survey: 'LFS', period: '2026-11', areaCodes: ['01'], collectionDeadline: inAMonth() });
    expect(cycle.status).toBe('collecting');
    expect(cycle.total).toBe(20);
    expect(cycle.counts.assigned).toBe(20);
    tasks = await tasksOf(enumerator, cycle.id);
    expect(tasks).toHaveLength(20);
    expect(tasks.every((t) => t.enumerator === 'enum.hanoi' && t.areaCode.startsWith('01'))).toBe(true);
    const running = await eventually(
      async () => {
        let n = 0;
        for await (const wf of system.client.workflow.list({ query: `CycleId = "${cycle.id}"` })) if (wf.workflowId) n++;
        return n;
      },
      (n) => n === 21,
    );
    expect(running).toBe(21);
  });

  it('names each task’s unit and area, as the frame and the geography have them now, in lists and on the task', async () => {
    const first = tasks.find((t) => t.unitId === 'HH0100101')!;
    expect(first).toMatchObject({ unitName: 'Hộ Trần Văn Hùng', unitAddress: 'Thôn 1, Xã Hà Nội 1', areaCode: '01001', areaName: 'Xã Hà Nội 1', enumerator: 'enum.hanoi', enumeratorName: 'Phạm Quốc Bảo' });
    expect(tasks.every((t) => t.unitName?.startsWith('Hộ ') && t.unitAddress?.startsWith('Thôn ') && t.areaName?.startsWith('Xã Hà Nội '))).toBe(true);
    const seen = (await supervisor.get(`/api/tasks/${first.id}`)).json<TaskItem>();
    expect(seen).toMatchObject({ unitName: 'Hộ Trần Văn Hùng', unitAddress: 'Thôn 1, Xã Hà Nội 1', areaName: 'Xã Hà Nội 1' });
    // The frame is read when asked: a unit imported again under a new name shows it at once.
    const renamed = await manager.post('/api/units/import', [{ id: 'HH0100105', type: 'household', areaCode: '01001', name: 'Hộ Trần Quang Huy (chủ hộ mới)' }]);
    expect(renamed.statusCode, renamed.body).toBe(200);
    await system.projector.settle();
    const listed = (await tasksOf(supervisor, cycle.id, '&areaCode=01001')).find((t) => t.unitId === 'HH0100105')!;
    expect(listed).toMatchObject({ unitName: 'Hộ Trần Quang Huy (chủ hộ mới)', unitAddress: null, areaName: 'Xã Hà Nội 1' });
  });

  it('refuses a second active cycle of the same survey and period', async () => {
    const res = await manager.post('/api/cycles', { survey: 'LFS', period: '2026-11', collectionDeadline: inAMonth() });
    expect(res.statusCode).toBe(409);
  });

  it('hides the cycle from a supervisor of another province', async () => {
    expect((await otherSupervisor.get(`/api/cycles/${cycle.id}`)).statusCode).toBe(404);
    expect((await otherSupervisor.get('/api/cycles')).json<{ items: Overview[] }>().items.map((c) => c.id)).not.toContain(cycle.id);
  });

  it('refuses a response that breaks the questionnaire with 400, recording nothing', async () => {
    const task = tasks[0]!;
    const before = (await auditor.get(`/api/audit/streams/task-${task.id}`)).json<{ events: unknown[] }>().events.length;
    const [head, spouse] = good.persons as LfsPerson[];
    const { sex: _sex, ...noSex } = spouse!;
    const res = await submit(task.id, { members: 2, persons: [{ ...head, age: 'forty' }, { ...noSex, hours: 200 }] });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.data.persons[1].age', 'body.data.persons[2].sex', 'body.data.persons[2].hours']));
    const after = (await auditor.get(`/api/audit/streams/task-${task.id}`)).json<{ events: unknown[] }>().events.length;
    expect(after).toBe(before);
  });

  it('records a submission that fails a block check as checks_failed, then takes the fixed one into review', async () => {
    const task = tasks[0]!;
    // The child of the household entered as a second head: one check across the roster, one on the child's row.
    const twoHeads = { ...good, persons: (good.persons as LfsPerson[]).map((p, i) => (i === 3 ? { ...p, relation: '1' } : p)) };
    const failed = await submit(task.id, twoHeads, 'first-try-0001');
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({ status: 'checks_failed', failed: [{ id: 'head_adult', row: 'persons[4]' }, { id: 'one_head' }] });

    const again = await submit(task.id, twoHeads, 'first-try-0001');
    expect(again.json()).toEqual(failed.json());

    const fixed = await submit(task.id, good, 'second-try-0001');
    expect(fixed.json()).toMatchObject({ status: 'in_review', reviewLevel: 'commune', failed: [] });
    const types = (await auditor.get(`/api/audit/streams/task-${task.id}`)).json<{ events: { type: string }[] }>().events.map((e) => e.type);
    expect(types).toEqual(['TaskAssigned', 'ResponseSubmitted', 'ChecksFailed', 'ResponseSubmitted', 'ChecksPassed']);
  });

  it('reviews level by level: a wrong level is a 409, an outsider sees nothing', async () => {
    const task = tasks[0]!;
    expect((await review(otherSupervisor, task.id, 'approve', 'commune')).statusCode).toBe(404);
    expect((await review(supervisor, task.id, 'approve', 'province')).statusCode).toBe(409);
    const first = await review(supervisor, task.id, 'approve', 'commune');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'in_review', reviewLevel: 'province' });
    expect((await review(supervisor, task.id, 'approve', 'commune')).statusCode).toBe(409);
    const second = await review(supervisor, task.id, 'approve', 'province');
    expect(second.json()).toMatchObject({ status: 'approved', reviewLevel: null, reviewTrail: [{ level: 'commune' }, { level: 'province' }] });
  });

  it('sends a rejected task straight back to its enumerator with the comment, and takes the resubmission', async () => {
    const task = tasks[1]!;
    await submit(task.id, good);
    const rejected = await review(supervisor, task.id, 'reject', 'commune', 'Kiểm tra lại số nhân khẩu');
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    const seen = (await enumerator.get(`/api/tasks/${task.id}`)).json<{ status: string; reviewTrail: { comment: string }[] }>();
    expect(seen.status).toBe('rejected');
    expect(seen.reviewTrail.at(-1)?.comment).toBe('Kiểm tra lại số nhân khẩu');
    const resubmitted = await submit(task.id, lfsHousehold({ members: 5, employed: 2, unemployed: 1, income: 20 }));
    expect(resubmitted.json()).toMatchObject({ status: 'in_review', reviewLevel: 'commune' });
  });

  it('counts every move in the cycle overview', async () => {
    const overview = (await manager.get(`/api/cycles/${cycle.id}`)).json<Overview>();
    expect(overview.counts).toMatchObject({ approved: 1, in_review: 1, assigned: 18 });
    expect(overview.total).toBe(20);
  });

  it('closes collection: unsubmitted tasks become non_response, reviews go on, publication waits for them', async () => {
    // One more approved in the first commune, so that its cell reaches the minimum size of 3,
    // and one alone in the second commune, whose cell is then suppressed.
    const first = tasks[0]!.areaCode;
    const extra = [
      tasks.find((t) => t.areaCode === first && t.id !== tasks[0]!.id && t.id !== tasks[1]!.id)!,
      tasks.find((t) => t.areaCode !== first)!,
    ];
    for (const task of extra) {
      await submit(task.id, good);
      await review(supervisor, task.id, 'approve', 'commune');
      await review(supervisor, task.id, 'approve', 'province');
    }
    const closed = await manager.post(`/api/cycles/${cycle.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    // Submissions stop at once; the cycle reads closed once every task has been told.
    expect(closed.json()).toMatchObject({ status: 'closing' });
    const overview = await eventually(
      async () => (await manager.get(`/api/cycles/${cycle.id}`)).json<Overview>(),
      (c) => c.status === 'closed',
    );
    expect(overview).toMatchObject({ status: 'closed', counts: { approved: 3, in_review: 1, non_response: 16 } });
    const unanswered = (await tasksOf(enumerator, cycle.id, '&status=non_response'))[0]!;
    expect((await submit(unanswered.id, good)).statusCode).toBe(409);

    const pending = await manager.post(`/api/cycles/${cycle.id}/publish`, {});
    expect(pending.json()).toMatchObject({ status: 'closed', publishPending: true });
    const last = await review(supervisor, tasks[1]!.id, 'approve', 'commune');
    expect(last.json()).toMatchObject({ status: 'in_review', reviewLevel: 'province' });
    await review(supervisor, tasks[1]!.id, 'approve', 'province');
    await eventually(async () => (await manager.get(`/api/cycles/${cycle.id}`)).json<Overview>(), (c) => c.status === 'published');
  });

  it('publishes the output tables from approved responses, with small cells suppressed', async () => {
    const res = await supervisor.get(`/api/cycles/${cycle.id}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<{ version: number; tables: { id: string; rows: { areaCode: string; category?: string; value: number | null; suppressed: boolean }[] }[] }>();
    expect(result.version).toBe(1);
    const table = (id: string) => result.tables.find((t) => t.id === id)!.rows;
    // Four households: each has a man and a woman at work, and one more member looking for work.
    expect(table('employed_by_sex').map((r) => [r.category, r.value])).toEqual([['1', 4], ['2', 4]]);
    expect(table('persons_by_sex').map((r) => [r.category, r.value])).toEqual([['1', 9], ['2', 8]]);
    const byCommune = table('households_by_commune');
    expect(byCommune).toHaveLength(2);
    expect(byCommune[1]).toMatchObject({ value: null, suppressed: true });
    // Hà Nội's 4 less the first commune's 3 would give the lone household away: one of the two is hidden too.
    const province = table('households')[0]!;
    expect([province.suppressed, byCommune[0]!.suppressed].filter(Boolean)).toHaveLength(1);
    if (!province.suppressed) expect(province).toMatchObject({ areaCode: '01', value: 4 });
    if (!byCommune[0]!.suppressed) expect(byCommune[0]).toMatchObject({ areaCode: tasks[0]!.areaCode, value: 3 });
    // The publication's audit, kept for auditors: what a reader can derive about each hidden cell.
    const published = (await system.store.readStream(`cycle-${cycle.id}`)).find((e) => e.type === 'ResultsPublished')!;
    const audit = (published.data as { disclosurePolicy: number; audit: { table: string; areaCode: string; reason: string; value: number; min: number; max: number | null; protection: number }[] });
    expect(audit.disclosurePolicy).toBe(4);
    const lone = audit.audit.find((c) => c.table === 'households_by_commune' && c.areaCode === byCommune[1]!.areaCode)!;
    expect(lone).toMatchObject({ reason: 'primary', value: 1, protection: 3, min: 0 });
    expect(lone.max === null || lone.max >= 4).toBe(true);
    expect(audit.audit.filter((c) => c.reason === 'secondary')).toHaveLength(1);
    expect(JSON.stringify(result)).not.toContain('"audit"');
    const csv = await supervisor.get(`/api/cycles/${cycle.id}/results?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('table,aggregate,field,of,by,crossBy,areaCode,areaName,category,value,suppressed');
  });

  it('lets an auditor read and verify every stream, and nobody else without the role', async () => {
    const stream = `cycle-${cycle.id}`;
    const events = (await auditor.get(`/api/audit/streams/${stream}`)).json<{ events: { type: string; metadata: { actor: string; hash: string; prevHash: string; workflowId: string } }[] }>().events;
    expect(events.map((e) => e.type)).toEqual(['CycleLaunched', 'TasksCreated', 'CollectionStarted', 'ClosingStarted', 'CollectionClosed', 'ResultsPublished']);
    expect(events[0]?.metadata.actor).toBe('manager');
    expect(events[0]?.metadata.workflowId).toBe(`cycle/${cycle.id}`);
    expect(events[1]?.metadata.prevHash).toBe(events[0]?.metadata.hash);
    expect((await auditor.get(`/api/audit/streams/${stream}/verify`)).json()).toEqual({ valid: true, events: 6 });
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ valid: true, problems: [] });
    expect((await enumerator.get(`/api/audit/streams/${stream}`)).statusCode).toBe(403);
    expect((await auditor.post(`/api/cycles/${cycle.id}/close`, {})).statusCode).toBe(403);
    const log = (await auditor.get('/api/audit/events?type=ChecksFailed')).json<{ items: { stream: string }[] }>().items;
    expect(log.map((e) => e.stream)).toEqual([`task-${tasks[0]!.id}`]);
  });
});
