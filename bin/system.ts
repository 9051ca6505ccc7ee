import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createActivities } from '../activities/index.js';
import { buildApp } from '../api/app.js';
import { demoGeography } from '../domain/geography/geography.js';
import { eventSchemas } from '../domain/schemas.js';
import { Sealer } from '../eventstore/integrity.js';
import { SqliteEventStore } from '../eventstore/sqlite.js';
import { activeUsers } from '../projections/users/model.js';
import { unitsPage } from '../projections/frame/model.js';
import { Projector, openReadDb, readModels } from '../projections/projector.js';
import { ensureManager, seedDemo } from './seed.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
export const UI_DIR = fileURLToPath(new URL('../ui/dist', import.meta.url));

export interface SystemOptions {
  readonly dataDir: string;
  readonly temporalAddress: string;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly authSecret: string;
  readonly demoSeed: boolean;
  readonly logger?: FastifyBaseLogger | boolean;
  /** A prebuilt workflow bundle (tests build it once); bundled at start when absent. */
  readonly workflowBundle?: WorkflowBundleOption;
  readonly temporalUiUrl?: string;
  readonly loginRateLimit?: number;
  readonly initialManager?: { username: string; password: string } | null;
  readonly sealIntervalMs?: number;
}

export interface System {
  readonly app: FastifyInstance;
  readonly client: Client;
  readonly projector: Projector;
  readonly store: SqliteEventStore;
  readonly worker: Worker;
  close(): Promise<void>;
}

/** Everything but the Temporal server, in one process: event store, projector, worker and API. */
let runtimeInstalled = false;

export async function startSystem(options: SystemOptions): Promise<System> {
  if (!runtimeInstalled) {
    // The SDK's own INFO lines (worker state changes) would drown the app's log.
    Runtime.install({ logger: new DefaultLogger((process.env.TEMPORAL_LOG_LEVEL ?? 'WARN') as 'WARN') });
    runtimeInstalled = true;
  }
  const geography = demoGeography();
  const store = new SqliteEventStore(join(options.dataDir, 'events.db'), { schemas: eventSchemas });
  if (options.demoSeed) await seedDemo(store);
  if (options.initialManager) await ensureManager(store, options.initialManager.username, options.initialManager.password);
  // Seals every few seconds while events arrive, and once more on a clean shutdown.
  const sealer = new Sealer(store, options.sealIntervalMs ?? 5000);
  sealer.start();
  const models = readModels(geography);
  const readDb = openReadDb(join(options.dataDir, 'read.db'), models);
  const projector = new Projector(store, readDb, models);
  await projector.catchUp();
  projector.start();

  const connection = await Connection.connect({ address: options.temporalAddress });
  const client = new Client({ connection, namespace: options.namespace });
  const nativeConnection = await NativeConnection.connect({ address: options.temporalAddress });
  const activities = createActivities({
    store,
    client,
    taskQueue: options.taskQueue,
    geography,
    directory: {
      unitsPage: (type, after, limit) => unitsPage(readDb, type, after, limit),
      activeUsers: (role) => activeUsers(readDb, role),
    },
  });
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle ?? (await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger })),
    activities,
  });
  const running = worker.run();

  const app = await buildApp(
    {
      store,
      readDb,
      projector,
      temporal: client,
      taskQueue: options.taskQueue,
      geography,
      authSecret: options.authSecret,
      uiDir: UI_DIR,
      temporalUiUrl: options.temporalUiUrl,
      loginRateLimit: options.loginRateLimit,
    },
    { logger: options.logger },
  );
  await app.ready();

  return {
    app,
    client,
    projector,
    store,
    worker,
    async close() {
      await app.close();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await projector.stop();
      await sealer.stop();
      await nativeConnection.close();
      await connection.close();
      readDb.close();
      await store.close();
    },
  };
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`workflow bundle: ${message}\n`),
  error: (message: string) => process.stderr.write(`workflow bundle: ${message}\n`),
};
