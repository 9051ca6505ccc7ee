import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNotifier } from '../activities/notifications.js';
import { MailpitApi, startMailpit, type Mailpit, type MailpitSummary } from '../bin/mailpit.js';
import type { NotificationFailed, NotificationSent } from '../domain/task/events.js';
import type { UserRecord } from '../domain/users.js';
import { openSideDb, SIDE_DB_FILE } from '../eventstore/side-db.js';
import { SENT_LEDGER_SCHEMA, SentLedger } from '../notify/ledger.js';
import { createMailer, messageIdFor } from '../notify/mailer.js';
import { freePort } from './helpers/ports.js';
import { fresh, inDays, surveyBody, taskOf } from './helpers/scene.js';
import { eventually, launchCycle, startTestSystem, TEST_RETRY, type Api, type TestSystem } from './helpers/system.js';

/**
 * Mail that reaches people, on the real dev server and a real Mailpit: invitations when a cycle
 * opens, a receipt for each accepted submission, a rejection with the reviewer's comment, each in
 * the person's language, each once; and a mail server that is down, then back.
 */
const tag = fresh('');
const address = (name: string) => `${name}.${tag}@example.vn`;
const messageIdOf = (m: MailpitSummary) => `<${m.MessageID.replace(/^<|>$/g, '')}>`;

/** A world of its own: a survey with three households for enum.hanoi, one for enum.hcm and one enterprise answering for itself. */
async function setUp(system: TestSystem, suffix: string) {
  const manager = await system.login('manager');
  const unitType = `mail_${tag}${suffix}`;
  const survey = `ML${tag.toUpperCase()}${suffix.toUpperCase()}`;
  const units = { hanoi: [1, 2, 3].map((n) => `M${tag}${suffix}${n}`), hcm: `MC${tag}${suffix}`, enterprise: `ME${tag}${suffix}` };
  expect((await manager.post('/api/surveys', { ...surveyBody(survey, unitType), reviewLevels: ['commune'] })).statusCode).toBe(201);
  const imported = await manager.post('/api/units/import', [
    ...units.hanoi.map((id, i) => ({ id, type: unitType, areaCode: '01001', name: `Hộ số ${i + 1}`, enumerator: 'enum.hanoi' })),
    { id: units.hcm, type: unitType, areaCode: '79001', name: 'Hộ phía Nam', enumerator: 'enum.hcm' },
    { id: units.enterprise, type: unitType, areaCode: '01001', name: 'Công ty <Ánh & Dương>' },
  ]);
  expect(imported.json()).toMatchObject({ imported: 5 });
  const changed = [
    await manager.patch('/api/users/enum.hanoi', { email: address(`bao${suffix}`), language: 'en' }),
    await manager.patch('/api/users/enum.hcm', { email: address(`anh${suffix}`) }),
    await manager.post('/api/users', { username: `resp.${tag}${suffix}`, password: 'a long password', role: 'respondent', areaCodes: [], unitIds: [units.enterprise], email: address(`duong${suffix}`) }),
  ];
  for (const res of changed) expect(res.statusCode, res.body).toBeLessThan(300);
  return { manager, survey, units, respondent: `resp.${tag}${suffix}` };
}

const notificationsOf = async (system: TestSystem, taskId: string) => {
  const events = await system.store.readStream(`task-${taskId}`);
  return {
    sent: events.filter((e) => e.type === 'NotificationSent').map((e) => e.data as NotificationSent['data']),
    failed: events.filter((e) => e.type === 'NotificationFailed').map((e) => e.data as NotificationFailed['data']),
  };
};

