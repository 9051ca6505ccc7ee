/**
 * Beyond one machine, measured on this one (`npm run bench scale`):
 * 1. full task lifecycles through the HTTP API on the cluster profile (bin/cluster.ts:
 *    PostgreSQL, Temporal's server on it, two replicas, requests alternating between them)
 *    against the embedded default (bin/start.ts, as `npm start` runs it), same tasks, same
 *    concurrency, same run;
 * 2. submission latency on the embedded default under an open-loop load at a fixed share
 *    of the Temporal floor measured in the same run;
 * 3. CPU seconds and disk bytes per lifecycle of each component of the cluster, measured
 *    during (1), and from them the cores and disk of a census.
 * Writes the `scale` section of BENCHMARKS.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../bin/cluster.js';
import { freePortFor } from '../bin/ports.js';
import { demoGeography } from '../domain/geography/geography.js';
import { eventSchemas } from '../domain/schemas.js';
import { PostgresEventStore } from '../eventstore/postgres.js';
import { Projector, openReadDb, readModels } from '../projections/projector.js';
import { Api, closedLoop, launchCycle, openLoop, percentile } from './drive.js';
import { fmt, machine, writeSection } from './harness.js';
import { lifecycleContext, lifecycles } from './lifecycles.js';
import { temporalBase } from '../test/helpers/cluster.js';
import { DATABASES, TEMPORAL_SERVICES, clusterMeter, databaseSizes, embeddedMeter, startEmbedded, type Embedded } from './systems.js';

const TASKS = Number(process.env.BENCH_SCALE_TASKS ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_SCALE_CONCURRENCY ?? 32);
const PACE = Number(process.env.BENCH_SCALE_PACE ?? 0.4);
const SUBMISSIONS = Number(process.env.BENCH_SCALE_SUBMISSIONS ?? 1_000);
/** The census the sizing is for. */
const CENSUS = { households: 27e6, days: 25, peak: 3 };
const PEAK_RATE = (CENSUS.households / CENSUS.days / 86_400) * CENSUS.peak;
/** Cores are provisioned so that each component is at most half busy at the peak. */
const HEADROOM = 2;

const say = (line: string) => process.stdout.write(`${line}\n`);
const work = mkdtempSync(join(tmpdir(), 'survey-ops-scalebench-'));
let embedded: Embedded | null = null;
let cluster: Cluster | null = null;
const users = ['manager', 'enum.hanoi', 'sup.hanoi'];
const perTask = (seconds: Record<string, number>) => Object.entries(seconds).map(([name, s]) => [name, s / TASKS] as const);
const ms = (values: number[], p: number) => `${fmt(percentile(values, p), 0)} ms`;
/** The 1-minute load average as each phase began: other work on the machine shows in it. */
const loads: string[] = [];
const loadAt: Record<string, number> = {};
const phase = (name: string) => {
  loadAt[name] = loadavg()[0]!;
  loads.push(`${name} ${fmt(loadAt[name]!, 1)}`);
};

