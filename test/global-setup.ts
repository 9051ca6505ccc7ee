import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { findMailpit, startMailpit } from '../bin/mailpit.js';
import { WORKFLOWS_PATH } from '../bin/system.js';
import { findTemporalCli, startDevServer } from '../bin/temporal.js';
import { freePort } from './helpers/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalCli: string;
    workflowBundlePath: string;
    /** The run's mail catcher: its SMTP URL, and its web inbox whose REST API tests read. */
    smtpUrl: string;
    mailpitUrl: string;
    mailpitBin: string;
  }
}

/** One real Temporal dev server (in memory), one Mailpit and one workflow bundle for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const cli = findTemporalCli(say);
  const server = await startDevServer({ cli, port: await freePort(), uiPort: null });
  const mailpitBin = findMailpit(say);
  if (!mailpitBin) throw new Error('the tests need Mailpit: install Go so that it can be built, or set MAILPIT to its binary');
  const mailpit = await startMailpit({ bin: mailpitBin, smtpPort: await freePort(), uiPort: await freePort(), maxMessages: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'survey-ops-bundle-'));
  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error: (m: string) => process.stderr.write(`${m}\n`) } });
  const codePath = join(dir, 'workflows.js');
  writeFileSync(codePath, bundle.code);
  project.provide('temporalAddress', server.address);
  project.provide('temporalCli', cli);
  project.provide('workflowBundlePath', codePath);
  project.provide('smtpUrl', mailpit.smtpUrl);
  project.provide('mailpitUrl', mailpit.url);
  project.provide('mailpitBin', mailpitBin);
  return async () => {
    await mailpit.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
