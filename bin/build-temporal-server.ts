import { findTemporalBinary } from './temporal-cluster.js';

/** Finds, or builds once with Go, the Temporal server and its SQL tool the cluster profile runs (.ci/run calls it). */
const say = (line: string) => process.stdout.write(`${line}\n`);
say(`Temporal server: ${findTemporalBinary('server', say)}`);
say(`Temporal SQL tool: ${findTemporalBinary('sql', say)}`);
