import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CYCLE_WORKFLOW_TASK_TIMEOUT, workflowIds, type CycleInput } from '../workflows/definitions.js';
import { eventually, startTestSystem, type Api, type TestSystem } from './helpers/system.js';
import { lfsHousehold } from './helpers/lfs.js';

let system: TestSystem;
let enumerator: Api;
let supervisor: Api;
let manager: Api;

beforeAll(async () => {
  system = await startTestSystem();
  [manager, enumerator, supervisor] = await Promise.all([system.login('manager'), system.login('enum.hanoi'), system.login('sup.hanoi')]);
});

afterAll(async () => {
  await system?.stop();
});

describe('a cycle that outgrows one run', () => {
  it('continues as new, keeps its counters across runs, and still closes and publishes once', async () => {
    const cycleId = `LFS-can-${Date.now().toString(36)}`;
    const input: CycleInput = {
      cycleId,
      surveyId: 'LFS',
      surveyCode: 'LFS',
      period: '2026-11',
      areaCodes: ['01'],
      collectionDeadline: new Date(Date.now() + 864e5).toISOString(),
      autoPublish: true,
      launchedBy: 'manager',
      correlationId: 'can-test',
      // Production continues after 4,000 history events and looks for finished tasks every
      // 10 minutes; here after 30 events and every 0.3 s, so the cycle takes several runs.
      limits: { maxHistory: 30, maxSignals: 2000, finalsWaitMs: 300 },
    };
    await system.client.workflow.start('cycleWorkflow', { taskQueue: system.taskQueue, workflowId: workflowIds.cycle(cycleId), workflowTaskTimeout: CYCLE_WORKFLOW_TASK_TIMEOUT, args: [input] });
    await eventually(async () => (await manager.get(`/api/cycles/${cycleId}`)).json<{ status?: string }>(), (c) => c.status === 'collecting');
    const tasks = await eventually(async () => (await enumerator.get(`/api/cycles/${cycleId}/tasks`)).json<{ items: { id: string }[] }>().items, (items) => items.length === 20);
    expect(tasks).toHaveLength(20);
    const finish = async (task: { id: string }) => {
      await enumerator.post(`/api/tasks/${task.id}/submit`, { data: lfsHousehold({ members: 3, employed: 1, unemployed: 0 }) });
      await supervisor.post(`/api/tasks/${task.id}/review`, { decision: 'approve', level: 'commune' });
      await supervisor.post(`/api/tasks/${task.id}/review`, { decision: 'approve', level: 'province' });
    };
    for (const task of tasks.slice(0, 10)) await finish(task);
    // Half the tasks are final; the cycle keeps waiting for the rest across fresh runs.
    await eventually(
      async () => {
        let continued = 0;
        for await (const run of system.client.workflow.list({ query: `WorkflowId = "${workflowIds.cycle(cycleId)}" AND ExecutionStatus = "ContinuedAsNew"` })) continued += run.runId ? 1 : 0;
        return continued;
      },
      (continued) => continued >= 2,
    );
    expect((await manager.get(`/api/cycles/${cycleId}`)).json<{ status: string }>().status).toBe('collecting');
    for (const task of tasks.slice(10)) await finish(task);
    // Publication follows the last approval within a poll of the finals; a loaded machine can
    // delay a heartbeat and so a retry of that poll (up to 30 s apart), hence the long wait.
    await eventually(async () => (await manager.get(`/api/cycles/${cycleId}`)).json<{ status?: string }>(), (c) => c.status === 'published', 120_000);

    // Visibility is eventually consistent: list until the completed run shows up.
    const runs = await eventually(
      async () => {
        const found: { status: string; historyLength: number }[] = [];
        for await (const run of system.client.workflow.list({ query: `WorkflowId = "${workflowIds.cycle(cycleId)}"` })) {
          const description = await system.client.workflow.getHandle(run.workflowId, run.runId).describe();
          found.push({ status: description.status.name, historyLength: description.historyLength });
        }
        return found;
      },
      (found) => found.some((r) => r.status === 'COMPLETED'),
    );
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.filter((r) => r.status === 'CONTINUED_AS_NEW').length).toBe(runs.length - 1);
    expect(Math.max(...runs.map((r) => r.historyLength))).toBeLessThan(200);
    // Finished tasks are counted from the read models: no task signals the cycle.
    const lastRun = await system.client.workflow.getHandle(workflowIds.cycle(cycleId)).fetchHistory();
    expect(lastRun.events?.filter((e) => e.workflowExecutionSignaledEventAttributes)).toEqual([]);
    const taskRun = await system.client.workflow.getHandle(workflowIds.task(tasks[0]!.id)).fetchHistory();
    expect(taskRun.events?.filter((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes)).toEqual([]);
    const events = (await system.store.readStream(`cycle-${cycleId}`)).map((e) => e.type);
    expect(events).toEqual(['CycleLaunched', 'TasksCreated', 'CollectionStarted', 'CollectionClosed', 'ResultsPublished']);
    const result = (await manager.get(`/api/cycles/${cycleId}/results`)).json<{ tables: { id: string; rows: { value: number }[] }[] }>();
    expect(result.tables.find((t) => t.id === 'households')?.rows[0]?.value).toBe(20);
  }, 240_000);
});
