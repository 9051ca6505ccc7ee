import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installTemporalRuntime } from '../bin/worker.js';

// The SDK is patched (patches/) to watch each workflow thread from outside instead of timing
// every call into a workflow; this proves a workflow that never yields still fails the worker
// with the reason, rather than hanging it, and that ordinary workflows are untouched.
describe('workflow thread watchdog (patched SDK)', () => {
  let connection: Connection;
  let client: Client;
  let code: string;

  beforeAll(async () => {
    installTemporalRuntime();
    expect(process.env.TEMPORAL_WORKFLOW_WATCHDOG).toBe('thread');
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
    const workflowsPath = fileURLToPath(new URL('./fixtures/spinning-workflows.ts', import.meta.url));
    ({ code } = await bundleWorkflowCode({ workflowsPath, logger: { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error() {} } }));
  }, 60_000);
  afterAll(async () => {
    await connection.close();
  });

  async function workerOn(taskQueue: string) {
    const nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: { code } });
    return { worker, nativeConnection };
  }

  it('runs ordinary workflows', async () => {
    const taskQueue = `watchdog-${randomBytes(3).toString('hex')}`;
    const { worker, nativeConnection } = await workerOn(taskQueue);
    const result = await worker.runUntil(client.workflow.execute('answer', { taskQueue, workflowId: `answer-${taskQueue}` }));
    expect(result).toBe(42);
    await nativeConnection.close();
  }, 60_000);

  it('fails the worker with the reason when a workflow holds its thread past the limit', async () => {
    const taskQueue = `watchdog-${randomBytes(3).toString('hex')}`;
    const { worker, nativeConnection } = await workerOn(taskQueue);
    const handle = await client.workflow.start('spinForever', { taskQueue, workflowId: `spin-${taskQueue}` });
    const started = Date.now();
    await expect(worker.run()).rejects.toThrow(/Potential deadlock detected: workflow code held its Workflow Worker Thread/);
    expect(Date.now() - started).toBeLessThan(30_000);
    await handle.terminate('test over');
    await nativeConnection.close();
  }, 60_000);
});
