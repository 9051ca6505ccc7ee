/**
 * A worker on its own: the workflows and activities over the data folder's event store,
 * for deployments that scale workers apart from the API (and for the crash tests).
 * Environment as for `npm start`; TEMPORAL_ADDRESS is required; WORKFLOW_BUNDLE may name a prebuilt bundle;
 * SMTP_URL, when set, is where it sends notifications.
 */
import { join } from 'node:path';
import { demoGeography } from '../domain/geography/geography.js';
import { eventSchemas } from '../domain/schemas.js';
import { openEventStore } from '../eventstore/open.js';
import { openSideDb, SIDE_DB_FILE } from '../eventstore/side-db.js';
import { SENT_LEDGER_SCHEMA } from '../notify/ledger.js';
import { openReadDb, readModels } from '../projections/projector.js';
import { loadConfig, mailSettings } from './config.js';
import { startWorker } from './worker.js';

const config = loadConfig();
if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required to run a worker on its own');
const geography = demoGeography();
const store = openEventStore(config.eventStore, { schemas: eventSchemas });
const readDb = openReadDb(join(config.dataDir, 'read.db'), readModels(geography));
const bundle = process.env.WORKFLOW_BUNDLE;
// A worker alone sends mail only through a server it is given (SMTP_URL): it starts no mail catcher.
const sideDb = config.smtpUrl ? openSideDb(config.eventStore, join(config.dataDir, SIDE_DB_FILE), SENT_LEDGER_SCHEMA) : null;
if (!config.smtpUrl) process.stdout.write('mail is off (SMTP_URL is not set): no notifications are sent\n');
const worker = await startWorker({
  store,
  readDb,
  geography,
  temporalAddress: config.temporalAddress,
  namespace: config.namespace,
  taskQueue: config.taskQueue,
  workflowBundle: bundle ? { codePath: bundle } : undefined,
  mail: config.smtpUrl && sideDb ? { settings: { ...mailSettings(config, config.smtpUrl), authSecret: config.authSecret }, sideDb } : null,
});
process.stdout.write('worker ready\n');

const stop = async () => {
  await worker.close();
  await sideDb?.close();
  readDb.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
