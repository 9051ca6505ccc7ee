/**
 * Event store benchmarks, each against raw better-sqlite3 doing the same rows in the
 * same run: batched appends, single durable appends, readAll, subscription catch-up,
 * whole-log verify. Writes its section of BENCHMARKS.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventSchemas } from '../domain/schemas.js';
import { Sealer, verifyLog } from '../eventstore/integrity.js';
import type { NewEvent } from '../eventstore/port.js';
import { SqliteEventStore } from '../eventstore/sqlite.js';
import { fmt, machine, repeat, writeSection } from './harness.js';

const LOG_SIZE = Number(process.env.BENCH_LOG_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const READ_PAGE = 1_000;
const dir = mkdtempSync(join(tmpdir(), 'survey-ops-bench-'));
let files = 0;
const newFile = () => join(dir, `b${files++}.db`);

const metadata = { actor: 'enum.hanoi', correlationId: 'c0ffee00-0000-4000-8000-000000000000', causationId: null, workflowId: 'task/LFS-2026-11.HH0100101', at: '2026-11-25T10:00:00.000Z' };
/** A realistic event: a household response of the demo survey. */
const payload = (i: number) => ({ submissionId: `sub-${i}`, by: 'enum.hanoi', version: 1, explanations: {}, data: { members: 4, employed: 2, unemployed: 1, sector: 'services', income: 12.5 + (i % 7), interviewed_on: '2026-11-20' } });
const event = (i: number): NewEvent => ({ type: 'ResponseSubmitted', data: payload(i), metadata });

const RAW_SCHEMA = `CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
  revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream, revision));
  CREATE INDEX events_type ON events (type, position);`;

function rawDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(RAW_SCHEMA);
  return db;
}

/** Raw better-sqlite3: the same rows (serialised data and metadata, a hash-sized column), no checks, no chain. */
function rawAppends(total: number, batch: number): number {
  const db = rawDb(newFile());
  const insert = db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const hash = 'f'.repeat(64);
  const streams = 100;
  const started = performance.now();
  for (let n = 0; n < total; n += batch) {
    db.transaction(() => {
      for (let i = n; i < n + batch; i++) {
        insert.run(randomUUID(), `task-c1.u${i % streams}`, Math.floor(i / streams), 'ResponseSubmitted', JSON.stringify(payload(i)), JSON.stringify(metadata), hash);
      }
    }).immediate();
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return total / seconds;
}

async function storeAppends(total: number, batch: number): Promise<number> {
  const store = new SqliteEventStore(newFile(), { schemas: eventSchemas });
  const streams = 100;
  const revisions = new Array<number>(streams).fill(-1);
  const started = performance.now();
  for (let n = 0, s = 0; n < total; n += batch, s = (s + 1) % streams) {
    const events = Array.from({ length: batch }, (_, k) => event(n + k));
    const expected = revisions[s]!;
    revisions[s] = (await store.append(`task-c1.u${s}`, events, { expected: expected === -1 ? 'no_stream' : expected })).nextRevision;
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return total / seconds;
}

async function main(): Promise<void> {
  const out: string[] = [];
  const log = (line: string) => {
    process.stdout.write(`${line}\n`);
    out.push(line);
  };
  log(`### Event store (SQLite adapter)\n\nMachine: ${machine()}. Median of ${RUNS} runs; ratios are to raw better-sqlite3 inserting the same rows in the same run (WAL, synchronous=FULL for both).\n`);
  log('| measurement | this store | raw better-sqlite3 | ratio | target |');
  log('|---|---|---|---|---|');

  const batchedStore = await repeat(RUNS, () => storeAppends(200_000, 100));
  const batchedRaw = await repeat(RUNS, () => rawAppends(200_000, 100));
  log(`| batched appends, 100 events per append | ${fmt(batchedStore)} events/s | ${fmt(batchedRaw)} rows/s | ${fmt(batchedStore / batchedRaw, 2)}× | ≥ 0.8× |`);

  const singleStore = await repeat(RUNS, () => storeAppends(2000, 1));
  const singleRaw = await repeat(RUNS, () => rawAppends(2000, 1));
  log(`| single-event appends, durable commit each | ${fmt(singleStore)} appends/s | ${fmt(singleRaw)} commits/s | ${fmt(singleStore / singleRaw, 2)}× | ≥ 0.5× |`);

  // A log of LOG_SIZE events in 10,000 streams, sealed as the running system would seal it.
  const file = newFile();
  const store = new SqliteEventStore(file, { schemas: eventSchemas });
  const revisions = new Array<number>(10_000).fill(-1);
  for (let n = 0; n < LOG_SIZE; n += 100) {
    const s = (n / 100) % 10_000;
    const expected = revisions[s]!;
    revisions[s] = (await store.append(`task-c1.u${s}`, Array.from({ length: 100 }, (_, k) => event(n + k)), { expected: expected === -1 ? 'no_stream' : expected })).nextRevision;
    if (n % 100_000 === 0) await new Sealer(store).seal();
  }
  await new Sealer(store).seal();
  log(`\nLog for the reads: ${fmt(LOG_SIZE)} events in 10,000 streams, ${fmt(statSync(file).size / 2 ** 20)} MiB.\n`);
  log('| measurement | events/s | time | target |');
  log('|---|---|---|---|');

  const readAllRate = await repeat(RUNS, async () => {
    const started = performance.now();
    let after = 0;
    let n = 0;
    for (;;) {
      const page = await store.readAll({ after, maxCount: READ_PAGE });
      if (page.length === 0) break;
      n += page.length;
      after = page[page.length - 1]!.position;
    }
    return n / ((performance.now() - started) / 1000);
  });
  log(`| readAll, pages of ${fmt(READ_PAGE)}, parsed and upcast | ${fmt(readAllRate)} | ${fmt(LOG_SIZE / readAllRate, 2)} s | ≥ 300,000/s |`);

  const catchUpRate = await repeat(RUNS, async () => {
    const controller = new AbortController();
    const head = await store.headPosition();
    const started = performance.now();
    let n = 0;
    for await (const e of store.subscribe({ signal: controller.signal })) {
      n++;
      if (e.position >= head) controller.abort();
    }
    return n / ((performance.now() - started) / 1000);
  });
  log(`| subscription catch-up from 0 | ${fmt(catchUpRate)} | ${fmt(LOG_SIZE / catchUpRate, 2)} s | ≥ 300,000/s |`);

  let verified = 0;
  const verifySeconds = await repeat(RUNS, async () => {
    const started = performance.now();
    const result = await verifyLog(store);
    if (!result.valid) throw new Error(`the benchmark log does not verify: ${JSON.stringify(result.problems.slice(0, 3))}`);
    verified = result.events;
    return (performance.now() - started) / 1000;
  });
  log(`| whole-log verify (chains and seals) | ${fmt(verified / verifySeconds)} | ${fmt(verifySeconds, 2)} s for ${fmt(verified)} events | ≤ 10 s |`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  writeSection('eventstore', out.join('\n'));
}

await main();
