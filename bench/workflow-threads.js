/**
 * Loaded into an app replica by bench/scale.bench.ts (NODE_OPTIONS=--import), never by the
 * app itself: notes the operating-system id of each worker thread the process starts (the
 * Temporal SDK runs workflow code in one) in `$DATA_DIR/workflow-threads`, so that the
 * benchmark can read that thread's CPU time from /proc apart from the main thread's.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import threads from 'node:worker_threads';

if (threads.isMainThread && process.env.DATA_DIR) {
  const file = join(process.env.DATA_DIR, 'workflow-threads');
  const tids = () => new Set(readdirSync('/proc/self/task'));
  const Original = threads.Worker;
  threads.Worker = class extends Original {
    constructor(...args) {
      const before = tids();
      super(...args);
      // The thread is running once it says it is online: the ids new since then are its own.
      this.once('online', () => {
        for (const tid of tids()) if (!before.has(tid)) appendFileSync(file, `${tid}\n`);
      });
    }
  };
}
