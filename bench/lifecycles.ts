/**
 * Full task lifecycles driven straight through the Temporal client, on the embedded
 * default's pieces in one process (SQLite event store, projector, in-process worker): the
 * workflow benchmarks' measure, and with empty activities the Temporal floor
 * (bench/workflows.bench.ts, bench/scale.bench.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Context } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { freePortFor } from '../bin/ports.js';
import { findTemporalCli, startDevServer, type DevServer } from '../bin/temporal.js';
import { WORKFLOWS_PATH, startWorker } from '../bin/worker.js';
import { demoGeography } from '../domain/geography/geography.js';
import { eventSchemas } from '../domain/schemas.js';
import type { Unit } from '../domain/frame.js';
import { SqliteEventStore } from '../eventstore/sqlite.js';
import { Projector, openReadDb, readModels } from '../projections/projector.js';
import { seedDemo } from '../bin/seed.js';
import { cycleCounts } from '../projections/tasks/queries.js';
import { CYCLE_WORKFLOW_TASK_TIMEOUT, closeUpdate, cycleStateQuery, reviewUpdate, submitUpdate, workflowIds, type CycleInput } from '../workflows/definitions.js';
import { lfsHousehold } from '../test/helpers/lfs.js';

/**
 * A Temporal dev server as `npm start` runs it (its state in a SQLite file, WAL, every commit
 * synced; in memory with `inMemory`), or the server at TEMPORAL_ADDRESS, with a client and
 * the workflow bundle. `close` stops what it started and removes its folder.
 */
export async function lifecycleContext(options: { inMemory: boolean; concurrency: number; say: (line: string) => void }): Promise<LifecycleContext & { server: DevServer | null; close(): Promise<void> }> {
  const serverDir = mkdtempSync(join(tmpdir(), 'survey-ops-wfbench-temporal-'));
  const server = process.env.TEMPORAL_ADDRESS
    ? null
    : await startDevServer({ cli: findTemporalCli(options.say), port: await freePortFor(), uiPort: null, timeoutMs: 120_000, ...(options.inMemory ? {} : { dbFile: join(serverDir, 'temporal.db') }) });
  const address = process.env.TEMPORAL_ADDRESS ?? server!.address;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
  return {
    address,
    client,
    bundle,
    concurrency: options.concurrency,
    server,
    async close() {
      await connection.close();
      await server?.stop();
      rmSync(serverDir, { recursive: true, force: true });
    },
  };
}

export interface Run {
  seconds: number;
  launchSeconds: number;
  maxHistory: number;
  /** After a launch: how long a manager's close took to answer (the cycle then reads `closing`) and to read `closed`. */
  close?: { answerMs: number; seconds: number };
}

/** The Temporal server, a client of it and the workflow bundle the runs share. */
export interface LifecycleContext {
  readonly address: string;
  readonly client: Client;
  readonly bundle: { code: string };
  /** Updates in flight at a time (32 in the workflow benchmarks). */
  readonly concurrency: number;
}

