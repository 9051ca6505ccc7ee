/**
 * Read-path benchmarks at census scale, over real HTTP on loopback: with a census log of
 * 1,000,000 tasks (about 10,000,000 events) loaded, the rebuild rate of the read models,
 * p50/p95/p99 of the dashboard, task-list and audit routes, and the CSV export of
 * 1,000,000 rows; then a bounded load test (200 clients, 60 s, reads mixed with
 * submissions) on a live cycle. Writes its section of BENCHMARKS.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePortFor } from '../bin/ports.js';
import { startSystem, type System } from '../bin/system.js';
import { findTemporalCli, startDevServer } from '../bin/temporal.js';
import { demoGeography } from '../domain/geography/geography.js';
import { eventSchemas } from '../domain/schemas.js';
import { SqliteEventStore } from '../eventstore/sqlite.js';
import { Projector, openReadDb, readModels } from '../projections/projector.js';
import { CENSUS_CYCLE, censusLog, systemOnLog } from './census.js';
import { fmt, machine, writeSection } from './harness.js';
import { lfsHousehold } from '../test/helpers/lfs.js';

const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const LOAD_CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 200);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const LOAD_TASKS = Number(process.env.BENCH_LOAD_TASKS ?? 3000);
const say = (line: string) => process.stdout.write(`${line}\n`);
const lines: string[] = [];
const log = (line: string) => {
  say(line);
  lines.push(line);
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const server = process.env.TEMPORAL_ADDRESS ? null : await startDevServer({ cli: findTemporalCli(say), port: await freePortFor(), uiPort: null, timeoutMs: 120_000 });
const temporalAddress = process.env.TEMPORAL_ADDRESS ?? server!.address;

async function listen(system: System): Promise<string> {
  await system.app.listen({ port: 0, host: '127.0.0.1' });
  const address = system.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** `SAMPLES` requests one after another (after a warm-up); latencies in ms, sorted. */
async function latencies(base: string, token: string, path: () => string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + 30; i++) {
    const url = `${base}${path()}`;
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 300)}`);
    if (i >= 30) times.push(ms);
  }
  return times.sort((a, b) => a - b);
}

// ---------------------------------------------------------------- census-scale reads
const census = await censusLog(TASKS, say);
const dataDir = mkdtempSync(join(tmpdir(), 'survey-ops-apibench-'));
{
  const store = new SqliteEventStore(census.eventsFile, { schemas: eventSchemas, readonly: true });
  const models = readModels(demoGeography());
  const readFile = join(dataDir, 'read.building.db');
  const readDb = openReadDb(readFile, models);
  const projector = new Projector(store, readDb, models);
  const started = performance.now();
  const applied = await projector.catchUp();
  const seconds = (performance.now() - started) / 1000;
  readDb.close();
  await store.close();
  renameSync(readFile, join(dataDir, 'read.db'));
  for (const suffix of ['-wal', '-shm']) rmSync(`${readFile}${suffix}`, { force: true });
  log(`### Read path at census scale (SQLite, real HTTP on loopback)\n\nMachine: ${machine()}. Census log: ${fmt(census.tasks)} tasks over 3,321 communes, ${fmt(census.events)} events; ${SAMPLES} sequential requests per route after a warm-up.\n`);
  log('| measurement | figure | target |');
  log('|---|---|---|');
  log(`| read-model rebuild from the whole log | ${fmt(applied / seconds)} events/s (${fmt(applied)} events in ${fmt(seconds, 0)} s) | ≥ 50,000 events/s |`);
}

