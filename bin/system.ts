import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { WorkflowBundleOption } from '@temporalio/worker';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.js';
import { demoGeography } from '../domain/geography/geography.js';
import { eventSchemas } from '../domain/schemas.js';
import { Sealer } from '../eventstore/integrity.js';
import { openEventStore } from '../eventstore/open.js';
import type { EventStore } from '../eventstore/port.js';
import { Projector, openReadDb, readModels } from '../projections/projector.js';
import { lockDataDir } from './data-lock.js';
import { ensureManager, seedDemo } from './seed.js';
import { addSearchAttributes } from './temporal-cluster.js';
import { answerPauseRequests, WriteGate } from '../api/write-gate.js';
import { answerPauseRequestsInPostgres } from '../api/write-gate-postgres.js';
import { DRAFTS_SCHEMA, DraftStore } from '../eventstore/drafts.js';
import { DeviceSessions, SESSIONS_SCHEMA } from '../eventstore/sessions.js';
import { openSideDb, SIDE_DB_FILE } from '../eventstore/side-db.js';
import { SENT_LEDGER_SCHEMA } from '../notify/ledger.js';
import { installTemporalRuntime, startWorker, type MailSettings, type RunningWorker } from './worker.js';

export { WORKFLOWS_PATH } from './worker.js';
export const UI_DIR = fileURLToPath(new URL('../ui/dist', import.meta.url));

export interface SystemOptions {
  readonly dataDir: string;
  /** `sqlite:<path>`, a PostgreSQL URL or a KurrentDB connection string; the data folder's events.db when absent. */
  readonly eventStore?: string;
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
  readonly enrolRateLimit?: number;
  readonly writeRateLimit?: number;
  readonly metricsToken?: string;
  readonly initialManager?: { username: string; password: string } | null;
  readonly sealIntervalMs?: number;
  /** `false` runs the API and projector only; workers run elsewhere. */
  readonly worker?: boolean;
  /** How the worker sends mail; mail is off (nothing sent, nothing tried) without it. */
  readonly mail?: Omit<MailSettings, 'authSecret'> | null;
}

export interface System {
  readonly app: FastifyInstance;
  readonly client: Client;
  readonly projector: Projector;
  readonly store: EventStore;
  /** Null when the system runs without its own worker (workers elsewhere). */
  readonly worker: RunningWorker | null;
  close(): Promise<void>;
}

/** Everything but the Temporal server, in one process: event store, projector, worker and API. */
export async function startSystem(options: SystemOptions): Promise<System> {
  // One projector per read.db: a second server, or a rebuild (bin/rebuild-projections.ts), is refused while this runs.
  const lock = lockDataDir(options.dataDir, 'the server');
  try {
    const system = await startLocked(options);
    return {
      ...system,
      async close() {
        try {
          await system.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function startLocked(options: SystemOptions): Promise<System> {
  installTemporalRuntime();
  const geography = demoGeography();
  const eventStore = options.eventStore ?? `sqlite:${join(options.dataDir, 'events.db')}`;
  const store = openEventStore(eventStore, { schemas: eventSchemas });
  if (options.demoSeed) await seedDemo(store, { authSecret: options.authSecret });
  if (options.initialManager) await ensureManager(store, options.initialManager.username, options.initialManager.password);
  // Seals every few seconds while events arrive, and once more on a clean shutdown.
  const sealer = new Sealer(store, options.sealIntervalMs ?? 5000);
  sealer.start();
  const models = readModels(geography);
  const readDb = openReadDb(join(options.dataDir, 'read.db'), models);
  const projector = new Projector(store, readDb, models);
  // A log out of reach (its database restarting) is read again on the next turn; the read models wait meanwhile.
  projector.on('error', (err) => {
    if (typeof options.logger === 'object') options.logger.warn({ err }, 'the projector could not read the log; it tries again');
  });
  await projector.catchUp();
  projector.start();

  const connection = await Connection.connect({ address: options.temporalAddress });
  // A Temporal cluster set up elsewhere (compose) may lack them; the dev server and npm run cluster have them already.
  await addSearchAttributes(connection, options.namespace).catch((err: unknown) => {
    if (typeof options.logger === 'object') options.logger.warn({ err }, 'could not check the search attributes of the Temporal namespace');
  });
  const client = new Client({ connection, namespace: options.namespace });
  // Drafts, device sessions and the ledger of sent mail beside the log: in its PostgreSQL database, or a SQLite file beside the embedded one.
  const sideDb = openSideDb(eventStore, join(options.dataDir, SIDE_DB_FILE), [...DRAFTS_SCHEMA, ...SESSIONS_SCHEMA, ...SENT_LEDGER_SCHEMA]);
  if (options.worker !== false && !options.mail && typeof options.logger === 'object') options.logger.info('mail is off (SMTP_URL is not set): no notifications are sent');
  const worker =
    options.worker === false
      ? null
      : await startWorker({
          store,
          readDb,
          geography,
          temporalAddress: options.temporalAddress,
          namespace: options.namespace,
          taskQueue: options.taskQueue,
          workflowBundle: options.workflowBundle,
          mail: options.mail ? { settings: { ...options.mail, authSecret: options.authSecret }, sideDb } : null,
        });

  // `npm run backup` asks for writes to be held while it snapshots: through the data folder
  // for the embedded log, through the database for a PostgreSQL log that replicas share.
  const postgresLog = /^postgres(ql)?:/.test(eventStore);
  const writeGate = eventStore.startsWith('sqlite:') || postgresLog ? new WriteGate() : undefined;
  const stopAnswering = !writeGate
    ? async () => {}
    : postgresLog
      ? await answerPauseRequestsInPostgres(eventStore, writeGate, (err) => {
          if (typeof options.logger === 'object') options.logger.warn({ err }, 'could not look for a backup pause request; looking again');
        })
      : answerPauseRequests(options.dataDir, writeGate);
  const drafts = new DraftStore(sideDb);
  const sessions = new DeviceSessions(sideDb);
  const app = await buildApp(
    {
      store,
      drafts,
      sessions,
      readDb,
      projector,
      temporal: client,
      taskQueue: options.taskQueue,
      geography,
      authSecret: options.authSecret,
      uiDir: UI_DIR,
      temporalUiUrl: options.temporalUiUrl,
      loginRateLimit: options.loginRateLimit,
      enrolRateLimit: options.enrolRateLimit,
      writeRateLimit: options.writeRateLimit,
      metricsToken: options.metricsToken,
      // The embedded log has one writer process; any other is shared with other replicas.
      sharedLog: !eventStore.startsWith('sqlite:'),
      ...(writeGate ? { writeGate } : {}),
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
      await stopAnswering();
      await app.close();
      await worker?.close();
      await sideDb.close();
      await projector.stop();
      await sealer.stop();
      await connection.close();
      readDb.close();
      await store.close();
    },
  };
}
