import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import type Database from 'better-sqlite3';
import { createActivities, type Activities } from '../activities/index.js';
import type { Geography } from '../domain/geography/geography.js';
import type { EventStore } from '../eventstore/port.js';
import { unitsPage } from '../projections/frame/model.js';
import { activeCycleFor } from '../projections/cycles/model.js';
import { finalTaskCount } from '../projections/tasks/queries.js';
import { activeUsers, respondentsOf, unitsWithRespondents } from '../projections/users/model.js';
import { responseContext } from '../projections/tasks/context.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

let runtimeInstalled = false;

/** The SDK's own INFO lines (worker state changes) would drown the app's log. */
export function installTemporalRuntime(): void {
  if (runtimeInstalled) return;
  // Read by our patch of the SDK (patches/): one watchdog per workflow thread instead of a
  // native thread per call into a workflow, and no stack trace captured at every promise.
  // Workflow threads copy the environment when the first worker creates them.
  process.env.TEMPORAL_WORKFLOW_WATCHDOG ??= 'thread';
  process.env.TEMPORAL_WORKFLOW_STACK_TRACES ??= 'off';
  Runtime.install({ logger: new DefaultLogger((process.env.TEMPORAL_LOG_LEVEL ?? 'WARN') as 'WARN') });
  runtimeInstalled = true;
}

export interface WorkerOptions {
  readonly store: EventStore;
  /** The read side the activities consult for the frame and the staff. */
  readonly readDb: Database.Database;
  readonly geography: Geography;
  readonly temporalAddress: string;
  readonly namespace: string;
  readonly taskQueue: string;
  /** A prebuilt workflow bundle (tests build it once); bundled at start when absent. */
  readonly workflowBundle?: WorkflowBundleOption;
  /** Replaces some activities (the benchmarks' Temporal floor runs the workflows with empty ones). */
  readonly activityOverrides?: (real: Activities) => Partial<Activities>;
}

export interface RunningWorker {
  readonly worker: Worker;
  readonly client: Client;
  close(): Promise<void>;
}

/** A Temporal worker with the workflows and the activities, polling its task queue until closed. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  installTemporalRuntime();
  const connection = await Connection.connect({ address: options.temporalAddress });
  const client = new Client({ connection, namespace: options.namespace });
  const nativeConnection = await NativeConnection.connect({ address: options.temporalAddress });
  const { readDb } = options;
  const real = createActivities({
    store: options.store,
    client,
    taskQueue: options.taskQueue,
    geography: options.geography,
    directory: {
      unitsPage: (type, after, limit) => unitsPage(readDb, type, after, limit),
      activeUsers: (role) => activeUsers(readDb, role),
      finalTasks: (cycleId) => finalTaskCount(readDb, cycleId),
      activeCycle: (surveyCode, period) => activeCycleFor(readDb, surveyCode, period)?.id ?? null,
      responseContext: (taskId) => responseContext(readDb, taskId),
      unitsWithRespondents: (unitIds) => unitsWithRespondents(readDb, unitIds),
      respondentsOf: (unitId) => respondentsOf(readDb, unitId),
    },
  });
  const activities = { ...real, ...options.activityOverrides?.(real) };
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle ?? (await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger })),
    activities,
  });
  const running = worker.run();
  return {
    worker,
    client,
    async close() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}

export const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`workflow bundle: ${message}\n`),
  error: (message: string) => process.stderr.write(`workflow bundle: ${message}\n`),
};