try {
  // ---------------------------------------------------------------- the Temporal floor
  phase('floor');
  const context = await lifecycleContext({ inMemory: false, concurrency: 32, say });
  const floorRun = await lifecycles(context, TASKS, true, 'full').finally(() => context.close());
  const floorRate = TASKS / floorRun.seconds;
  say(`floor: ${fmt(floorRate, 1)} lifecycles/s`);

  // ---------------------------------------------------------------- embedded default, closed loop
  phase('embedded');
  embedded = await startEmbedded(join(work, 'embedded'));
  let api = new Api([embedded.url]);
  await api.login(...users);
  let meter = embeddedMeter(embedded);
  meter.begin();
  const embeddedLaunch = await launchCycle(api, TASKS, '2026-11', 'E');
  const embeddedDrive = await closedLoop(api, embeddedLaunch.taskIds, CONCURRENCY);
  const embeddedCpu = meter.end();
  const embeddedSeconds = embeddedLaunch.seconds + embeddedDrive;
  say(`embedded: ${fmt(TASKS / embeddedSeconds, 1)} lifecycles/s (launch ${fmt(embeddedLaunch.seconds, 1)} s, drive ${fmt(embeddedDrive, 1)} s)`);
  await embedded.stop();

  // ---------------------------------------------------------------- embedded default, open loop at a share of the floor
  embedded = await startEmbedded(join(work, 'embedded-open'));
  api = new Api([embedded.url]);
  await api.login(...users);
  const rate = PACE * floorRate;
  const paced = await launchCycle(api, SUBMISSIONS, '2026-12', 'P');
  meter = embeddedMeter(embedded);
  phase('open loop');
  meter.begin();
  const open = await openLoop(api, paced.taskIds, rate);
  const openCpu = meter.end();
  say(`open loop at ${fmt(rate, 1)}/s: submissions p50 ${ms(open.submissions, 50)}, p95 ${ms(open.submissions, 95)}, p99 ${ms(open.submissions, 99)}`);
  await embedded.stop();
  embedded = null;

  // ---------------------------------------------------------------- cluster profile, closed loop, CPU and disk
  for (let attempt = 1; ; attempt++) {
    try {
      cluster = await startCluster({
        dataDir: join(work, `cluster-${attempt}`),
        appPorts: [await freePortFor(), await freePortFor()],
        postgresPort: await freePortFor(),
        temporalPort: await temporalBase(),
        temporalServices: TEMPORAL_SERVICES,
        say: () => {},
        env: { LOG_LEVEL: 'error', DEMO_SEED: '1', WRITE_RATE_LIMIT: '1000000000', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${new URL('./workflow-threads.js', import.meta.url).href}`.trim() },
      });
      break;
    } catch (err) {
      if (attempt === 3 || !/address already in use|port .* is taken|Temporal server exited|pg_ctl failed/i.test(String(err))) throw err;
    }
  }
  api = new Api(cluster.replicas.map((replica) => replica.url));
  await api.login(...users);
  const log = new PostgresEventStore(cluster.eventStore, { schemas: eventSchemas });
  const headBefore = await log.headPosition();
  const sizesBefore = await databaseSizes(cluster.eventStore);
  meter = clusterMeter(cluster);
  phase('cluster');
  meter.begin();
  const clusterLaunch = await launchCycle(api, TASKS, '2026-11', 'C');
  const clusterDrive = await closedLoop(api, clusterLaunch.taskIds, CONCURRENCY);
  const clusterCpu = meter.end();
  const clusterSeconds = clusterLaunch.seconds + clusterDrive;
  const sizesAfter = await databaseSizes(cluster.eventStore);
  const eventsPerTask = ((await log.headPosition()) - headBefore) / TASKS;
  say(`cluster: ${fmt(TASKS / clusterSeconds, 1)} lifecycles/s (launch ${fmt(clusterLaunch.seconds, 1)} s, drive ${fmt(clusterDrive, 1)} s)`);

  // The projector apart: read models rebuilt from the same log in this process, its CPU timed.
  const models = readModels(demoGeography());
  const readDb = openReadDb(join(work, 'rebuild-read.db'), models);
  const cpuBefore = process.cpuUsage();
  const rebuildStarted = performance.now();
  const applied = await new Projector(log, readDb, models).catchUp();
  const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
  const rebuildCpuUsage = process.cpuUsage(cpuBefore);
  const rebuildCpu = (rebuildCpuUsage.user + rebuildCpuUsage.system) / 1e6;
  readDb.close();
  await log.close();
  await cluster.stop();
  cluster = null;

  // ---------------------------------------------------------------- the section
  const cpu = Object.fromEntries(perTask(clusterCpu));
  const projector = rebuildCpu / TASKS;
  const replicas = 2;
  const rows: [string, number, string][] = [
    ...TEMPORAL_SERVICES.map((service) => [`Temporal ${service} (process of its own)`, cpu[`Temporal ${service}`]!, ''] as [string, number, string]),
    ['PostgreSQL (postmaster, backends, backends ended)', cpu.PostgreSQL!, 'event log, Temporal history and visibility'],
    ['replicas: workflow threads (workflow code)', cpu['replicas: workflow threads']!, 'worker'],
    ['replicas: SDK core threads (polls, gRPC to Temporal)', cpu['replicas: SDK core threads']!, 'worker'],
    [`replicas: projector (rebuild of the same log, ${fmt(eventsPerTask, 1)} events a lifecycle, × ${replicas} replicas)`, projector * replicas, 'each replica projects the whole log'],
    [`replicas: main threads without the projector (API, activities, SDK's JavaScript side)`, cpu['replicas: main threads']! - projector * replicas, 'API + worker activities, not separable'],
    ['replicas: other threads (garbage collector, libuv pool, threads ended)', cpu['replicas: other threads']!, ''],
  ];
  const total = rows.reduce((sum, [, c]) => sum + c, 0);
  const wholeReplicas = cpu['replicas: whole processes']!;
  const lines: string[] = [];
  const put = (line = '') => lines.push(line);
  put('## Beyond one machine: cluster against embedded, latency at a census pace, census sizing');
  put();
  put(`Machine: ${machine()}; everything below ran on its 2 cores in one run: the systems, PostgreSQL 15 of the machine's packages, the Temporal servers and the benchmark's own HTTP client. Load average (1 min) as each phase began: ${loads.join(', ')} (each also counts the benchmark's own phase before it).`);
  put();
  put(`### Full lifecycles through the HTTP API: cluster against embedded`);
  put();
  put(`${fmt(TASKS)} households of the demo labour force survey in 122 communes of Hà Nội, imported and launched by \`manager\`; each task submitted by \`enum.hanoi\` (\`POST /api/tasks/:id/submit\`) and approved by \`sup.hanoi\` at commune then province level (\`POST /api/tasks/:id/review\`), ${CONCURRENCY} clients at a time, each taking the next task through its three requests. Time from the launch request to the last approval's answer. Embedded: \`bin/start.ts\` as \`npm start\` runs it (Temporal dev server on a SQLite file, SQLite event store, one process for API, worker and projector). Cluster: \`bin/cluster.ts\` \`startCluster\` (PostgreSQL, Temporal's server on it with each service a process of its own, two replicas), every request to the replica after the previous request's.`);
  put();
  put('| profile | lifecycles/s | launch (all assigned) | submit and approvals | total |');
  put('|---|---|---|---|---|');
  put(`| embedded default | ${fmt(TASKS / embeddedSeconds, 1)} | ${fmt(embeddedLaunch.seconds, 1)} s | ${fmt(embeddedDrive, 1)} s | ${fmt(embeddedSeconds, 1)} s |`);
  put(`| cluster profile | ${fmt(TASKS / clusterSeconds, 1)} | ${fmt(clusterLaunch.seconds, 1)} s | ${fmt(clusterDrive, 1)} s | ${fmt(clusterSeconds, 1)} s |`);
  put(`| ratio cluster / embedded | ${fmt(embeddedSeconds / clusterSeconds, 2)}× | | | |`);
  put();
  put(`### Submission latency at a steady pace (embedded default)`);
  put();
  put(`The Temporal floor measured first in the same run: ${fmt(TASKS)} full lifecycles with empty activities through the Temporal client (\`lifecycles(n, true, 'full')\` of bench/lifecycles.ts, as in the workflow benchmarks), ${fmt(floorRate, 1)} lifecycles/s. Then, on a fresh \`bin/start.ts\`, a cycle of ${fmt(SUBMISSIONS)} tasks launched, and an open loop: a lifecycle arrives every ${fmt(1000 / rate, 1)} ms (${fmt(rate, 1)}/s, ${fmt(PACE * 100)} % of the floor) whatever the answers, and is a submission, then the commune approval, then the province approval. A submission's latency runs from its scheduled time to its answer (the driver sent at most ${fmt(open.maxSendLag, 0)} ms late); an approval's from its request.`);
  put();
  put('| requests | count | p50 | p95 | p99 | max | target |');
  put('|---|---|---|---|---|---|---|');
  put(`| submissions | ${fmt(open.submissions.length)} | ${ms(open.submissions, 50)} | ${ms(open.submissions, 95)} | ${ms(open.submissions, 99)} | ${ms(open.submissions, 100)} | p95 ≤ 500 ms, p99 ≤ 1 s |`);
  put(`| approvals (both levels) | ${fmt(open.approvals.length)} | ${ms(open.approvals, 50)} | ${ms(open.approvals, 95)} | ${ms(open.approvals, 99)} | ${ms(open.approvals, 100)} | |`);
  put();
  put(`Over the ${fmt(open.seconds, 0)} s of the loop, CPU busy: dev server ${fmt((openCpu['Temporal dev server']! / open.seconds) * 100)} %, app process ${fmt((openCpu['app process (API, worker, projector)']! / open.seconds) * 100)} %, driver ${fmt((openCpu['benchmark driver']! / open.seconds) * 100)} % (of one core each; 200 % is the machine).`);
  put();
  put(`### Cost of a lifecycle, and a census on paper`);
  put();
  put(`CPU seconds during the cluster run above (launch to last approval, ${fmt(TASKS)} lifecycles), from /proc: each Temporal service's process, PostgreSQL's postmaster with its backends (and the time of backends that ended, from the postmaster's cutime/cstime), and the replicas' threads. Each replica is one process with API, worker and projector: its workflow thread (its id noted at its start by bench/workflow-threads.js, loaded into the replicas only for this run) and the SDK's core threads are told apart from the main thread; the projector is measured apart by rebuilding read models from the same log in the benchmark's process (${fmt(applied)} events in ${fmt(rebuildSeconds, 1)} s, ${fmt(rebuildCpu, 2)} CPU s) and taken off the main threads, twice, since each replica projects the whole log. The main threads' rest is the API and the activities (appends, checks), which run on the same thread and are not separated. Disk: \`pg_database_size\` of each database before the import and after the last approval, after a checkpoint (without the write-ahead log).`);
  put();
  put(`Peak rate: ${fmt(CENSUS.households / 1e6)} million households in ${CENSUS.days} days, the peak day at ${CENSUS.peak}× the average: ${fmt(CENSUS.households)} / ${CENSUS.days} / 86,400 × ${CENSUS.peak} = **${fmt(PEAK_RATE, 1)} lifecycles/s**. Cores at the peak = CPU s per lifecycle × ${fmt(PEAK_RATE, 1)}; with headroom = that × ${HEADROOM} (each component at most half busy at the peak); the total rounded up to whole cores.`);
  put();
  put('| component | CPU ms per lifecycle | cores busy at the peak | cores with headroom | note |');
  put('|---|---|---|---|---|');
  for (const [name, c, note] of rows) put(`| ${name} | ${fmt(c * 1000, 1)} | ${fmt(c * PEAK_RATE, 2)} | ${fmt(c * PEAK_RATE * HEADROOM, 2)} | ${note} |`);
  put(`| **all** | **${fmt(total * 1000, 1)}** | **${fmt(total * PEAK_RATE, 1)}** | **${fmt(total * PEAK_RATE * HEADROOM, 1)}, so ${Math.ceil(total * PEAK_RATE * HEADROOM)} cores** | |`);
  put();
  const openBusy = (openCpu['Temporal dev server']! + openCpu['app process (API, worker, projector)']!) / open.seconds;
  const threadSum = cpu['replicas: main threads']! + cpu['replicas: workflow threads']! + cpu['replicas: SDK core threads']! + cpu['replicas: other threads']!;
  const embeddedBusy = (embeddedCpu['Temporal dev server']! + embeddedCpu['app process (API, worker, projector)']!) / embeddedSeconds;
  const clusterBusy = total * (TASKS / clusterSeconds);
  put(`Checks: the replicas' thread groups add up to ${fmt(threadSum * 1000, 1)} ms a lifecycle, their whole processes to ${fmt(wholeReplicas * 1000, 1)} ms. In the cluster run the components kept ${fmt(clusterBusy, 2)} of the machine's 2 cores busy (the benchmark's HTTP client ${fmt(cpu['benchmark driver']! * (TASKS / clusterSeconds), 2)} more). The embedded default in its run: dev server ${fmt((embeddedCpu['Temporal dev server']! / TASKS) * 1000, 1)} ms and app process ${fmt((embeddedCpu['app process (API, worker, projector)']! / TASKS) * 1000, 1)} ms a lifecycle, ${fmt(embeddedBusy, 2)} cores busy (the client ${fmt(embeddedCpu['benchmark driver']! / embeddedSeconds, 2)} more).`);
  put();
  put('| database | before | after | bytes per lifecycle | a census of 27 million |');
  put('|---|---|---|---|---|');
  let diskTotal = 0;
  for (const name of DATABASES) {
    const per = (sizesAfter[name]! - sizesBefore[name]!) / TASKS;
    diskTotal += per;
    put(`| ${name} | ${fmt(sizesBefore[name]! / 2 ** 20, 1)} MiB | ${fmt(sizesAfter[name]! / 2 ** 20, 1)} MiB | ${fmt(per)} | ${fmt((per * CENSUS.households) / 2 ** 30)} GiB |`);
  }
  put(`| **all** | | | **${fmt(diskTotal)}** | **${fmt((diskTotal * CENSUS.households) / 2 ** 30)} GiB** |`);
  put();
  put(`Reading: ${TASKS / clusterSeconds >= TASKS / embeddedSeconds ? 'the cluster profile did more lifecycles a second than the embedded default' : 'the cluster profile did fewer lifecycles a second than the embedded default'} on the same 2 cores (${fmt(embeddedSeconds / clusterSeconds, 2)}×; the Temporal floor, driven straight through the Temporal client, did ${fmt(floorRate, 1)}), with four Temporal processes, PostgreSQL and two replicas sharing them (${fmt(clusterBusy, 2)} cores busy, against ${fmt(embeddedBusy, 2)} for the embedded default), so this compares what the two profiles cost per lifecycle on one small machine, not what the cluster does on machines of its own: ${fmt(total * 1000, 0)} CPU ms a lifecycle for the cluster against ${fmt(((embeddedCpu['Temporal dev server']! + embeddedCpu['app process (API, worker, projector)']!) / TASKS) * 1000, 0)} for the embedded default. At ${fmt(PACE * 100)} % of the floor, submissions ${percentile(open.submissions, 95) <= 500 && percentile(open.submissions, 99) <= 1000 ? 'met' : 'missed'} their targets (p95 ${ms(open.submissions, 95)}, p99 ${ms(open.submissions, 99)}), with a median of ${ms(open.submissions, 50)}.${open.maxSendLag > 100 ? ` The driver itself sent up to ${fmt(open.maxSendLag, 0)} ms late while the system kept ${openBusy < 1 ? 'less than one core' : `${fmt(openBusy, 2)} cores`} busy: other work shared the machine (load average ${fmt(loadAt['open loop']!, 1)} as the loop began, which also counts the phase before it), and the tails carry that wait for a core.` : ''} The sizing assumes costs per lifecycle stay what they were at ${fmt(TASKS)} tasks on one machine: cores grow linearly with the rate, PostgreSQL's share is for the one server that holds the log and Temporal's state, and each replica added projects the whole log once more (${fmt(projector * 1000, 1)} ms a lifecycle each). The databases' growth includes the dead row versions each update leaves until autovacuum makes their room reusable (a task's visibility row is rewritten at each step), so it is an upper bound for a steady state. Temporal's history and visibility rows are removed after the namespace's 30-day retention; the event log's ${fmt((((sizesAfter.survey! - sizesBefore.survey!) / TASKS) * CENSUS.households) / 2 ** 30)} GiB stay. Not measured: the write-ahead log, backups, indexes' growth past ${fmt(TASKS)} tasks, and network between machines.`);

  const text = lines.join('\n');
  say(text);
  writeSection('scale', text);
} finally {
  await cluster?.stop().catch((err: unknown) => say(`stopping the cluster: ${String(err)}`));
  await embedded?.stop().catch((err: unknown) => say(`stopping the embedded system: ${String(err)}`));
  rmSync(work, { recursive: true, force: true });
}