const system = await systemOnLog({ dataDir, eventsFile: census.eventsFile, temporalAddress, name: 'apibench' });
try {
  const base = await listen(system);
  const [manager, supervisor, auditor] = await Promise.all([login(base, 'manager'), login(base, 'sup.hanoi'), login(base, 'auditor')]);
  const task = () => `U${Math.floor(Math.random() * census.tasks)}`;
  const hanoiTask = () => `U${Math.floor(Math.random() * (census.tasks / 3321)) * 3321}`; // commune 0 of the list is in Hà Nội
  const routes: { name: string; token: string; path: () => string; target: string }[] = [
    { name: 'cycle overview (manager, national)', token: manager, path: () => `/api/cycles/${CENSUS_CYCLE}`, target: '≤ 50 ms' },
    { name: 'cycle overview (supervisor, Hà Nội)', token: supervisor, path: () => `/api/cycles/${CENSUS_CYCLE}`, target: '≤ 50 ms' },
    { name: 'progress by province', token: manager, path: () => `/api/cycles/${CENSUS_CYCLE}/progress?level=province`, target: '≤ 50 ms' },
    { name: 'progress by commune, whole country (3,321 rows)', token: manager, path: () => `/api/cycles/${CENSUS_CYCLE}/progress?level=commune`, target: '≤ 50 ms' },
    { name: 'progress by commune of Hà Nội (supervisor)', token: supervisor, path: () => `/api/cycles/${CENSUS_CYCLE}/progress?level=commune&parent=01`, target: '≤ 50 ms' },
    { name: 'task page: in review in Hà Nội, 50 rows', token: manager, path: () => `/api/cycles/${CENSUS_CYCLE}/tasks?status=in_review&areaCode=01&limit=50`, target: '≤ 50 ms' },
    { name: 'task page: supervisor, rejected, 100 rows', token: supervisor, path: () => `/api/cycles/${CENSUS_CYCLE}/tasks?status=rejected&limit=100`, target: '≤ 50 ms' },
    { name: 'task page: one enumerator, overdue filter', token: manager, path: () => `/api/cycles/${CENSUS_CYCLE}/tasks?enumerator=enum.hanoi&overdue=false&limit=50`, target: '≤ 50 ms' },
    { name: 'task detail', token: supervisor, path: () => `/api/tasks/${CENSUS_CYCLE}.${hanoiTask()}`, target: '≤ 50 ms' },
    { name: "a stream's audit history (auditor, read recorded)", token: auditor, path: () => `/api/audit/streams/task-${CENSUS_CYCLE}.${task()}`, target: '≤ 20 ms' },
    { name: 'state at a revision (auditor, read recorded)', token: auditor, path: () => `/api/audit/streams/task-${CENSUS_CYCLE}.${task()}/state?revision=1`, target: '' },
  ];
  log('\n| route | p50 | p95 | p99 | target (p95) |');
  log('|---|---|---|---|---|');
  for (const route of routes) {
    const t = await latencies(base, route.token, route.path);
    log(`| ${route.name} | ${fmt(percentile(t, 50), 1)} ms | ${fmt(percentile(t, 95), 1)} ms | ${fmt(percentile(t, 99), 1)} ms | ${route.target} |`);
  }

  // The microdata of every task as CSV, read as a client would, to the last byte.
  const started = performance.now();
  const res = await fetch(`${base}/api/cycles/${CENSUS_CYCLE}/responses?status=all&format=csv`, { headers: { authorization: `Bearer ${manager}` } });
  if (!res.ok || !res.body) throw new Error(`export: ${res.status}`);
  let rows = -1; // the header line
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) rows++;
  }
  const seconds = (performance.now() - started) / 1000;
  log(`\n| export | rows | size | time | target |`);
  log('|---|---|---|---|---|');
  log(`| CSV of every task's latest response (\`/api/cycles/:id/responses?status=all\`) | ${fmt(rows)} | ${fmt(bytes / 2 ** 20, 0)} MiB | ${fmt(seconds, 1)} s | ≤ 30 s for 1,000,000 rows |`);
} finally {
  await system.close();
  rmSync(dataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- load test
{
  const dir = mkdtempSync(join(tmpdir(), 'survey-ops-loadbench-'));
  const live = await startSystem({
    dataDir: dir,
    temporalAddress,
    namespace: 'default',
    taskQueue: `loadbench-${randomBytes(3).toString('hex')}`,
    authSecret: randomBytes(32).toString('hex'),
    demoSeed: true,
    logger: false,
    loginRateLimit: 1000,
    writeRateLimit: 1_000_000,
  });
  try {
    const base = await listen(live);
    const [manager, supervisor, enumerator] = await Promise.all([login(base, 'manager'), login(base, 'sup.hanoi'), login(base, 'enum.hanoi')]);
    const call = (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
    const units = Array.from({ length: LOAD_TASKS }, (_, i) => ({ id: `L${String(i).padStart(6, '0')}`, type: 'household', areaCode: `01${String((i % 126) + 1).padStart(3, '0')}`, name: `Hộ ${i}`, enumerator: 'enum.hanoi' }));
    const imported = await call(manager, 'POST', '/api/units/import', units);
    if (!imported.ok) throw new Error(`import: ${imported.status} ${await imported.text()}`);
    const launched = await call(manager, 'POST', '/api/cycles', { survey: 'LFS', period: '2026-12', areaCodes: ['01'], collectionDeadline: new Date(Date.now() + 864e5).toISOString() });
    const { id: cycleId } = (await launched.json()) as { id: string };
    for (;;) {
      const overview = (await (await call(manager, 'GET', `/api/cycles/${cycleId}`)).json()) as { status: string; total: number; counts: Record<string, number> };
      if (overview.status === 'collecting' && Object.values(overview.counts).reduce((a, b) => a + b, 0) === overview.total) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const taskIds = units.map((u) => `${cycleId}.${u.id}`);
    let nextTask = 0;
    const acknowledged = new Map<string, string>();
    const statuses = new Map<number, number>();
    const readTimes: number[] = [];
    const writeTimes: number[] = [];
    const until = Date.now() + LOAD_SECONDS * 1000;
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    await Promise.all(
      Array.from({ length: LOAD_CLIENTS }, async () => {
        while (Date.now() < until) {
          const started = performance.now();
          if (Math.random() < 0.2 && nextTask < taskIds.length) {
            const taskId = taskIds[nextTask++]!;
            const key = randomUUID();
            const res = await call(enumerator, 'POST', `/api/tasks/${taskId}/submit`, { data: lfsHousehold({ members: 4, employed: 2, unemployed: 1 }) }, { 'idempotency-key': key });
            await res.arrayBuffer();
            count(res.status);
            writeTimes.push(performance.now() - started);
            if (res.ok) acknowledged.set(taskId, key);
          } else {
            const pick = Math.random();
            const path =
              pick < 0.3
                ? `/api/cycles/${cycleId}`
                : pick < 0.55
                  ? `/api/cycles/${cycleId}/tasks?status=in_review&limit=50`
                  : pick < 0.8
                    ? `/api/tasks/${taskIds[Math.floor(Math.random() * taskIds.length)]}`
                    : `/api/cycles/${cycleId}/progress?level=commune&parent=01`;
            const res = await call(supervisor, 'GET', path);
            await res.arrayBuffer();
            count(res.status);
            readTimes.push(performance.now() - started);
          }
        }
      }),
    );
    // Every acknowledged submission is in the log, under the key the client sent.
    let lost = 0;
    for (const [taskId, key] of acknowledged) {
      const events = await live.store.readStream(`task-${taskId}`);
      if (!events.some((e) => e.type === 'ResponseSubmitted' && (e.data as { submissionId: string }).submissionId === key)) lost++;
    }
    const fivexx = [...statuses].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    readTimes.sort((a, b) => a - b);
    writeTimes.sort((a, b) => a - b);
    log(`\n| load test: ${LOAD_CLIENTS} clients, ${LOAD_SECONDS} s, live cycle of ${fmt(LOAD_TASKS)} tasks | figure |`);
    log('|---|---|');
    log(`| requests | ${fmt(total)} (${fmt(total / LOAD_SECONDS)}/s); statuses ${[...statuses].sort().map(([s, n]) => `${s}: ${fmt(n)}`).join(', ')} |`);
    log(`| reads p50 / p95 / p99 | ${fmt(percentile(readTimes, 50), 1)} / ${fmt(percentile(readTimes, 95), 1)} / ${fmt(percentile(readTimes, 99), 1)} ms |`);
    log(`| submissions p50 / p95 / p99 | ${fmt(percentile(writeTimes, 50), 1)} / ${fmt(percentile(writeTimes, 95), 1)} / ${fmt(percentile(writeTimes, 99), 1)} ms (${fmt(acknowledged.size)} acknowledged) |`);
    log(`| 5xx answers | ${fmt(fivexx)} (target 0) |`);
    log(`| acknowledged submissions missing from the log | ${fmt(lost)} (target 0) |`);
  } finally {
    await live.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

writeSection('api', lines.join('\n'));
await server?.stop();
