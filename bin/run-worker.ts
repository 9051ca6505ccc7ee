/**
 * A worker on its own: the workflows and activities over the data folder's event store,
 * for deployments that scale workers apart from the API (and for the crash tests).
 * Environment as for `npm start`; TEMPORAL_ADDRESS is required; WORKFLOW_BUNDLE may name a prebuilt bundle.
 */
import { join } from 'node:path';
import { demoGeography } from '../domain/geography/geography.js';
import { eventSchemas } from '../domain/schemas.js';
import { openEventStore } from '../eventstore/open.js';
import { openReadDb, readModels } from '../projections/projector.js';
import { loadConfig } from './config.js';
import { startWorker } from './worker.js';

const config = loadConfig();
if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required to run a worker on its own');
const geography = demoGeography();
const store = openEventStore(config.eventStore, { schemas: eventSchemas });
const readDb = openReadDb(join(config.dataDir, 'read.db'), readModels(geography));
const bundle = process.env.WORKFLOW_BUNDLE;
const worker = await startWorker({
  store,
  readDb,
  geography,
  temporalAddress: config.temporalAddress,
  namespace: config.namespace,
  taskQueue: config.taskQueue,
  workflowBundle: bundle ? { codePath: bundle } : undefined,
});
process.stdout.write('worker ready\n');

const stop = async () => {
  await worker.close();
  readDb.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
