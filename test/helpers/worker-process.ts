import { spawn, type ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import type { TestSystem } from './system.js';

/** A worker in a process of its own on a test system's data folder and task queue, to be killed. */
export class WorkerProcess {
  #child: ChildProcess | null = null;

  constructor(private readonly system: TestSystem) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/run-worker.ts'], {
      env: { ...process.env, DATA_DIR: this.system.dataDir, TEMPORAL_ADDRESS: inject('temporalAddress'), TEMPORAL_TASK_QUEUE: this.system.taskQueue, WORKFLOW_BUNDLE: inject('workflowBundlePath') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 60_000;
    while (!output.includes('worker ready')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    this.#child = child;
  }

  /** SIGKILL: no clean shutdown, whatever the worker was doing. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.#child = null;
  }
}