describe('mail that reaches people', () => {
  const inbox = new MailpitApi(inject('mailpitUrl'));
  const to = async (who: string) => (await inbox.list()).filter((m) => m.To.some((a) => a.Address === address(who)));
  let system: TestSystem;
  let world: Awaited<ReturnType<typeof setUp>>;
  let enumerator: Api;
  let cycleId: string;
  const period = fresh('p-');
  const tasks = () => ({ hanoi: world.units.hanoi.map((u) => taskOf(cycleId, u)), hcm: taskOf(cycleId, world.units.hcm), enterprise: taskOf(cycleId, world.units.enterprise) });

  beforeAll(async () => {
    system = await startTestSystem({ smtp: true });
    world = await setUp(system, '');
    enumerator = await system.login('enum.hanoi');
    cycleId = (await launchCycle(world.manager, { survey: world.survey, period, areaCodes: ['01', '79'], collectionDeadline: inDays(30) })).id;
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('invites everyone a task is for when the cycle opens, once per task, in their own language, with a link to the task', async () => {
    const bao = await eventually(() => to('bao'), (m) => m.length >= 3);
    const anh = await eventually(() => to('anh'), (m) => m.length >= 1);
    const duong = await eventually(() => to('duong'), (m) => m.length >= 1);
    // enum.hanoi chose English; enum.hcm and the respondent did not, and read Vietnamese.
    expect(bao.map((m) => m.Subject).sort()).toEqual([1, 2, 3].map((n) => `New task: Test survey ${period} – Hộ số ${n}`));
    expect(anh.map((m) => m.Subject)).toEqual([`Nhiệm vụ mới: Khảo sát thử ${period} – Hộ phía Nam`]);
    expect(duong.map((m) => m.Subject)).toEqual([`Nhiệm vụ mới: Khảo sát thử ${period} – Công ty <Ánh & Dương>`]);
    // The enterprise answers for itself: its enumerator-less task went to its respondent, not to enum.hanoi.
    expect(bao.some((m) => m.Subject.includes('Công ty'))).toBe(false);

    const message = await inbox.message(anh[0]!.ID);
    expect(message.Text).toContain(`http://survey-ops.test/#/tasks/${encodeURIComponent(tasks().hcm)}`);
    expect(message.HTML).toContain('Hộ phía Nam');
    expect(message.From.Address).toBe('no-reply@survey-ops.test');

    for (const [taskId, who] of [...tasks().hanoi.map((t) => [t, 'enum.hanoi'] as const), [tasks().hcm, 'enum.hcm'] as const, [tasks().enterprise, world.respondent] as const]) {
      const { sent } = await eventually(() => notificationsOf(system, taskId), (n) => n.sent.length >= 1);
      expect(sent).toEqual([{ key: 'invitation', reason: 'invitation', to: [who], messageIds: [expect.stringMatching(/^<notice\.[0-9a-f]{40}@survey-ops\.test>$/)] }]);
    }
    const ids = [...bao, ...anh, ...duong].map(messageIdOf);
    expect(new Set(ids).size).toBe(5);
  });

  it('sends a receipt for each accepted submission, naming the receipt the API gave, and none for one its checks refused', async () => {
    const taskId = tasks().hanoi[0]!;
    const refused = await enumerator.post(`/api/tasks/${taskId}/submit`, { data: { members: 25 } }, { 'idempotency-key': `refused-${tag}` });
    expect(refused.json()).toMatchObject({ status: 'checks_failed', receipt: null });
    const accepted = await enumerator.post(`/api/tasks/${taskId}/submit`, { data: { members: 3 } }, { 'idempotency-key': `accepted-${tag}` });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const receipt = accepted.json<{ receipt: { id: string } }>().receipt;
    const [mail] = await eventually(async () => (await to('bao')).filter((m) => m.Subject.startsWith('Submission received:')), (m) => m.length >= 1);
    const text = (await inbox.message(mail!.ID)).Text;
    expect(mail!.Subject).toContain('Hộ số 1');
    expect(text).toContain(`Receipt: ${receipt.id}`);
    expect(text).toContain(`http://survey-ops.test/#/receipts/${receipt.id}`);
    const { sent } = await eventually(() => notificationsOf(system, taskId), (n) => n.sent.length >= 2);
    expect(sent.map((n) => n.key)).toEqual(['invitation', `receipt:accepted-${tag}`]);
  });

  it('tells of a rejection with the reviewer’s comment', async () => {
    const taskId = tasks().hanoi[0]!;
    const supervisor = await system.login('sup.hanoi');
    const comment = `Kiểm tra lại số <thành viên> & tuổi (${tag})`;
    const res = await supervisor.post(`/api/tasks/${taskId}/review`, { decision: 'reject', level: 'commune', comment });
    expect(res.statusCode, res.body).toBe(200);
    const [mail] = await eventually(async () => (await to('bao')).filter((m) => m.Subject.startsWith('Returned for correction:')), (m) => m.length >= 1);
    const message = await inbox.message(mail!.ID);
    expect(message.Text).toContain(`> ${comment}`);
    expect(message.HTML).toContain(`Kiểm tra lại số &lt;thành viên&gt; &amp; tuổi (${tag})`);
    const events = await system.store.readStream(`task-${taskId}`);
    const rejected = events.find((e) => e.type === 'TaskRejected')!;
    const { sent } = await eventually(() => notificationsOf(system, taskId), (n) => n.sent.length >= 3);
    expect(sent.map((n) => n.key)).toEqual(['invitation', `receipt:accepted-${tag}`, `rejection:${rejected.revision}`]);
  });

  it('never sends one notice twice: one message per Message-ID, one NotificationSent per key', async () => {
    await new Promise((r) => setTimeout(r, 2000));
    const mine = (await inbox.list()).filter((m) => m.To.some((a) => a.Address.endsWith(`.${tag}@example.vn`)));
    const ids = mine.map(messageIdOf);
    expect(ids.length).toBe(7);
    expect(new Set(ids).size).toBe(ids.length);
    for (const taskId of [...tasks().hanoi, tasks().hcm, tasks().enterprise]) {
      const keys = (await notificationsOf(system, taskId)).sent.map((n) => n.key);
      expect(new Set(keys).size, taskId).toBe(keys.length);
    }
  });
});

describe('the mailer', () => {
  it('commits each message before the server may keep it; a commit that fails leaves the server without it', async () => {
    const inbox = new MailpitApi(inject('mailpitUrl'));
    const mine = async () => (await inbox.list()).filter((m) => m.To.some((a) => a.Address === address('commit')));
    const mailer = createMailer({ smtpUrl: inject('smtpUrl'), from: 'Thống kê thử <no-reply@survey-ops.test>' });
    try {
      const message = { to: { name: 'Thử', address: address('commit') }, subject: 'Thử', text: 'Thử', html: '<p>Thử</p>', language: 'vi' };
      let heldAtCommit = -1;
      await mailer.send({ ...message, messageId: `<kept.${tag}@survey-ops.test>` }, async () => {
        heldAtCommit = (await mine()).length;
      });
      expect(heldAtCommit).toBe(0);
      const failed = mailer.send({ ...message, messageId: `<dropped.${tag}@survey-ops.test>` }, async () => {
        throw new Error('the ledger is out of reach');
      });
      await expect(failed).rejects.toMatchObject({ message: expect.stringContaining('the ledger is out of reach'), committed: false });
      await new Promise((r) => setTimeout(r, 1000));
      expect((await mine()).map(messageIdOf)).toEqual([`<kept.${tag}@survey-ops.test>`]);
    } finally {
      mailer.close();
    }
  });
});

describe('a worker that dies between the mail server’s answer and the task’s record', () => {
  it('leaves the ledger to stop the retry from sending again, whether the server answered or not; what the stream records as sent is not sent at all', async () => {
    const system = await startTestSystem({ smtp: true });
    const sideDb = openSideDb(`sqlite:${join(system.dataDir, 'events.db')}`, join(system.dataDir, SIDE_DB_FILE), SENT_LEDGER_SCHEMA);
    const mailer = createMailer({ smtpUrl: inject('smtpUrl'), from: 'Thống kê thử <no-reply@survey-ops.test>' });
    try {
      const world = await setUp(system, 'l');
      const { id: cycleId } = await launchCycle(world.manager, { survey: world.survey, period: fresh('p-'), areaCodes: ['79'], collectionDeadline: inDays(30) });
      const taskId = taskOf(cycleId, world.units.hcm);
      await eventually(() => notificationsOf(system, taskId), (n) => n.sent.length === 1);
      const anh: UserRecord = { id: 'enum.hcm', username: 'enum.hcm', role: 'enumerator', areaCodes: ['79'], disabled: false, email: address('anhl') };
      const notifier = createNotifier({
        store: system.store,
        directory: { respondentsOf: () => [], user: (username) => (username === 'enum.hcm' ? anh : undefined), unit: () => undefined },
        mail: { mailer, ledger: new SentLedger(sideDb), publicUrl: 'http://survey-ops.test' },
      });
      const notice = { taskId, key: 'reminder:2030-01-01T00:00:00.000Z', reason: 'reminder' as const };
      const first = await notifier.send(notice, () => {});
      expect(first).toMatchObject({ status: 'sent', to: ['enum.hcm'] });
      // The worker dies here: no NotificationSent. The next attempt finds the copy in the ledger.
      expect(await notifier.send(notice, () => {})).toEqual(first);
      expect(await notifier.send({ taskId, key: 'invitation', reason: 'invitation' }, () => {})).toEqual({ status: 'recorded' });
      // A copy committed by an attempt that died before the server's answer: the server may have it, so it is not sent again.
      const overdue = { taskId, key: 'overdue:2030-01-01T00:00:00.000Z', reason: 'overdue' as const };
      const ledger = new SentLedger(sideDb);
      const messageId = messageIdFor(taskId, overdue.key, 'enum.hcm', mailer.domain);
      await ledger.committed({ messageId, taskId, key: overdue.key, username: 'enum.hcm' });
      expect(await notifier.send(overdue, () => {})).toEqual({ status: 'sent', to: ['enum.hcm'], messageIds: [messageId], unconfirmed: ['enum.hcm'] });
      await new Promise((r) => setTimeout(r, 1000));
      const inbox = new MailpitApi(inject('mailpitUrl'));
      const received = (await inbox.list()).filter((m) => m.To.some((a) => a.Address === address('anhl')));
      // The invitation the workflow sent, and the reminder once; no overdue notice.
      expect(received.map((m) => m.Subject.split(':')[0]).sort()).toEqual(['Nhiệm vụ mới', 'Nhắc hạn nộp']);
    } finally {
      mailer.close();
      await sideDb.close();
      await system.stop();
    }
  });
});

describe('a mail server that is down, then back', () => {
  let mailpit: Mailpit | null = null;
  let system: TestSystem;
  let smtpPort: number;
  let uiPort: number;

  beforeAll(async () => {
    smtpPort = await freePort();
    uiPort = await freePort();
    mailpit = await startMailpit({ bin: inject('mailpitBin'), smtpPort, uiPort, maxMessages: 0 });
    // A finished task tries its last notices for three seconds more, not an hour.
    system = await startTestSystem({ smtp: { smtpUrl: mailpit.smtpUrl, retry: { ...TEST_RETRY, afterFinalMs: 3000 } } });
  });

  afterAll(async () => {
    await system?.stop();
    await mailpit?.stop();
  });

  it('records each failed attempt with its next one, then sends every message once when the server is back', async () => {
    const world = await setUp(system, 'd');
    await mailpit!.stop();
    const { id: cycleId } = await launchCycle(world.manager, { survey: world.survey, period: fresh('p-'), areaCodes: ['01', '79'], collectionDeadline: inDays(30) });
    const taskIds = [...world.units.hanoi, world.units.hcm, world.units.enterprise].map((unit) => taskOf(cycleId, unit));
    // Every task tried, failed, and said when it tries again; twice, so that the waits are seen to grow.
    for (const taskId of taskIds) {
      const { failed, sent } = await eventually(() => notificationsOf(system, taskId), (n) => n.failed.length >= 2);
      expect(sent).toEqual([]);
      expect(failed.slice(0, 2)).toEqual([1, 2].map((attempt) => ({ key: 'invitation', reason: 'invitation', attempt, error: expect.stringMatching(/ECONNREFUSED|connect/i), nextAttemptAt: expect.any(String) })));
    }

    mailpit = await startMailpit({ bin: inject('mailpitBin'), smtpPort, uiPort, maxMessages: 0 });
    for (const taskId of taskIds) await eventually(() => notificationsOf(system, taskId), (n) => n.sent.length === 1, 60_000);
    // Time for anything sent twice to arrive.
    await new Promise((r) => setTimeout(r, 3000));
    const received = await mailpit.api.list();
    const ids = received.map(messageIdOf);
    expect(ids.length).toBe(taskIds.length);
    expect(new Set(ids).size).toBe(ids.length);
    const recorded = (await Promise.all(taskIds.map((taskId) => notificationsOf(system, taskId)))).flatMap((n) => n.sent.flatMap((s) => s.messageIds));
    expect(new Set(recorded)).toEqual(new Set(ids));
    for (const taskId of taskIds) {
      const { failed } = await notificationsOf(system, taskId);
      // Waits of 1 s, 2 s, 4 s, 4 s… as the test's policy says: each next attempt later than the one before.
      const next = failed.map((f) => Date.parse(f.nextAttemptAt!));
      expect(next).toEqual([...next].sort((a, b) => a - b));
      expect(failed.every((f) => f.nextAttemptAt !== null)).toBe(true);
    }
  });

  it('gives up soon after the task became final: its receipt is tried a little longer, its invitation no more, and the workflow ends', async () => {
    const world = await setUp(system, 'f');
    await mailpit!.stop();
    const { id: cycleId } = await launchCycle(world.manager, { survey: world.survey, period: fresh('p-'), areaCodes: ['79'], collectionDeadline: inDays(30) });
    const taskId = taskOf(cycleId, world.units.hcm);
    await eventually(() => notificationsOf(system, taskId), (n) => n.failed.length >= 1);
    const submitted = await (await system.login('enum.hcm')).post(`/api/tasks/${taskId}/submit`, { data: { members: 2 } }, { 'idempotency-key': `final-${tag}` });
    expect(submitted.json()).toMatchObject({ status: 'in_review' });
    await eventually(() => notificationsOf(system, taskId), (n) => n.failed.some((f) => f.key === `receipt:final-${tag}`));
    const approved = await (await system.login('sup.hcm')).post(`/api/tasks/${taskId}/review`, { decision: 'approve', level: 'commune' });
    expect(approved.json()).toMatchObject({ status: 'approved' });

    const handle = system.client.workflow.getHandle(`task/${taskId}`);
    await eventually(async () => (await handle.describe()).status.name, (status) => status === 'COMPLETED', 30_000);
    const { failed, sent } = await notificationsOf(system, taskId);
    expect(sent).toEqual([]);
    const last = (key: string) => failed.filter((f) => f.key === key).at(-1);
    expect(last('invitation')).toMatchObject({ nextAttemptAt: null, error: 'not sent: the task is approved' });
    expect(last(`receipt:final-${tag}`)).toMatchObject({ nextAttemptAt: null, error: expect.stringMatching(/ECONNREFUSED|connect/i) });
    mailpit = await startMailpit({ bin: inject('mailpitBin'), smtpPort, uiPort, maxMessages: 0 });
  });
});

describe('a late submission for a task still trying its last notices', () => {
  let mailpit: Mailpit | null = null;
  let system: TestSystem;

  beforeAll(async () => {
    mailpit = await startMailpit({ bin: inject('mailpitBin'), smtpPort: await freePort(), uiPort: await freePort(), maxMessages: 0 });
    system = await startTestSystem({ smtp: { smtpUrl: mailpit.smtpUrl } });
  });

  afterAll(async () => {
    await system?.stop();
    await mailpit?.stop();
  });

  it('is taken by the run that has not ended, which then sends what it owes once the mail server is back', async () => {
    const world = await setUp(system, 'r');
    const { id: cycleId } = await launchCycle(world.manager, { survey: world.survey, period: fresh('p-'), areaCodes: ['79'], collectionDeadline: inDays(30) });
    const taskId = taskOf(cycleId, world.units.hcm);
    await eventually(() => notificationsOf(system, taskId), (n) => n.sent.length === 1);
    const [enumerator, supervisor] = [await system.login('enum.hcm'), await system.login('sup.hcm')];
    const { runId } = await system.client.workflow.getHandle(`task/${taskId}`).describe();

    // Rejected after collection closed, while the mail server is down: non-response, its rejection still owed.
    await mailpit!.stop();
    expect((await enumerator.post(`/api/tasks/${taskId}/submit`, { data: { members: 2 } }, { 'idempotency-key': `first-${tag}` })).json()).toMatchObject({ status: 'in_review' });
    expect((await world.manager.post(`/api/cycles/${cycleId}/close`)).statusCode).toBeLessThan(300);
    await eventually(async () => (await world.manager.get(`/api/cycles/${cycleId}`)).json<{ status: string }>().status, (status) => status === 'closed');
    expect((await supervisor.post(`/api/tasks/${taskId}/review`, { decision: 'reject', level: 'commune', comment: 'Sai số người' })).json()).toMatchObject({ status: 'non_response' });
    await eventually(() => notificationsOf(system, taskId), (n) => n.failed.some((f) => f.key.startsWith('rejection:')));

    const late = await enumerator.post(`/api/tasks/${taskId}/late-submissions`, { data: { members: 3 }, submittedAt: new Date().toISOString() }, { 'idempotency-key': `late-${tag}` });
    expect(late.statusCode, late.body).toBe(201);
    const accepted = await supervisor.post(`/api/tasks/${taskId}/late-submissions/late-${tag}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'in_review' });
    expect((await system.client.workflow.getHandle(`task/${taskId}`).describe()).runId).toBe(runId);

    mailpit = await startMailpit({ bin: inject('mailpitBin'), smtpPort: Number(new URL(mailpit!.smtpUrl).port), uiPort: Number(new URL(mailpit!.url).port), maxMessages: 0 });
    const { sent } = await eventually(() => notificationsOf(system, taskId), (n) => n.sent.length === 4, 60_000);
    const rejection = (await system.store.readStream(`task-${taskId}`)).find((e) => e.type === 'TaskRejected')!.revision;
    expect(sent.map((n) => n.key).sort()).toEqual(['invitation', `receipt:first-${tag}`, `receipt:late:late-${tag}`, `rejection:${rejection}`]);
    const subjects = (await mailpit.api.list()).map((m) => m.Subject.split(':')[0]).sort();
    expect(subjects).toEqual(['Cần sửa lại', 'Đã nhận bài nộp', 'Đã nhận bài nộp']);
  });
});
