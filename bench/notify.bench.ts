/**
 * Invitations at a cycle's opening (`npm run bench -- notify`): 10,000 enterprises, each with a
 * respondent who has an address (half in English), a cycle launched over all of them, and the
 * time from the launch request to the last invitation Mailpit accepted. Then the same again with
 * the worker killed (SIGKILL) halfway through the invitations and started again, counting the
 * messages Mailpit received more than once (by Message-ID).
 *
 * As `npm start` runs them, but with the worker in a process of its own so that it can be
 * killed: the Temporal dev server with its state in a SQLite file, the API and projector in
 * this process, Mailpit keeping every message. The waits between a notice's attempts start at
 * 1 s (`NOTIFY_FIRST_RETRY_MS`), not 30 s, so that the second run measures recovery rather than
 * the policy's first wait. Writes the `notify` section of BENCHMARKS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { hashPassword } from '../api/passwords.js';
import { findMailpit, startMailpit, type Mailpit } from '../bin/mailpit.js';
import { NODE_FLAGS } from '../bin/node-flags.js';
import { freePortFor } from '../bin/ports.js';
import { WORKFLOWS_PATH, startSystem, type System } from '../bin/system.js';
import { findTemporalCli, startDevServer, type DevServer } from '../bin/temporal.js';
import { quietBundlerLogger } from '../bin/worker.js';
import { freeTemporalPort } from '../test/helpers/ports.js';
import { CpuMeter, treeCpu } from './cpu.js';
import { fmt, machine, percentile, writeSection } from './harness.js';

const UNITS = Number(process.env.BENCH_NOTIFY_UNITS ?? 10_000);
const FIRST_RETRY_MS = 1000;
const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (from: number, to = performance.now()) => (to - from) / 1000;
/** `temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_STICKY`: a workflow task for the worker that has the workflow in its cache. */
const STICKY = 2;
/** Communes of Hà Nội without the demo's own households. */
const COMMUNES = Array.from({ length: 122 }, (_, i) => `01${String(i + 5).padStart(3, '0')}`);

/** The worker of bin/run-worker.ts in a process of its own, to be killed. */
class WorkerProcess {
  child: ChildProcess | null = null;
  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', 'bin/run-worker.ts'], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    const deadline = Date.now() + 120_000;
    while (!output.includes('worker ready')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the worker did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    this.child = child;
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }
}

const work = mkdtempSync(join(tmpdir(), 'survey-ops-notifybench-'));
let server: DevServer | null = null;
let mailpit: Mailpit | null = null;
let system: System | null = null;
let worker: WorkerProcess | null = null;

interface Run {
  /** When the cycle read `collecting`: every task's workflow started. */
  readonly collecting: number;
  readonly lastUnique: number;
  readonly recorded: number;
  readonly received: number;
  readonly unique: number;
  readonly sent: number;
  readonly failed: number;
  /** Copies `NotificationSent` names as sent without the server's answer. */
  readonly unconfirmed: number;
  readonly killedAt: number | null;
  readonly restartedAt: number | null;
  readonly cpu: Record<string, number> | null;
  /** The 1-minute load average as the run began: other work on the machine shows in it. */
  readonly load: number;
  readonly sample: { readonly tasks: number; readonly sticky: number; readonly waitP50: number; readonly waitP90: number };
}

