import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { WORKFLOWS_PATH } from '../bin/system.js';
import { findTemporalCli, startDevServer } from '../bin/temporal.js';
import { freePort } from './helpers/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalCli: string;
    workflowBundlePath: string;
  }
}

/** One real Temporal dev server (in memory) and one workflow bundle for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cli = findTemporalCli((line) => process.stdout.write(`${line}\n`));
  const server = await startDevServer({ cli, port: await freePort(), uiPort: null });
  const dir = mkdtempSync(join(tmpdir(), 'survey-ops-bundle-'));
  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error: (m: string) => process.stderr.write(`${m}\n`) } });
  const codePath = join(dir, 'workflows.js');
  writeFileSync(codePath, bundle.code);
  project.provide('temporalAddress', server.address);
  project.provide('temporalCli', cli);
  project.provide('workflowBundlePath', codePath);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
