import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import type Database from 'better-sqlite3';
import { createActivities, type Activities } from '../activities/index.js';
import type { MailDeps } from '../activities/notifications.js';
import { receiptFor, receiptKey } from '../api/receipts.js';
import type { Geography } from '../domain/geography/geography.js';
import type { RetryPolicy } from '../domain/task/notifications.js';
import type { EventStore } from '../eventstore/port.js';
import type { SideDb } from '../eventstore/side-db.js';
import { SentLedger } from '../notify/ledger.js';
import { createMailer } from '../notify/mailer.js';
import { findUnit, unitsPage } from '../projections/frame/model.js';
import { activeCycleFor } from '../projections/cycles/model.js';
import { finalTaskCount } from '../projections/tasks/queries.js';
import { activeUsers, findUser, respondentsOf, unitsWithRespondents } from '../projections/users/model.js';
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

/** How the worker sends mail (`SMTP_URL`, `MAIL_FROM`, `PUBLIC_URL`); without it no task writes to anyone. */
export interface MailSettings {
  readonly smtpUrl: string;
  readonly from: string;
  /** Where people open the app, for links in messages. */
  readonly publicUrl: string;
  /** The server's secret, from which receipts are keyed (api/receipts.ts); receipts in messages name no id without it. */
  readonly authSecret?: string;
  /** Tests and benchmarks shorten the waits between attempts. */
  readonly retry?: Partial<RetryPolicy>;
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
  /** Mail, and the side tables where the ledger of accepted messages is kept (notify/ledger.ts). */
  readonly mail?: { readonly settings: MailSettings; readonly sideDb: SideDb } | null;
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
  const mail = options.mail ? mailDeps(options.mail.settings, options.mail.sideDb) : null;
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
      user: (username) => findUser(readDb, username),
      unit: (unitId) => findUnit(readDb, unitId),
    },
    mail,
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
      mail?.mailer.close();
    },
  };
}

function mailDeps(settings: MailSettings, sideDb: SideDb): MailDeps {
  const key = settings.authSecret ? receiptKey(settings.authSecret) : null;
  return {
    mailer: createMailer({ smtpUrl: settings.smtpUrl, from: settings.from }),
    ledger: new SentLedger(sideDb),
    publicUrl: settings.publicUrl,
    ...(key ? { receiptId: (event) => receiptFor(key, event).id } : {}),
    ...(settings.retry ? { retry: settings.retry } : {}),
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
