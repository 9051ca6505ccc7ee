import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lfsHousehold } from './helpers/lfs.js';
import { eventually, launchCycle, startTestSystem, type Api, type TestSystem } from './helpers/system.js';

/**
 * Late submissions (api/routes/late.ts): what a device sends after its task was reassigned
 * or its cycle moved on while it was offline is recorded as sent, shown to the supervisor,
 * and taken as the task's response when they accept it.
 */
let system: TestSystem;
let manager: Api;
let first: Api;
let second: Api;
let supervisor: Api;
let otherSupervisor: Api;

const deadline = () => new Date(Date.now() + 864e5).toISOString();
const lateOf = (taskId: string) => `/api/tasks/${taskId}/late-submissions`;
const key = (name: string) => ({ 'idempotency-key': `late-${name}-${process.pid}` });
const typesOf = async (stream: string) => (await manager.get(`/api/audit/streams/${stream}`)).json<{ events: { type: string; data: Record<string, unknown> }[] }>().events;

/** The cycle's tasks held by enum.hanoi (launching shares the units among the area's enumerators). */
async function tasksOf(cycleId: string): Promise<string[]> {
  return (await manager.get(`/api/cycles/${cycleId}/tasks?limit=10&enumerator=enum.hanoi`)).json<{ items: { id: string }[] }>().items.map((t) => t.id);
}

beforeAll(async () => {
  system = await startTestSystem();
  manager = await system.login('manager');
  const made = await manager.post('/api/users', { username: 'enum.hanoi2', password: 'second enumerator', role: 'enumerator', areaCodes: ['01'] });
  expect(made.statusCode, made.body).toBe(201);
  [first, supervisor, otherSupervisor] = (await Promise.all(['enum.hanoi', 'sup.hanoi', 'sup.hcm'].map((user) => system.login(user)))) as [Api, Api, Api];
  second = await system.login('enum.hanoi2', 'second enumerator');
});

afterAll(async () => {
  await system?.stop();
});