/** One cycle of `n` households in Hà Nội on a fresh data folder, driven to the end; `floor` swaps in empty activities. */
export async function lifecycles(context: LifecycleContext, n: number, floor: boolean, steps: 'full' | 'launch+close'): Promise<Run> {
  const { address, client, bundle } = context;
  const dir = mkdtempSync(join(tmpdir(), 'survey-ops-wfbench-'));
  const geography = demoGeography();
  const store = new SqliteEventStore(join(dir, 'events.db'), { schemas: eventSchemas });
  await seedDemo(store, { frame: false });
  const units: Unit[] = Array.from({ length: n }, (_, i) => ({ id: `H${String(i).padStart(7, '0')}`, type: 'household', areaCode: `01${String((i % 126) + 1).padStart(3, '0')}`, name: `Hộ ${i}` }));
  const metadata = { actor: 'bench', correlationId: 'bench', causationId: null, workflowId: null, at: new Date().toISOString() };
  for (let i = 0; i < units.length; i += 2000) await store.append(`frame-bench${i}`, [{ type: 'UnitsImported', data: { units: units.slice(i, i + 2000) }, metadata }], { expected: 'no_stream' });
  const models = readModels(geography);
  const readDb = openReadDb(join(dir, 'read.db'), models);
  const projector = new Projector(store, readDb, models);
  await projector.catchUp();
  projector.start();
  let finished = 0;
  const taskQueue = `bench-${randomBytes(3).toString('hex')}`;
  const worker = await startWorker({
    store,
    readDb,
    geography,
    temporalAddress: address,
    namespace: 'default',
    taskQueue,
    workflowBundle: { code: bundle.code },
    activityOverrides: floor
      ? () => ({
          appendEvents: async (input) => ({ nextRevision: input.expectedRevision + input.events.length }),
          runChecks: async () => ({ failed: [], warnings: [] }),
          supervisorsOf: async () => [],
          publishResults: async (input) => ({ version: input.version, publishedAt: '', approved: 0 }),
          // No events reach the read models, so the floor counts what the drivers finished.
          awaitFinals: async (input) => {
            const context = Context.current();
            const until = Date.now() + input.maxWaitMs;
            while (finished < input.total && Date.now() < until) {
              context.heartbeat();
              await context.sleep(500);
            }
            return finished;
          },
        })
      : undefined,
  });
  const cycleId = `BENCH-${randomBytes(3).toString('hex')}`;
  const input: CycleInput = { cycleId, surveyId: 'LFS', surveyCode: 'LFS', period: '2026-11', areaCodes: ['01'], collectionDeadline: new Date(Date.now() + 864e5).toISOString(), autoPublish: true, launchedBy: 'manager', correlationId: 'bench' };
  const started = performance.now();
  const cycle = await client.workflow.start('cycleWorkflow', { taskQueue, workflowId: workflowIds.cycle(cycleId), workflowTaskTimeout: CYCLE_WORKFLOW_TASK_TIMEOUT, args: [input] });
  for (;;) {
    const view = await cycle.query(cycleStateQuery);
    if (view.status === 'collecting') break;
    if (process.env.BENCH_DEBUG) process.stderr.write(`${JSON.stringify(view)}\n`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // Launched means every task workflow has recorded its assignment, not only been started
  // (the floor's empty appends leave nothing in the read models to wait for).
  await projector.settle();
  while (!floor && cycleCounts(readDb, cycleId, null).total < n) {
    await new Promise((r) => setTimeout(r, 200));
    await projector.settle();
  }
  const launchSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`${floor ? 'floor' : 'ours'} ${n}: launched in ${launchSeconds.toFixed(1)} s\n`);
  if (steps === 'full') {
    let next = 0;
    const caller = { correlationId: 'bench' };
    await Promise.all(
      Array.from({ length: context.concurrency }, async () => {
        while (next < units.length) {
          const task = client.workflow.getHandle(workflowIds.task(`${cycleId}.${units[next++]!.id}`));
          await task.executeUpdate(submitUpdate, { args: [{ ...caller, userId: 'enum.hanoi', data: lfsHousehold({ members: 4, employed: 2, unemployed: 1 }), submissionId: randomBytes(6).toString('hex') }] });
          await task.executeUpdate(reviewUpdate, { args: [{ ...caller, userId: 'sup.hanoi', decision: 'approve', level: 'commune', comment: '' }] });
          await task.executeUpdate(reviewUpdate, { args: [{ ...caller, userId: 'sup.hanoi', decision: 'approve', level: 'province', comment: '' }] });
          finished += 1;
          if (process.env.BENCH_DEBUG) process.stderr.write(`done ${task.workflowId}\n`);
        }
      }),
    );
    await cycle.result();
  }
  let close: Run['close'];
  if (steps === 'launch+close') {
    // A manager closes the launched cycle: every task is told, page by page, before it reads closed.
    const asked = performance.now();
    const answer = await cycle.executeUpdate(closeUpdate, { args: [{ userId: 'manager', correlationId: 'bench' }] });
    const answerMs = performance.now() - asked;
    if (answer.status !== 'closing') throw new Error(`the close answered ${answer.status}`);
    // The bench's cycles publish by themselves once closed, so `published` may be the next status seen.
    for (let polls = 1; (await cycle.query(cycleStateQuery)).status === 'closing'; polls++) {
      await new Promise((r) => setTimeout(r, 500));
      if (polls % 20 === 0) process.stderr.write(`closing: ${JSON.stringify(cycleCounts(readDb, cycleId, null).counts)}\n`);
      if (process.env.BENCH_DEBUG && polls % 20 === 0) {
        const pending = (await cycle.describe()).raw.pendingActivities ?? [];
        for (const a of pending) process.stderr.write(`  pending ${a.activityType?.name} attempt ${a.attempt} state ${a.state} ${a.lastFailure?.message ?? ''}\n`);
      }
    }
    close = { answerMs, seconds: (performance.now() - asked) / 1000 };
    await projector.settle();
    const counts = cycleCounts(readDb, cycleId, null);
    if (counts.counts.non_response !== n) throw new Error(`closed with ${JSON.stringify(counts.counts)}, not ${n} non-responses`);
    process.stderr.write(`closed ${n} tasks in ${close.seconds.toFixed(1)} s (answered in ${answerMs.toFixed(0)} ms)\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  // Every run of the cycle (it continues as new) and a sample of its tasks, described one by one.
  let maxHistory = 0;
  for await (const run of client.workflow.list({ query: `WorkflowId = "${workflowIds.cycle(cycleId)}"` })) {
    maxHistory = Math.max(maxHistory, (await client.workflow.getHandle(run.workflowId, run.runId).describe()).historyLength);
  }
  for (const unit of units.slice(0, 20)) maxHistory = Math.max(maxHistory, (await client.workflow.getHandle(workflowIds.task(`${cycleId}.${unit.id}`)).describe()).historyLength);
  await worker.close();
  await projector.stop();
  readDb.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, launchSeconds, maxHistory, close };
}
