/**
 * Workflow benchmarks on the embedded default: full task lifecycles (assign, submit,
 * approve at two levels) against the same workflow shape with empty activities (the
 * Temporal floor) in the same run, and the launch of a large cycle with the largest
 * history of any run. Writes its section of BENCHMARKS.md.
 */
import { fmt, machine, writeSection } from './harness.js';
import { lifecycleContext, lifecycles } from './lifecycles.js';

const SIZES = (process.env.BENCH_LIFECYCLES ?? '1000,10000').split(',').map(Number).filter((n) => n > 0);
const LAUNCH = Number(process.env.BENCH_LAUNCH ?? (process.env.BENCH_TEMPORAL === 'memory' ? 0 : 100_000));
const CONCURRENCY = 32;
const say = (line: string) => process.stdout.write(`${line}\n`);

// The dev server keeps its state in a SQLite file, as `npm start` runs it
// (BENCH_TEMPORAL=memory keeps it in memory instead, as the test suite runs it).
const inMemory = process.env.BENCH_TEMPORAL === 'memory';
const context = await lifecycleContext({ inMemory, concurrency: CONCURRENCY, say });

const lines: string[] = [];
const log = (line: string) => {
  say(line);
  lines.push(line);
};
log(`### Workflows ${inMemory ? 'with Temporal in memory (dev server' : '(embedded default: Temporal dev server'}, in-process worker, SQLite event store)\n\nMachine: ${machine()}. Updates driven straight through the Temporal client, ${CONCURRENCY} at a time; one run each. ${inMemory ? 'The dev server keeps its state in memory (not as `npm start` runs it).' : 'The dev server runs as `npm start` runs it: its state in a SQLite file (WAL, every commit synced).'}\n`);
log('| cycle | this system | Temporal floor (empty activities) | ratio | largest history of any run |');
log('|---|---|---|---|---|');
for (const n of SIZES) {
  const ours = await lifecycles(context, n, false, 'full');
  const floor = await lifecycles(context, n, true, 'full');
  log(`| ${fmt(n)} full lifecycles (assign, submit, approve × 2) | ${fmt(n / ours.seconds, 1)} tasks/s (${fmt(ours.seconds, 1)} s) | ${fmt(n / floor.seconds, 1)} tasks/s (${fmt(floor.seconds, 1)} s) | ${fmt(ours.seconds / floor.seconds, 2)}× | ${fmt(Math.max(ours.maxHistory, floor.maxHistory))} events |`);
}
if (LAUNCH > 0) {
  const big = await lifecycles(context, LAUNCH, false, 'launch+close');
  log(`| launch of ${fmt(LAUNCH)} tasks (all assigned) | ${fmt(big.launchSeconds, 0)} s, ${fmt(LAUNCH / big.launchSeconds, 1)} tasks/s | | | ${fmt(big.maxHistory)} events |`);
  log(`| close of those ${fmt(LAUNCH)} tasks (answered \`closing\`, then every task told until \`closed\`) | answered in ${fmt(big.close!.answerMs, 0)} ms; closed in ${fmt(big.close!.seconds, 0)} s, ${fmt(LAUNCH / big.close!.seconds, 1)} tasks/s | | | |`);
}
log('\nTargets: ≥ 50 full task lifecycles per second; overhead ≤ 1.5× the Temporal floor; 100,000 tasks assigned in ≤ 10 minutes with no run over 10,000 history events.');
writeSection(inMemory ? 'workflows-in-memory' : 'workflows', lines.join('\n'));
await context.close();
