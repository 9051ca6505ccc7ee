import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { backUpAndRestoreACycle } from './helpers/backup-scenario.js';
import { freePort, freeTemporalPort } from './helpers/ports.js';

/**
 * `npm run backup` while `npm start`'s program runs a cycle, `npm run restore` into an empty
 * DATA_DIR, and the cycle finished from the restored copy: all as a user runs them.
 */
const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'survey-ops-backup-'));
const [live, saved, restored] = ['live', 'saved', 'restored'].map((name) => join(root, name)) as [string, string, string];
let child: ChildProcess | null = null;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/**
 * `npm start` on the data folder. Ports checked free can be taken by another test's server
 * before the Temporal dev server binds them (it then exits): such a start is tried again on others.
 */
async function start(dataDir: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(dataDir);
    } catch (err) {
      if (attempt === 3 || !/Temporal dev server exited|is taken/.test(String(err))) throw err;
    }
  }
}

async function startOnce(dataDir: string): Promise<string> {
  const port = await freePort();
  const temporalPort = await freeTemporalPort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    // Mail is not what this is about: no mail catcher on the default ports another start may hold.
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), TEMPORAL_PORT: String(temporalPort), LOG_LEVEL: 'warn', MAIL_CATCHER: '0', SMTP_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 150_000;
  while (!output.includes('Ctrl-C stops everything.')) {
    if (proc.exitCode !== null) throw new Error(`npm start exited ${proc.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return `http://127.0.0.1:${port}`;
}

async function stop(): Promise<void> {
  const proc = child;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGINT');
  await exited;
  child = null;
}

const backupCommand = (command: 'backup' | 'restore', dataDir: string, dir: string) =>
  run(process.execPath, ['--import', 'tsx', 'bin/backup.ts', command, dir], { env: { ...process.env, DATA_DIR: dataDir } });

describe('backup and restore of the embedded default', () => {
  it('copies a running system consistently, and the restored copy verifies and finishes its cycle', async () => {
    await backUpAndRestoreACycle(
      {
        start: async (dataDir) => [await start(dataDir)],
        stop,
        backup: async (dataDir, dir) => (await backupCommand('backup', dataDir, dir)).stdout,
        restore: async (dataDir, dir) => (await backupCommand('restore', dataDir, dir)).stdout,
      },
      { live, saved, restored },
    );
  }, 600_000);
});
