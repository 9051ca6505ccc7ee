import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Names the process that projects into `DATA_DIR/read.db`: the server or a rebuild, never both. */
export const LOCK_FILE = 'survey-ops.pid';

export class DataDirInUse extends Error {}

export interface DataLock {
  release(): void;
}

/** Lock files this process wrote, to tell its own lock from one left by an earlier process with the same pid. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live process holding the data folder (a server, a rebuild), if any. */
export function dataDirHolder(dataDir: string): { pid: number; who: string } | null {
  const holder = readHolder(join(dataDir, LOCK_FILE));
  return holder && alive(holder.pid) ? holder : null;
}

function readHolder(file: string): { pid: number; who: string } | null {
  try {
    const [pid, who] = readFileSync(file, 'utf8').split('\n');
    return { pid: Number(pid), who: who || 'another process' };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Takes the data folder's lock file for this process, or refuses while a live process
 * holds it. A file whose process is gone (a crash, a kill) is stale and taken over; so is
 * one with this process's own pid that this process did not write (a restarted container
 * often gets the pid it had before).
 */
export function lockDataDir(dataDir: string, who: string): DataLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n${who}\n`, { flag: 'wx' });
      held.add(file);
      return {
        release() {
          if (!held.delete(file)) return;
          if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    if (!holder) continue;
    const stale = !Number.isInteger(holder.pid) || holder.pid <= 0 || (holder.pid === process.pid ? !held.has(file) : !alive(holder.pid));
    if (!stale) {
      throw new DataDirInUse(`${dataDir} is in use by ${holder.who} (pid ${holder.pid}); stop it first, or delete ${file} if no such process runs`);
    }
    rmSync(file, { force: true });
  }
  throw new DataDirInUse(`could not take ${file}: other processes keep taking it`);
}