try {
  const cli = findTemporalCli(say);
  // BENCH_TEMPORAL=memory keeps the dev server's state in memory (as the tests run it), to tell its persistence apart.
  const inMemory = process.env.BENCH_TEMPORAL === 'memory';
  server = await startDevServer({ cli, port: await freeTemporalPort(), uiPort: null, ...(inMemory ? {} : { dbFile: join(work, 'temporal.db') }) });
  const bin = findMailpit(say);
  if (!bin) throw new Error('this benchmark needs Mailpit (and Go to build it)');
  mailpit = await startMailpit({ bin, smtpPort: await freePortFor(), uiPort: await freePortFor(), maxMessages: 0 });
  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
  const bundlePath = join(work, 'workflows.js');
  writeFileSync(bundlePath, bundle.code);
  const dataDir = join(work, 'data');
  mkdirSync(dataDir);
  const authSecret = randomBytes(32).toString('hex');
  const taskQueue = 'notify-bench';
  system = await startSystem({ dataDir, temporalAddress: server.address, namespace: 'default', taskQueue, authSecret, demoSeed: true, logger: false, worker: false, writeRateLimit: 1e9, loginRateLimit: 1000 });
  const workerEnv = {
    DATA_DIR: dataDir, TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: taskQueue, WORKFLOW_BUNDLE: bundlePath, AUTH_SECRET: authSecret,
    SMTP_URL: mailpit.smtpUrl, PUBLIC_URL: 'http://localhost:3000', NOTIFY_FIRST_RETRY_MS: String(FIRST_RETRY_MS), LOG_LEVEL: 'error',
  };
  worker = new WorkerProcess(workerEnv);
  await worker.start();

  // ------------------------------------------------------------ the frame, the respondents, the survey
  const { app, store } = system;
  const token = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'manager', password: 'demo' } })).json<{ token: string }>().token;
  const call = async <T>(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 500)}`);
    return res.json<T>();
  };
  const unitType = 'enterprise_bench';
  await call('POST', '/api/surveys', {
    code: 'NOTIFYBENCH',
    title: { vi: 'Báo cáo doanh nghiệp', en: 'Enterprise report' },
    kind: 'reporting',
    unitType,
    fields: [{ id: 'revenue', type: 'decimal', required: true, label: { vi: 'Doanh thu', en: 'Revenue' } }],
    reviewLevels: ['province'],
  });
  const unitId = (i: number) => `NB${String(i).padStart(6, '0')}`;
  await call('POST', '/api/units/import', Array.from({ length: UNITS }, (_, i) => ({ id: unitId(i), type: unitType, areaCode: COMMUNES[i % COMMUNES.length]!, name: `Công ty số ${i}` })));
  const prepared = performance.now();
  const passwordHash = await hashPassword('a respondent of the benchmark');
  const at = new Date().toISOString();
  for (let i = 0; i < UNITS; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, UNITS - i) }, async (_, j) => {
        const n = i + j;
        const username = `nb.${n}`;
        const data = { id: username, username, role: 'respondent', areaCodes: [], unitIds: [unitId(n)], email: `nb.${n}@bench.example`, language: n % 2 === 0 ? 'vi' : 'en', passwordHash };
        await store.append(`user-${username}`, [{ type: 'UserCreated', data, metadata: { actor: 'bench', correlationId: 'bench', causationId: null, workflowId: null, at } }], { expected: 'no_stream' });
      }),
    );
  }
  await system.projector.settle();
  say(`${fmt(UNITS)} enterprises and respondents in ${fmt(seconds(prepared), 1)} s`);

  // ------------------------------------------------------------ a launch, measured
  const run = async (period: string, killHalfway: boolean): Promise<Run> => {
    await mailpit!.api.deleteAll();
    const load = loadavg()[0]!;
    const head = await store.headPosition();
    const meter = killHalfway ? null : new CpuMeter({
      'Temporal dev server': () => treeCpu(server!.process.pid!),
      'worker process': () => treeCpu(worker!.child!.pid!),
      Mailpit: () => treeCpu(mailpit!.process.pid!),
      'API and projector (this process)': () => process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    });
    meter?.begin();
    const started = performance.now();
    const startedAt = Date.now();
    const { id } = await call<{ id: string }>('POST', '/api/cycles', { survey: 'NOTIFYBENCH', period, areaCodes: ['01'], collectionDeadline: new Date(Date.now() + 30 * 864e5).toISOString() });
    /** The run's notification events in the log. */
    const tally = async () => {
      const counts = { sent: 0, failed: 0, unconfirmed: 0 };
      for (let after = head; ; ) {
        const page = await store.readAll({ after, maxCount: 5000 });
        for (const e of page) {
          if (e.type === 'NotificationSent') {
            counts.sent++;
            counts.unconfirmed += (e.data as { unconfirmed?: string[] }).unconfirmed?.length ?? 0;
          } else if (e.type === 'NotificationFailed') counts.failed++;
        }
        if (page.length < 5000) return counts;
        after = page[page.length - 1]!.position;
      }
    };
    let collecting = 0;
    let killedAt: number | null = null;
    let restartedAt: number | null = null;
    for (let last = -1, turn = 0; ; turn++) {
      const count = await mailpit!.api.count();
      if (!collecting && (await call<{ status: string }>('GET', `/api/cycles/${id}`)).status === 'collecting') collecting = seconds(started);
      if (killHalfway && killedAt === null && count >= UNITS / 2) {
        await worker!.kill();
        killedAt = seconds(started);
        say(`  worker killed at ${fmt(killedAt, 1)} s with ${fmt(count)} messages received`);
        await worker!.start();
        restartedAt = seconds(started);
      }
      if (count !== last) say(`  ${fmt(seconds(started), 1)} s: ${fmt(count)} messages`);
      last = count;
      if (count >= UNITS) break;
      // A copy committed but lost to the kill never arrives: every task's NotificationSent ends the run too.
      if (turn % 10 === 9 && count > 0 && (await tally()).sent >= UNITS) break;
      if (seconds(started) > 1800) throw new Error(`only ${count} of ${UNITS} messages after 30 minutes`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const cpu = meter?.end() ?? null;
    // Every task's NotificationSent, counted in the log.
    let counts = await tally();
    while (counts.sent < UNITS && seconds(started) <= 1800) {
      await new Promise((r) => setTimeout(r, 1000));
      counts = await tally();
    }
    const { sent, failed, unconfirmed } = counts;
    const recorded = seconds(started);
    // Time for copies sent twice to arrive.
    await new Promise((r) => setTimeout(r, 15_000));
    const messages = await mailpit!.api.list();
    const first = new Map<string, number>();
    for (const m of messages) first.set(m.MessageID, Math.min(first.get(m.MessageID) ?? Infinity, Date.parse(m.Created)));
    const lastUnique = (Math.max(...first.values()) - startedAt) / 1000;
    // A sample of tasks' histories: did the activity's result find its workflow still in the
    // worker's cache (a sticky workflow task) or replayed from its history, and how long did the activity wait?
    let sticky = 0;
    const waits: number[] = [];
    const step = Math.max(1, Math.floor(UNITS / 200));
    for (let i = 0; i < UNITS; i += step) {
      const history = await system!.client.workflow.getHandle(`task/${id}.${unitId(i)}`).fetchHistory();
      const events = history.events ?? [];
      const second = events.filter((e) => e.workflowTaskScheduledEventAttributes)[1];
      if (second?.workflowTaskScheduledEventAttributes?.taskQueue?.kind === STICKY) sticky++;
      const time = (e: (typeof events)[number] | undefined) => Number(e?.eventTime?.seconds ?? 0) * 1000 + Number(e?.eventTime?.nanos ?? 0) / 1e6;
      const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes);
      const activityStarted = events.find((e) => e.activityTaskStartedEventAttributes);
      if (scheduled && activityStarted) waits.push(time(activityStarted) - time(scheduled));
    }
    const sample = { tasks: Math.ceil(UNITS / step), sticky, waitP50: percentile(waits, 50), waitP90: percentile(waits, 90) };
    if (process.env.BENCH_NOTIFY_DEBUG) {
      // Each message received twice, with its task's events, times from the launch.
      const byId = new Map<string, typeof messages>();
      for (const m of messages) byId.set(m.MessageID, [...(byId.get(m.MessageID) ?? []), m]);
      for (const [mid, copies] of byId) {
        if (copies.length < 2) continue;
        const n = Number(copies[0]!.To[0]!.Address.split('@')[0]!.slice(3));
        const events = await store.readStream(`task-${id}.${unitId(n)}`);
        say(`twice: ${mid} at ${copies.map((c) => ((Date.parse(c.Created) - startedAt) / 1000).toFixed(3)).join(' and ')} s; ${events.map((e) => `${e.type} ${((Date.parse(e.metadata.at) - startedAt) / 1000).toFixed(3)} s${e.type === 'NotificationFailed' ? ` (${(e.data as { error: string }).error})` : ''}`).join(', ')}`);
      }
    }
    return { collecting, lastUnique, recorded, received: messages.length, unique: first.size, sent, failed, unconfirmed, killedAt, restartedAt, cpu, load, sample };
  };

  say('run 1: the launch as it goes');
  const plain = await run('2026-11', false);
  say(JSON.stringify(plain));
  // BENCH_NOTIFY_KILL=0 leaves the second run out (for quicker comparisons).
  const killed = process.env.BENCH_NOTIFY_KILL === '0' ? null : (say('run 2: the worker killed halfway'), await run('2026-12', true));
  if (killed) say(JSON.stringify(killed));

  // ------------------------------------------------------------ the same launch without mail, for what the invitations cost
  await worker.stop();
  worker = new WorkerProcess({ ...workerEnv, SMTP_URL: '' });
  await worker.start();
  say('run 3: the launch without mail');
  const quiet = await (async () => {
    const load = loadavg()[0]!;
    const meter = new CpuMeter({ 'Temporal dev server': () => treeCpu(server!.process.pid!), 'worker process': () => treeCpu(worker!.child!.pid!) });
    meter.begin();
    const started = performance.now();
    const { id } = await call<{ id: string }>('POST', '/api/cycles', { survey: 'NOTIFYBENCH', period: '2027-01', areaCodes: ['01'], collectionDeadline: new Date(Date.now() + 30 * 864e5).toISOString() });
    while ((await call<{ status: string }>('GET', `/api/cycles/${id}`)).status !== 'collecting') await new Promise((r) => setTimeout(r, 250));
    const collecting = seconds(started);
    // The last tasks' first workflow tasks.
    await new Promise((r) => setTimeout(r, 5000));
    return { collecting, load, cpu: meter.end() };
  })();
  say(JSON.stringify(quiet));

  // ------------------------------------------------------------ the section
  const lines: string[] = [];
  const put = (line = '') => lines.push(line);
  put('## Notifications: invitations when a cycle opens');
  put();
  put(`Machine: ${machine()}. ${fmt(UNITS)} enterprises in 122 communes of Hà Nội, each with a respondent who has an address (every other one in English); a cycle launched over them by \`manager\`, so ${fmt(UNITS)} tasks each inviting one person. ${inMemory ? 'The Temporal dev server keeps its state in memory (as the tests run it, not as `npm start` does);' : 'The Temporal dev server keeps its state in a SQLite file as `npm start` runs it;'} the worker (bin/run-worker.ts) runs in a process of its own so that it can be killed; API and projector in the benchmark's process; Mailpit v1.33.1 keeps every message. Waits between a notice's attempts start at ${fmt(FIRST_RETRY_MS / 1000)} s here (30 s by default). Times from the launch request.`);
  put();
  put('| run | load average as it began | every task started (cycle collecting) | last invitation accepted by Mailpit | every `NotificationSent` recorded | messages received | distinct Message-IDs | duplicates | missing | unconfirmed (sent, no answer) | `NotificationFailed` |');
  put('|---|---|---|---|---|---|---|---|---|---|---|');
  const runs: [string, Run][] = [['launch', plain]];
  if (killed) runs.push([`worker killed at ${fmt(killed.killedAt ?? 0, 1)} s (half the invitations in), started again at ${fmt(killed.restartedAt ?? 0, 1)} s`, killed]);
  for (const [name, r] of runs) {
    put(`| ${name} | ${fmt(r.load, 1)} | ${fmt(r.collecting, 1)} s | ${fmt(r.lastUnique, 1)} s (${fmt(UNITS / r.lastUnique, 1)}/s) | ${fmt(r.recorded, 1)} s | ${fmt(r.received)} | ${fmt(r.unique)} | ${fmt(r.received - r.unique)} | ${fmt(UNITS - r.unique)} | ${fmt(r.unconfirmed)} | ${fmt(r.failed)} |`);
  }
  if (plain.cpu) {
    const perTask = (cpu: number) => `${fmt((cpu / UNITS) * 1000, 1)} ms`;
    const withMail = plain.cpu['Temporal dev server']!;
    const without = quiet.cpu['Temporal dev server']!;
    put();
    put(`CPU seconds during the first run: ${Object.entries(plain.cpu).map(([name, s]) => `${name} ${fmt(s, 1)}`).join(', ')} (the machine has ${fmt(2 * plain.lastUnique, 0)} core-seconds in that time). The same launch without mail (a worker without \`SMTP_URL\`, load average ${fmt(quiet.load, 1)} as it began): every task started in ${fmt(quiet.collecting, 1)} s, the dev server busy ${fmt(without, 1)} CPU s, the worker ${fmt(quiet.cpu['worker process']!, 1)}.`);
    put();
    const busy = withMail / plain.lastUnique;
    put(`Where the time goes: the dev server was busy ${fmt(busy * 100)} % of one core over the first run${busy > 0.85 ? ', the bottleneck' : ` (the machine was shared: load average ${fmt(plain.load, 1)} as the run began)`}. It spent ${perTask(without)} of CPU per task on the launch without mail and ${perTask(withMail)} with the invitation: each invitation is an activity task (scheduled, dispatched, started, completed) and a second workflow task (the \`NotificationSent\` append), each a few writes to its SQLite file, so the invitations cost the server ${fmt((withMail - without) / without, 1)} times what the launch does. The mail path is not what waits: in a sample of ${plain.sample.tasks} tasks an activity waited ${fmt(plain.sample.waitP50)} ms (median; 90th percentile ${fmt(plain.sample.waitP90)} ms) from scheduled to started, and ${plain.sample.sticky} of the ${plain.sample.tasks} second workflow tasks found their workflow still in the worker's cache (no replay); the worker used ${perTask(plain.cpu['worker process']!)} per task.`);
  }
  put();
  put('Target: the last invitation accepted within 2 minutes of the launch; no message twice. A copy is committed in a ledger just before the final `.` of its SMTP transaction and not sent again once committed (activities/notifications.ts): a worker killed with copies between that `.` and the server\'s answer leaves them unconfirmed, not sent twice.');
  const text = lines.join('\n');
  say(text);
  writeSection(inMemory ? 'notify-in-memory' : 'notify', text);
} finally {
  await worker?.stop().catch(() => undefined);
  await system?.close().catch((err: unknown) => say(`closing the system: ${String(err)}`));
  await mailpit?.stop();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
}