describe('a submission made offline on a task reassigned meanwhile', () => {
  let taskId: string;
  const answers = lfsHousehold({ members: 4, employed: 2 });
  /** The cycle's tasks a supervisor finds with a late submission waiting. */
  const waiting = async () => (await supervisor.get(`/api/cycles/${taskId.split('.')[0]}/tasks?late=waiting`)).json<{ items: { id: string }[] }>().items.map((t) => t.id);

  beforeAll(async () => {
    const cycle = await launchCycle(manager, { survey: 'LFS', period: '2026-10', areaCodes: ['01001'], collectionDeadline: deadline() });
    [taskId] = (await tasksOf(cycle.id)) as [string];
    const moved = await supervisor.post(`/api/tasks/${taskId}/reassign`, { enumerator: 'enum.hanoi2' });
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('is refused on time, recorded late once however often it is sent, and kept from other enumerators', async () => {
    const onTime = await first.post(`/api/tasks/${taskId}/submit`, { data: answers }, key('a'));
    expect(onTime.statusCode).toBe(404);
    const body = { data: answers, submittedAt: new Date(Date.now() - 3_600_000).toISOString(), refusedWith: 'task.not_found' };
    const sent = await first.post(lateOf(taskId), body, key('a'));
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ id: key('a')['idempotency-key'], taskId, by: 'enum.hanoi', status: 'received', refusedWith: 'task.not_found', data: answers });
    // The answer was lost on the way: the device sends it again with the same key.
    const again = await first.post(lateOf(taskId), body, key('a'));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: key('a')['idempotency-key'], status: 'received' });
    const late = await typesOf(`late-${taskId}`);
    expect(late.map((e) => e.type)).toEqual(['LateSubmissionReceived']);
    expect(late[0]!.data).toMatchObject({ by: 'enum.hanoi', data: answers });

    // The sender sees what they sent; the new holder and staff of other areas do not see the sender's task's late submissions.
    expect((await first.get(lateOf(taskId))).json()).toMatchObject({ items: [{ by: 'enum.hanoi' }] });
    expect((await second.get(lateOf(taskId))).json()).toEqual({ items: [] });
    expect((await otherSupervisor.get(lateOf(taskId))).statusCode).toBe(404);
    expect((await supervisor.get(lateOf(taskId))).json()).toMatchObject({ items: [{ id: key('a')['idempotency-key'], status: 'received' }] });
    expect(await waiting()).toEqual([taskId]);
  });

  it('is refused to someone who never held the task, and for a task that never existed', async () => {
    const enumHcm = await system.login('enum.hcm');
    const body = { data: answers, submittedAt: new Date().toISOString() };
    expect((await enumHcm.post(lateOf(taskId), body, key('b'))).json()).toMatchObject({ status: 404, code: 'task.not_found' });
    expect((await first.post(lateOf('LFS-2026-10.NOSUCH'), body, key('b'))).json()).toMatchObject({ status: 404, code: 'task.not_found' });
    expect((await supervisor.post(lateOf(taskId), body, key('b'))).statusCode).toBe(403);
    expect((await typesOf(`late-${taskId}`)).length).toBe(1);
  });

  it('becomes the task’s response when the supervisor accepts it, then goes through review', async () => {
    const lateId = key('a')['idempotency-key'];
    expect((await otherSupervisor.post(`${lateOf(taskId)}/${lateId}/accept`)).statusCode).toBe(404);
    expect((await first.post(`${lateOf(taskId)}/${lateId}/accept`)).statusCode).toBe(403);
    expect((await supervisor.post(`${lateOf(taskId)}/nosuchlate/accept`)).json()).toMatchObject({ status: 404, code: 'late.not_found' });
    const accepted = await supervisor.post(`${lateOf(taskId)}/${lateId}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ id: taskId, status: 'in_review', late: { status: 'accepted', acceptedBy: 'sup.hanoi' } });
    expect(await waiting()).toEqual([]);
    // Accepting again changes nothing.
    expect((await supervisor.post(`${lateOf(taskId)}/${lateId}/accept`)).json()).toMatchObject({ status: 'in_review', late: { status: 'accepted' } });
    const events = await typesOf(`task-${taskId}`);
    expect(events.map((e) => e.type)).toEqual(['TaskAssigned', 'TaskReassigned', 'LateSubmissionAccepted', 'ResponseSubmitted', 'ChecksPassed']);
    expect(events[3]!.data).toMatchObject({ by: 'enum.hanoi', submissionId: `late:${lateId}`, data: answers });
    const task = (await supervisor.get(`/api/tasks/${taskId}`)).json<{ response: unknown; status: string }>();
    expect(task).toMatchObject({ status: 'in_review', response: answers });
    const reviewed = await supervisor.post(`/api/tasks/${taskId}/review`, { decision: 'approve', level: 'commune' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
  });
});

describe('accepting a late submission', () => {
  it('is refused once the task was answered since, and once the cycle is cancelled', async () => {
    const cycle = await launchCycle(manager, { survey: 'LFS', period: '2026-11', areaCodes: ['01001'], collectionDeadline: deadline() });
    const [answeredId, cancelledId] = (await tasksOf(cycle.id)) as [string, string];
    for (const id of [answeredId, cancelledId]) expect((await supervisor.post(`/api/tasks/${id}/reassign`, { enumerator: 'enum.hanoi2' })).statusCode).toBe(200);
    const body = { data: lfsHousehold({ members: 2, employed: 1 }), submittedAt: new Date().toISOString(), refusedWith: 'task.not_found' };
    expect((await first.post(lateOf(answeredId), body, key('c'))).statusCode).toBe(201);
    expect((await first.post(lateOf(cancelledId), body, key('d'))).statusCode).toBe(201);

    // The new holder answered on time: the late one stays recorded and is not taken.
    expect((await second.post(`/api/tasks/${answeredId}/submit`, { data: lfsHousehold({ members: 3, employed: 1 }) })).json()).toMatchObject({ status: 'in_review' });
    expect((await supervisor.post(`${lateOf(answeredId)}/${key('c')['idempotency-key']}/accept`)).json()).toMatchObject({ status: 409, code: 'late.task_answered' });

    const cancelled = await manager.post(`/api/cycles/${cycle.id}/cancel`, { reason: 'test' });
    expect(cancelled.statusCode, cancelled.body).toBeLessThan(300);
    const refused = await supervisor.post(`${lateOf(cancelledId)}/${key('d')['idempotency-key']}/accept`);
    expect(refused.json()).toMatchObject({ status: 409 });
    expect(['late.cycle_cancelled', 'late.task_closed']).toContain(refused.json<{ code: string }>().code);
    expect((await supervisor.get(lateOf(cancelledId))).json()).toMatchObject({ items: [{ status: 'received', data: body.data }] });
  });

  it('after collection closed, starts the task again and holds publication until it is reviewed', async () => {
    const cycle = await launchCycle(manager, { survey: 'LFS', period: '2027-01', areaCodes: ['01001'], collectionDeadline: deadline() });
    const [reopenedId, laterId] = (await tasksOf(cycle.id)) as [string, string];
    expect((await manager.post(`/api/cycles/${cycle.id}/close`, {})).statusCode).toBe(200);
    await eventually(async () => (await manager.get(`/api/tasks/${reopenedId}`)).json<{ status: string }>(), (t) => t.status === 'non_response');
    // The device was offline when collection closed: its submission comes in late.
    const refused = await first.post(`/api/tasks/${reopenedId}/submit`, { data: lfsHousehold({ members: 5, employed: 2 }) });
    expect(refused.statusCode).toBe(409);
    const body = { data: lfsHousehold({ members: 5, employed: 2 }), submittedAt: new Date().toISOString(), refusedWith: refused.json<{ code: string }>().code };
    expect((await first.post(lateOf(reopenedId), body, key('f'))).statusCode).toBe(201);
    expect((await first.post(lateOf(laterId), body, key('g'))).statusCode).toBe(201);

    const accepted = await supervisor.post(`${lateOf(reopenedId)}/${key('f')['idempotency-key']}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'in_review', late: { status: 'accepted' } });
    const published = await manager.post(`/api/cycles/${cycle.id}/publish`, {});
    expect(published.statusCode, published.body).toBeLessThan(300);
    expect((await manager.get(`/api/cycles/${cycle.id}`)).json()).toMatchObject({ status: 'closed' });
    for (const level of ['commune', 'province']) expect((await supervisor.post(`/api/tasks/${reopenedId}/review`, { decision: 'approve', level })).statusCode).toBe(200);
    await eventually(async () => (await manager.get(`/api/cycles/${cycle.id}`)).json<{ status: string }>(), (c) => c.status === 'published');
    const events = (await typesOf(`task-${reopenedId}`)).map((e) => e.type);
    expect(events.slice(-8)).toEqual(['TaskCollectionClosed', 'TaskNonResponse', 'LateSubmissionAccepted', 'ResponseSubmitted', 'ChecksPassed', 'ReviewApproved', 'ReviewApproved', 'TaskApproved']);
    // The published cycle counts the household the late submission answered for.
    expect((await manager.get(`/api/cycles/${cycle.id}`)).json()).toMatchObject({ counts: { approved: 1, non_response: 4, in_review: 0 } });
    // Once published, a late submission stays recorded but is no longer taken.
    expect((await supervisor.post(`${lateOf(laterId)}/${key('g')['idempotency-key']}/accept`)).json()).toMatchObject({ status: 409, code: 'late.cycle_published' });
  });

  it('refuses bad input with the field named', async () => {
    const cycle = await launchCycle(manager, { survey: 'LFS', period: '2026-12', areaCodes: ['01001'], collectionDeadline: deadline() });
    const [taskId] = (await tasksOf(cycle.id)) as [string];
    const now = new Date().toISOString();
    const cases: [Record<string, string>, unknown, number, string | null][] = [
      [{}, { data: {}, submittedAt: now }, 400, 'headers.idempotency-key'],
      [{ 'idempotency-key': 'short' }, { data: {}, submittedAt: now }, 400, 'headers.idempotency-key'],
      [key('e'), { data: {} }, 400, 'body.submittedAt'],
      [key('e'), { data: {}, submittedAt: new Date(Date.now() + 3_600_000).toISOString() }, 400, 'body.submittedAt'],
      [key('e'), { data: [1], submittedAt: now }, 400, 'body.data'],
      [key('e'), { data: { note: 'x'.repeat(600_000) }, submittedAt: now }, 413, 'body.data'],
      [key('e'), { data: {}, submittedAt: now, extra: 1 }, 400, null],
    ];
    for (const [headers, body, status, field] of cases) {
      const res = await first.post(lateOf(taskId), body, headers);
      expect(res.statusCode, `${JSON.stringify(body).slice(0, 80)}: ${res.body.slice(0, 300)}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      if (field) expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(field);
    }
    expect((await supervisor.get(lateOf(taskId))).json()).toEqual({ items: [] });
  });
});
