/** `npm run bench`: every benchmark in turn (or those named on the command line); each writes its section of BENCHMARKS.md. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { NODE_FLAGS } from '../bin/node-flags.js';

const wanted = process.argv.slice(2);
const benches = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (wanted.length === 0 || wanted.some((w) => f.startsWith(w))));
for (const bench of benches) {
  process.stdout.write(`\n== ${bench}\n`);
  const result = spawnSync(process.execPath, [...NODE_FLAGS, '--import', 'tsx', `bench/${bench}`], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
