import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../bin/cluster.js';
import { backUpAndRestoreACycle } from './helpers/backup-scenario.js';
import { startTestCluster } from './helpers/cluster.js';
import { freePort } from './helpers/ports.js';

/**
 * `npm run backup` of the cluster profile (PostgreSQL, Temporal's server on it, two
 * replicas) while a cycle runs through both replicas; `npm run restore` into an empty
 * DATA_DIR, which starts a PostgreSQL of its own there; and `npm run cluster`'s profile
 * started again from it, finishing the cycle.
 */
const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'survey-ops-pgbackup-'));
const [live, saved, restored] = ['live', 'saved', 'restored'].map((name) => join(root, name)) as [string, string, string];
const postgresPorts = new Map<string, number>();
let cluster: Cluster | null = null;
/** What the last cluster's processes said last (errors only), shown when the scenario fails. */
let recent: () => string[] = () => [];

afterAll(async () => {
  await cluster?.stop();
  rmSync(root, { recursive: true, force: true });
}, 120_000);

async function postgresPort(dataDir: string): Promise<number> {
  if (!postgresPorts.has(dataDir)) postgresPorts.set(dataDir, await freePort());
  return postgresPorts.get(dataDir)!;
}

/** The command as a user runs it for the cluster's data folder: EVENT_STORE unset, POSTGRES_PORT the cluster's. */
async function command(name: 'backup' | 'restore', dataDir: string, dir: string): Promise<string> {
  const { EVENT_STORE: _unset, ...env } = process.env;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bin/backup.ts', name, dir], { env: { ...env, DATA_DIR: dataDir, POSTGRES_PORT: String(await postgresPort(dataDir)) } });
  return stdout;
}

describe('backup and restore of the cluster profile', () => {
  it('dumps a running cluster consistently, and the restored cluster verifies and finishes its cycle', async () => {
    const scenario = backUpAndRestoreACycle(
      {
        async start(dataDir) {
          ({ cluster, recent } = await startTestCluster({ dataDir, postgresPort: await postgresPort(dataDir) }));
          return cluster.replicas.map((replica) => replica.url);
        },
        async stop() {
          await cluster?.stop();
          cluster = null;
        },
        backup: (dataDir, dir) => command('backup', dataDir, dir),
        restore: (dataDir, dir) => command('restore', dataDir, dir),
      },
      { live, saved, restored },
    );
    const { backupOutput } = await scenario.catch((err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\nLast said:\n${recent().slice(-40).join('\n')}`, { cause: err });
    });
    // Both replicas held their writes while the snapshots were taken.
    expect(backupOutput).toMatch(/while 2 replica\(s\) held their writes/);
  }, 900_000);
});
